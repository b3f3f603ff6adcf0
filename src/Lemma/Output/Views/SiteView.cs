using Lemma.Configuration;

namespace Lemma.Output.Views;

/// <summary>The <c>site</c> object of every template.</summary>
public sealed record SiteView
{
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Tagline { get; init; }
    public required string BaseUrl { get; init; }
    public required string Language { get; init; }
    public required Author Author { get; init; }
    public required IReadOnlyList<MenuItem> Menu { get; init; }
    public required IReadOnlyList<SocialLink> Social { get; init; }
    public required IReadOnlyDictionary<string, object?> Params { get; init; }
    public required string BuildDate { get; init; }
    public required int Year { get; init; }
    public bool HasNewsletter { get; init; }
    /// <summary>The search page, where the header's search box submits; null with <c>search: false</c>.</summary>
    public string? SearchUrl { get; init; }
    public required FeedLinks Feeds { get; init; }
    public required IReadOnlyList<SectionView> Sections { get; init; }
    public required IReadOnlyDictionary<string, TaxonomyView> Taxonomies { get; init; }
    public required IReadOnlyDictionary<string, object?> Data { get; init; }
    public required IReadOnlyDictionary<string, string> Assets { get; init; }
    public string? MathFontCss { get; init; }
    /// <summary>The site's policy (<see cref="Lemma.Output.ContentSecurityPolicy.MetaWith"/>), for the theme's &lt;meta http-equiv&gt;.</summary>
    public string ContentSecurityPolicy { get; init; } = Lemma.Output.ContentSecurityPolicy.Meta;
    /// <summary>True under `lemma serve` (drafts get a badge, the reload script is injected).</summary>
    public bool Preview { get; init; }
}

/// <summary>A section as <c>site.sections</c> lists it. Like a page's view it is named (<see cref="Key"/>): a template reads
/// each member through the store, and two with the same key are the same section.</summary>
public sealed record SectionView(string Name, string Title, string Url, int Count, ViewList<PageView> Pages, FeedLinks Feeds)
{
    public string Key => "section:" + Name;

    public bool Equals(SectionView? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => Key.GetHashCode();
}

/// <summary>A taxonomy as <c>site.taxonomies</c> and its pages show it; named like <see cref="SectionView"/>.</summary>
public sealed record TaxonomyView(string Name, string Singular, string Url, ViewList<TermView> Terms)
{
    public string Key => "taxonomy:" + Name;

    public bool Equals(TaxonomyView? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => Key.GetHashCode();
}

/// <param name="Posts">How many of its <paramref name="Count"/> pages are posts.</param>
public sealed record TermView(string Name, string Slug, string Url, int Count, string Taxonomy, FeedLinks Feeds, int Posts);

/// <param name="Permalink">This page of the list, absolute: its canonical URL (page 2 is not page 1).</param>
public sealed record PaginatorView(
    ViewList<PageView> Items, int PageNumber, int TotalPages, int TotalItems,
    string? PrevUrl, string? NextUrl, string FirstUrl, string LastUrl, string Permalink);

public sealed record HomeSectionView(string Kind, string Title, ViewList<object> Items, IReadOnlyDictionary<string, object?> Settings);

public sealed record TrendingTag(string Name, string Url, int Count, int Weight);

public sealed record ArchiveYear(int Year, ViewList<PageView> Pages);
