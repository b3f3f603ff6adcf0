using System.Collections.Immutable;
using Lemma.Bibliography;
using Markdig.Syntax;

namespace Lemma.Markdown.Citations;

/// <summary>How a site cites: "(Vaswani et al., 2017)" or "[1]".</summary>
public enum CitationStyle { AuthorYear, Numeric }

/// <summary>A site's citation setup: its bibliography files and style.</summary>
public sealed record CitationSettings(BibLibrary Library, CitationStyle Style)
{
    public static readonly CitationSettings None = new(BibLibrary.Empty, CitationStyle.AuthorYear);

    /// <summary>"author-year" (the default) or "numeric"; null for anything else.</summary>
    public static CitationStyle? ParseStyle(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "author-year" or "authoryear" or "author-date" => CitationStyle.AuthorYear,
        "numeric" or "number" or "numbered" => CitationStyle.Numeric,
        _ => null,
    };
}

/// <summary>
/// The citations of one page, known before it is rendered: which entries it cites (in order of first citation),
/// their numbers (numeric style) and year suffixes ("2017a", author-year style, for one label and year twice).
/// </summary>
public sealed class PageCitations
{
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> suffixes = new(StringComparer.Ordinal);
    private readonly List<BibEntry> cited = [];

    public PageCitations(IReadOnlyDictionary<string, BibEntry> entries, CitationStyle style, MarkdownDocument document)
        : this(entries, style) => Add(document);

    public PageCitations(IReadOnlyDictionary<string, BibEntry> entries, CitationStyle style)
    {
        Entries = entries;
        Style = style;
    }

    /// <summary>Takes in the citations of one more part of the page (a notebook's next Markdown cell).</summary>
    public void Add(MarkdownDocument document)
    {
        foreach (var citation in document.Descendants<CitationInline>())
            foreach (var item in citation.Items)
                if (Entries.TryGetValue(item.Key, out var entry) && numbers.TryAdd(entry.Key, numbers.Count + 1))
                    cited.Add(entry);
        if (Style != CitationStyle.AuthorYear) return;
        // Suffixes over what the page cites so far: a part rendered earlier keeps the ones it was given.
        foreach (var group in cited.GroupBy(e => (ReferenceFormatter.AuthorLabel(e), e.Year)).Where(g => g.Count() > 1))
        {
            var letter = 'a';
            foreach (var entry in group) suffixes.TryAdd(entry.Key, (letter++).ToString());
        }
    }

    public IReadOnlyDictionary<string, BibEntry> Entries { get; }
    public CitationStyle Style { get; }
    public bool HasBibliography => Entries.Count > 0;

    public int Number(string key) => numbers[key];

    public string Suffix(string key) => suffixes.GetValueOrDefault(key, "");

    /// <summary>The reference list: numeric in citation order; author-year by author, year and title.</summary>
    public ImmutableArray<BibEntry> References => Style == CitationStyle.Numeric
        ? [.. cited]
        : [.. cited.OrderBy(e => SortName(e), StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Year ?? "", StringComparer.Ordinal)
            .ThenBy(e => Suffix(e.Key), StringComparer.Ordinal)
            .ThenBy(e => e.Title ?? "", StringComparer.OrdinalIgnoreCase)];

    private static string SortName(BibEntry e)
    {
        var people = e.Authors.IsEmpty ? e.Editors : e.Authors;
        return people.IsEmpty ? e.Title ?? e.Key : people[0].Last + " " + people[0].First;
    }
}
