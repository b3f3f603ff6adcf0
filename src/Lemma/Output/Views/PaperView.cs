using Lemma.Content;

namespace Lemma.Output.Views;

/// <summary>
/// A paper note's paper as templates see it (<c>page.paper</c>): <c>title</c>, <c>url</c> (where the title links),
/// <c>authors</c> (a list), <c>authors_display</c> ("A, B and C", or "A, B, C et al." past <see cref="MaxNamed"/>),
/// <c>year</c>, <c>venue</c>, <c>arxiv</c> and <c>arxiv_url</c>, <c>doi</c> and <c>doi_url</c>, <c>code</c> (a URL).
/// </summary>
public sealed record PaperView
{
    /// <summary>Authors named in <see cref="AuthorsDisplay"/> before "et al.".</summary>
    public const int MaxNamed = 3;

    public required string Title { get; init; }
    public string? Url { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string AuthorsDisplay { get; init; } = "";
    public int? Year { get; init; }
    public string? Venue { get; init; }
    public string? Arxiv { get; init; }
    public string? ArxivUrl { get; init; }
    public string? Doi { get; init; }
    public string? DoiUrl { get; init; }
    public string? Code { get; init; }

    public static PaperView From(Paper paper) => new()
    {
        Title = paper.Title,
        Url = paper.Link,
        Authors = paper.Authors,
        AuthorsDisplay = Names(paper.Authors),
        Year = paper.Year,
        Venue = paper.Venue,
        Arxiv = paper.Arxiv,
        ArxivUrl = paper.ArxivUrl,
        Doi = paper.Doi,
        DoiUrl = paper.DoiUrl,
        Code = paper.Code,
    };

    private static string Names(IReadOnlyList<string> authors) => authors.Count switch
    {
        0 => "",
        1 => authors[0],
        <= MaxNamed => string.Join(", ", authors.Take(authors.Count - 1)) + " and " + authors[^1],
        _ => string.Join(", ", authors.Take(MaxNamed)) + " et al.",
    };
}
