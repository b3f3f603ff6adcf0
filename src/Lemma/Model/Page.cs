using System.Collections.Immutable;
using Lemma.Content;

namespace Lemma.Model;

public enum PageKind { Post, Page }

/// <summary>A page of the site after the model stage: its source, where it lives and what lists it belongs to.</summary>
public sealed record Page
{
    public required PageSource Source { get; init; }
    public required PageKind Kind { get; init; }
    public required string Title { get; init; }
    public required string Slug { get; init; }
    /// <summary>Site-relative URL path with leading and trailing slash, e.g. "/posts/attention/" (no base path).</summary>
    public required string Url { get; init; }
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public bool Draft { get; init; }
    public bool InProgress { get; init; }
    /// <summary>True when the page's publish date is after the build's "now" (shown only with --future).</summary>
    public bool Future { get; init; }
    /// <summary>Term names by taxonomy plural name ("tags" -> ["python"]).</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Terms { get; init; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;
    /// <summary>Redirect URLs (site-relative paths) that point to this page.</summary>
    public ImmutableArray<string> Aliases { get; init; } = [];

    public FrontMatter FrontMatter => Source.FrontMatter;
    public string Section => Source.Section;
    /// <summary>The date lists sort by: the publish date, else the file date, else none (last).</summary>
    public DateTimeOffset SortDate => Date ?? DateTimeOffset.MinValue;
    /// <summary>The last time the page changed: updated, else date.</summary>
    public DateTimeOffset LastChange => Updated is { } u && u > SortDate ? u : SortDate;
}
