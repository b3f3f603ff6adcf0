using System.Collections.Immutable;
using Lemma.Configuration;

namespace Lemma.Content;

/// <summary>How a body is read: Markdown, a Jupyter notebook, or HTML (a Jekyll site's .html page with front matter).</summary>
public enum ContentFormat { Markdown, Notebook, Html }

/// <summary>
/// One content file after the load stage: where it is, what its front matter says, and its body.
/// Rendering has not happened yet.
/// </summary>
public sealed record PageSource
{
    /// <summary>Path relative to the site root, e.g. "content/posts/attention/index.md".</summary>
    public required string Path { get; init; }
    /// <summary>Top-level folder under content/ ("posts"), or "" for a page at the root of content/.</summary>
    public required string Section { get; init; }
    public required ContentFormat Format { get; init; }
    /// <summary>Slug from the file or bundle name, after Jekyll's date prefix is removed.</summary>
    public required string FileSlug { get; init; }
    /// <summary>Bundle folder relative to the site root when the file is a bundle's index, else null.</summary>
    public string? BundleDir { get; init; }
    /// <summary>True for _index.md: the section's own page (title and intro of its list).</summary>
    public bool IsSectionIndex { get; init; }
    /// <summary>Date taken from a Jekyll-style file name (2024-05-01-title.md), if any.</summary>
    public DateTimeOffset? FileDate { get; init; }
    /// <summary>The URL (or pattern) where the file's place puts it when its front matter names none: a Jekyll page's folder
    /// (/tag/x/), a Jekyll collection's permalink. Null where the section and the site's permalinks decide.</summary>
    public string? Permalink { get; init; }
    public required FrontMatter FrontMatter { get; init; }
    /// <summary>The body after the front matter (Markdown, or a notebook's JSON).</summary>
    public required string Body { get; init; }
    /// <summary>1-based line of the body's first line in the file, to map body positions to file positions.</summary>
    public int BodyLine { get; init; } = 1;
    /// <summary>The file line of each body line when Liquid rewrote the body (a Jekyll page); empty when the body is the file's text.</summary>
    public ImmutableArray<int> BodyLines { get; init; } = [];
}

/// <summary>The typed front matter fields Lemma understands, and every field as parsed in <see cref="Raw"/>.</summary>
public sealed record FrontMatter
{
    public string? Title { get; init; }
    public DateTimeOffset? Date { get; init; }
    /// <summary>"updated" or Hugo's "lastmod".</summary>
    public DateTimeOffset? Updated { get; init; }
    /// <summary>Hugo's publishDate; when absent the date is the publish date.</summary>
    public DateTimeOffset? PublishDate { get; init; }
    public DateTimeOffset? ExpiryDate { get; init; }
    public bool Draft { get; init; }
    /// <summary>"summary", else "description".</summary>
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public ImmutableArray<string> Tags { get; init; } = [];
    public ImmutableArray<string> Categories { get; init; } = [];
    /// <summary>Other taxonomies declared in the config, by plural name.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> OtherTerms { get; init; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;
    public string? Series { get; init; }
    public int? SeriesOrder { get; init; }
    public bool Featured { get; init; }
    /// <summary>The page's own script and style files (<c>scripts:</c>, <c>styles:</c>): a bundle's file names, site paths
    /// or https URLs, loaded after the theme's.</summary>
    public ImmutableArray<string> Scripts { get; init; } = [];
    public ImmutableArray<string> Styles { get; init; } = [];
    public string? Slug { get; init; }
    public string? Url { get; init; }
    public ImmutableArray<string> Aliases { get; init; } = [];
    public string? ExternalUrl { get; init; }
    /// <summary>"in-progress" lists the page publicly with a Draft badge.</summary>
    public string? Status { get; init; }
    /// <summary>The table of contents, reading time, meta line and post links as this page asks (toc, ShowToc, hidemeta, ...).</summary>
    public PageDisplay Display { get; init; } = PageDisplay.Unset;
    /// <summary>The page's own authors (<c>author</c> or <c>authors</c>: one name or a list); empty when it names none.</summary>
    public ImmutableArray<string> Authors { get; init; } = [];
    public CoverImage? Cover { get; init; }
    /// <summary>PaperMod's <c>searchHidden</c>: the page stays out of the site's search index.</summary>
    public bool SearchHidden { get; init; }
    public string? Layout { get; init; }
    public int Weight { get; init; }
    /// <summary>A paper note's paper (<c>paper:</c>), checked; see <see cref="Content.Paper"/>.</summary>
    public Paper? Paper { get; init; }
    /// <summary>Every field as parsed (strings, numbers, bools, dates, lists, maps), for templates.</summary>
    public ImmutableDictionary<string, object?> Raw { get; init; } = ImmutableDictionary<string, object?>.Empty;
    /// <summary>Line (in the file) of each top-level key, for diagnostics about a field.</summary>
    public ImmutableDictionary<string, int> KeyLines { get; init; } = ImmutableDictionary<string, int>.Empty;
}

/// <summary>A page's image (<c>cover: x.png</c>, <c>image:</c>, or PaperMod's <c>cover: {image, alt, caption, hidden}</c>): the
/// card image of its links, shown above its text unless <see cref="Hidden"/>.</summary>
public sealed record CoverImage(string Image, string Alt = "", string Caption = "", bool Hidden = false);
