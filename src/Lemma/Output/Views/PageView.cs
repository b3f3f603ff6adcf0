using Lemma.Markdown;

namespace Lemma.Output.Views;

/// <summary>A page as templates see it (snake_case in Liquid: <c>page.date_display</c>). See docs/templates.md.</summary>
public sealed record PageView
{
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
    public bool Draft { get; init; }
    public bool InProgress { get; init; }
    public string? Status { get; init; }
    public bool Featured { get; init; }
    public string? ExternalUrl { get; init; }
    public string? Cover { get; init; }
    /// <summary>A paper note's paper (front matter <c>paper:</c>); null on other pages.</summary>
    public PaperView? Paper { get; init; }
    public bool HasMath { get; init; }
    public bool HasCode { get; init; }
    public PageLink? Prev { get; init; }
    public PageLink? Next { get; init; }
    public IReadOnlyList<PageLink> Related { get; init; } = [];
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyDictionary<string, object?> Params { get; init; } = new Dictionary<string, object?>();
    public FeedLinks? Feeds { get; init; }
    /// <summary>On the home page's "recent" section: "published" or "updated".</summary>
    public string? RecentKind { get; init; }
    public string? RecentDate { get; init; }
}

public sealed record PageLink(string Title, string Url, string? DateDisplay);

public sealed record TermLink(string Name, string Slug, string Url);

public sealed record TocView(int Level, string Id, string Text);

public sealed record SeriesView(string Name, int Index, int Total, IReadOnlyList<SeriesItem> Pages);

public sealed record SeriesItem(string Title, string Url, bool Current);

public sealed record FeedLinks(string Atom, string Rss, string Json);
