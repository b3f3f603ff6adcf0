using System.Collections.Immutable;

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
}
