using Lemma.Markdown;

namespace Lemma.Output.Views;

/// <summary>
/// A page as templates see it (snake_case in Liquid: <c>page.date_display</c>). See docs/templates.md. A view is
/// named by its <see cref="Key"/> (a page's source path, "@" and the site path for a list's own page): a template
/// reads each member through the query of that key, so a list holds <see cref="Ref"/>s, and two views with the same
/// key (and the same <see cref="RecentKind"/> decoration) are the same view.
/// </summary>
public sealed record PageView
{
    /// <summary>The view's name in the store; null for a view no query made (then it equals only itself).</summary>
    public string? Key { get; init; }

    /// <summary>A view by name alone, for lists: its members are read through the store.</summary>
    public static PageView Ref(string key) => new() { Key = key, Title = "", Url = "", Permalink = "", Kind = "", Section = "", Slug = "" };

    public bool Equals(PageView? other) =>
        other is not null && (Key is null ? ReferenceEquals(this, other) : Key == other.Key && RecentKind == other.RecentKind && RecentDate == other.RecentDate);

    public override int GetHashCode() => Key?.GetHashCode() ?? 0;

    /// <summary>Members a list sets on the views it holds (<see cref="Ref"/> with these): read from the view itself.</summary>
    public static readonly IReadOnlySet<string> Decorations = new HashSet<string>([nameof(RecentKind), nameof(RecentDate)]);

    public required string Title { get; init; }
    public required string Url { get; init; }
    public required string Permalink { get; init; }
    public required string Kind { get; init; }
    public required string Section { get; init; }
    public required string Slug { get; init; }
    public string? Date { get; init; }
    public string? DateDisplay { get; init; }
    public string? Updated { get; init; }
    public string? UpdatedDisplay { get; init; }
    public int? Year { get; init; }
    public string? Summary { get; init; }
    public string Description { get; init; } = "";
    public Utf8Html? Content { get; init; }
    public int ReadingMinutes { get; init; }
    public int WordCount { get; init; }
    public IReadOnlyList<TermLink> Tags { get; init; } = [];
    public IReadOnlyList<TermLink> Categories { get; init; } = [];
    public SeriesView? Series { get; init; }
    public IReadOnlyList<TocView> Toc { get; init; } = [];
    public bool HasToc { get; init; }
    /// <summary>The table of contents starts open (PaperMod's TocOpen; open unless a page or the site says false).</summary>
    public bool TocOpen { get; init; } = true;
    public bool ShowReadingTime { get; init; } = true;
    /// <summary>The date, reading time and authors line (PaperMod's hidemeta turns it off).</summary>
    public bool ShowMeta { get; init; } = true;
    /// <summary>Links to the previous and next post (PaperMod's ShowPostNavLinks).</summary>
    public bool ShowPostNav { get; init; } = true;
    /// <summary>The page's own authors, in its front matter's order.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>Left out of the site's search index (PaperMod's searchHidden).</summary>
    public bool SearchHidden { get; init; }
    public bool Draft { get; init; }
    public bool InProgress { get; init; }
    public string? Status { get; init; }
    public bool Featured { get; init; }
    /// <summary>The page's own scripts and stylesheets (front matter <c>scripts:</c>, <c>styles:</c>), as URLs.</summary>
    public IReadOnlyList<string> Scripts { get; init; } = [];
    public IReadOnlyList<string> Styles { get; init; } = [];
    public string? ExternalUrl { get; init; }
    public CoverView? Cover { get; init; }
    /// <summary>A paper note's paper (front matter <c>paper:</c>); null on other pages.</summary>
    public PaperView? Paper { get; init; }
    public bool HasMath { get; init; }
    public bool HasCode { get; init; }
    public PageLink? Prev { get; init; }
    public PageLink? Next { get; init; }
    public IReadOnlyList<PageLink> Related { get; init; } = [];
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>The page's approved reader comments, each reply after its parent (served by `lemma serve` only).</summary>
    public IReadOnlyList<CommentView> Comments { get; init; } = [];
    public int CommentCount { get; init; }
    /// <summary>The comment form shows: comments on in site.yaml, a post without <c>comments: false</c>, not closed by
    /// <c>close_after</c>.</summary>
    public bool CommentsOpen { get; init; }
    /// <summary>What the comment form names the post by: its site path, without the base path.</summary>
    public string? CommentPost { get; init; }
    public IReadOnlyDictionary<string, object?> Params { get; init; } = System.Collections.Immutable.ImmutableDictionary<string, object?>.Empty;
    public FeedLinks? Feeds { get; init; }
    /// <summary>On the home page's "recent" section: "published" or "updated".</summary>
    public string? RecentKind { get; init; }
    public string? RecentDate { get; init; }
}

/// <summary>A page's image: its URL (for cards and og:image), its alt text and caption, and whether the page shows it above its text.</summary>
public sealed record CoverView(string Url, string Alt, string Caption, bool Shown)
{
    /// <summary>Its size in pixels, when it is an image file of the site (for width and height, so the text never moves).</summary>
    public int? Width { get; init; }
    public int? Height { get; init; }
    /// <summary>Its smaller copies, one srcset per format, and the sizes they are shown at; null when it has none.</summary>
    public string? Avif { get; init; }
    public string? Webp { get; init; }
    public string? Sizes { get; init; }
}

public sealed record PageLink(string Title, string Url, string? DateDisplay);

/// <summary>
/// A reader comment as the theme shows it: <c>html</c> is sanitized (print it with <c>raw</c>), <c>author</c> and
/// <c>website</c> are plain text, <c>website</c> only http(s). <c>depth</c> is 0 for a comment, 1 for a reply to it...
/// <c>is_author</c>: the site's writer wrote it (through the server's admin login).
/// </summary>
public sealed record CommentView(long Id, string Anchor, long? ParentId, string Author, string Initials, string? Website, string Html,
    string Date, string DateDisplay, int Depth, bool IsAuthor = false);

public sealed record TermLink(string Name, string Slug, string Url);

public sealed record TocView(int Level, string Id, string Text);

/// <param name="Url">The series page, listing its parts (null when the name has no slug).</param>
public sealed record SeriesView(string Name, int Index, int Total, ViewList<SeriesItem> Pages, string? Url);

/// <summary>A series on the <c>/series/</c> page, and on each series page as <c>series</c>.</summary>
public sealed record SeriesLink(string Name, string Url, int Parts);

public sealed record SeriesItem(string Title, string Url, bool Current);

public sealed record FeedLinks(string Atom, string Rss, string Json);
