using System.Collections.Immutable;

namespace Lemma.Content.Jekyll;

/// <summary>
/// What Liquid in a Jekyll page body may read of the whole site, built once per build and not changed after:
/// the <c>site</c> variable, the URLs <c>post_url</c> and <c>link</c> answer, and the files includes may read.
/// </summary>
public sealed record JekyllSite
{
    /// <summary>The site's root folder, where includes are read.</summary>
    public required string Root { get; init; }
    /// <summary><c>site</c>: the config's keys, <c>data</c>, <c>posts</c>, <c>pages</c>, ... as plain values.</summary>
    public required IReadOnlyDictionary<string, object?> Values { get; init; }
    /// <summary>The site's base URL with a trailing slash (url + baseurl).</summary>
    public required string BaseUrl { get; init; }
    /// <summary>Post URLs by file name without extension ("2020-01-01-name"), and by the slug after the date.</summary>
    public ImmutableDictionary<string, string> PostUrls { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>Page URLs by source path ("_posts/2020-01-01-name.md", "about.md").</summary>
    public ImmutableDictionary<string, string> SourceUrls { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>Files of _includes/ by their name under it ("figure.html", "nav/top.html").</summary>
    public ImmutableHashSet<string> Includes { get; init; } = ImmutableHashSet<string>.Empty;
    /// <summary>Every site file a page may include by a path relative to itself (include_relative).</summary>
    public ImmutableHashSet<string> Files { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>The site has jekyll-scholar's bibliography: <c>{% cite %}</c> is Lemma's citation and <c>{% bibliography %}</c>
    /// Lemma's reference list. Without it they are unknown tags, shown marked.</summary>
    public bool Scholar { get; init; }
    /// <summary>The keys of the site's bibliography entries: a <c>{% cite %}</c> of another key is a warning with its tag kept.</summary>
    public ImmutableHashSet<string> CitationKeys { get; init; } = ImmutableHashSet<string>.Empty;
    /// <summary>The keys of each jekyll-scholar .bib file, in file order, by file name without extension ("papers"), and under ""
    /// those of the file <c>scholar.bibliography</c> names (else every file): what <c>{% bibliography %}</c> lists.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> BibliographyKeys { get; init; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;

    /// <summary>The path of the base URL ("/blog/" for https://example.org/blog/), which relative_url puts before a path.</summary>
    public string BasePath => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) ? uri.AbsolutePath : "/";
}

/// <summary>One page as its own Liquid sees it: <c>page</c>, and where its body sits in its file.</summary>
public sealed record JekyllPage(string Path, string Body, int BodyLine, IReadOnlyDictionary<string, object?> Values);

/// <summary>A body after Liquid: the text Markdown reads, the file line of each of its lines, and what went wrong.</summary>
public sealed record ExpandedBody(string Body, ImmutableArray<int> Lines, ImmutableArray<Diagnostics.Diagnostic> Diagnostics);
