using System.Collections.Immutable;
using Lemma.Configuration;

namespace Lemma.Model;

/// <summary>
/// The whole site as the model stage sees it, immutable: every page that will be published,
/// with its sections, taxonomies, series and data. Rendering reads it and never writes back.
/// </summary>
public sealed record Site
{
    public required SiteConfig Config { get; init; }
    /// <summary>Every published page (posts and plain pages), newest first.</summary>
    public required ImmutableArray<Page> Pages { get; init; }
    /// <summary>The same pages in source path order: a date edit leaves it as it was.</summary>
    public ImmutableArray<Page> ByPath { get; init; } = [];
    public required ImmutableArray<Section> Sections { get; init; }
    public required ImmutableArray<Taxonomy> Taxonomies { get; init; }
    /// <summary>Pages of each series, in series order.</summary>
    public required ImmutableDictionary<string, ImmutableArray<Page>> Series { get; init; }
    /// <summary>Parsed data/*.yaml|json|toml by file name without extension.</summary>
    public required ImmutableDictionary<string, object?> Data { get; init; }
    /// <summary>content/_index.md, if any: the home page's own text.</summary>
    public Page? HomeIndex { get; init; }
    /// <summary>Old URLs that answer with a redirect to one of Lemma's lists (a Jekyll site's tag archives, its tags.html), by old URL.</summary>
    public ImmutableDictionary<string, string> Redirects { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Posts only (pages in a section), newest first.</summary>
    public ImmutableArray<Page> Posts => posts.Value;

    // Worked out once: lists, feeds and related posts all walk it. (A copy made with `with` and other pages gets its own.)
    private readonly Lazy<ImmutableArray<Page>> posts;

    public Site() => posts = new(() => [.. Pages.Where(p => p.Kind == PageKind.Post)]);

    private Site(Site original)
    {
        Config = original.Config; Pages = original.Pages; ByPath = original.ByPath; Sections = original.Sections; Taxonomies = original.Taxonomies;
        Series = original.Series; Data = original.Data; HomeIndex = original.HomeIndex; Redirects = original.Redirects;
        posts = new(() => [.. Pages.Where(p => p.Kind == PageKind.Post)]);
    }
}

/// <summary>A top-level folder of content/: its list page and its posts, newest first.</summary>
public sealed record Section(string Name, string Title, string Url, ImmutableArray<Page> Pages, Page? Index);

/// <summary>A taxonomy (tags, categories): its terms sorted by name.</summary>
public sealed record Taxonomy(string Name, string Singular, string Url, ImmutableArray<Term> Terms);

/// <summary>One term of a taxonomy and its pages, newest first.</summary>
public sealed record Term(string Name, string Slug, string Url, ImmutableArray<Page> Pages);
