using System.Collections.Immutable;
using Lemma.Configuration;
using Lemma.Diagnostics;

namespace Lemma.Sources;

/// <summary>
/// What the discover stage found under a site root. All paths are relative to <see cref="Root"/>,
/// with forward slashes, sorted ordinally so every build sees the same order.
/// </summary>
public sealed record SourceSet(
    string Root,
    string? ConfigFile,
    ImmutableArray<string> ContentFiles,
    ImmutableArray<string> BundleResources,
    ImmutableArray<string> DataFiles,
    ImmutableArray<string> LayoutFiles,
    ImmutableArray<string> StaticFiles,
    ImmutableArray<string> BibliographyFiles)
{
    /// <summary>assets/: files that replace the theme's assets of the same name (assets/css/site.css), or add to them.</summary>
    public ImmutableArray<string> AssetFiles { get; init; } = [];

    /// <summary>_includes/: what a Jekyll page's <c>{% include %}</c> may read.</summary>
    public ImmutableArray<string> IncludeFiles { get; init; } = [];

    /// <summary>A site without content/ (Jekyll's, a folder of notebooks): its files outside _-folders that are not pages
    /// (images, PDFs, CSS, a notebook's figures/): published at their own paths.</summary>
    public ImmutableArray<string> SiteFiles { get; init; } = [];

    /// <summary>A Jekyll site's jekyll-scholar bibliographies (the .bib files in <c>scholar.source</c>, _bibliography/ by default):
    /// among <see cref="BibliographyFiles"/>, and seen by every page.</summary>
    public ImmutableArray<string> ScholarFiles { get; init; } = [];

    /// <summary>True for a Jekyll site (its config is _config.yml): Liquid runs in its bodies, its files publish at their paths.</summary>
    public bool IsJekyll => ConfigLoader.KindOf(ConfigFile) == SiteKind.Jekyll;

    /// <summary>What discovery found wrong with the site's files: links out of the site (errors), links to nothing (warnings).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];
}
