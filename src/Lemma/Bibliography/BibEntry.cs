using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Lemma.Diagnostics;

namespace Lemma.Bibliography;

/// <summary>
/// One person of an author or editor list, split the way BibTeX splits names: "von Last, Jr, First".
/// A corporate author written in braces ("{OpenAI}") is all <see cref="Last"/>.
/// </summary>
public sealed record Person(string First, string Von, string Last, string Jr)
{
    /// <summary>"van der Maaten": the particle and the last name, as citations show it.</summary>
    public string FamilyName => Von.Length > 0 ? Von + " " + Last : Last;

    /// <summary>"Laurens van der Maaten, Jr": the name as a reference list shows it.</summary>
    public string FullName => string.Join(" ", new[] { First, FamilyName }.Where(p => p.Length > 0)) + (Jr.Length > 0 ? ", " + Jr : "");

    /// <summary>BibTeX's "and others": the list goes on unnamed.</summary>
    public bool IsOthers => First.Length == 0 && Von.Length == 0 && Jr.Length == 0 && Last == "others";
}

/// <summary>
/// One entry of a BibTeX file, after macros, concatenation and LaTeX accents were resolved: field names are
/// lower case, values are Unicode text.
/// </summary>
public sealed partial record BibEntry
{
    /// <summary>Entry type in lower case: "article", "inproceedings", "book", "misc"...</summary>
    public required string Type { get; init; }
    public required string Key { get; init; }
    public required ImmutableDictionary<string, string> Fields { get; init; }
    public ImmutableArray<Person> Authors { get; init; } = [];
    public ImmutableArray<Person> Editors { get; init; } = [];
    /// <summary>Where the entry starts (its '@').</summary>
    public required SourceSpan Span { get; init; }

    public string? this[string field] => Fields.TryGetValue(field, out var v) && v.Length > 0 ? v : null;

    public string? Title => this["title"];

    /// <summary>The year, else the year of a biblatex "date" field.</summary>
    public string? Year => this["year"] ?? (this["date"] is { } d && YearOf().Match(d) is { Success: true } m ? m.Value : null);

    /// <summary>The DOI without a resolver prefix ("10.48550/arXiv.1706.03762").</summary>
    public string? Doi => this["doi"] is { } doi ? DoiPrefix().Replace(doi.Trim(), "") : null;

    /// <summary>
    /// The arXiv identifier: an eprint with archivePrefix (or eprinttype) arXiv, else an "arXiv:ID" in the journal,
    /// note or howpublished field.
    /// </summary>
    public string? Arxiv
    {
        get
        {
            var archive = this["archiveprefix"] ?? this["eprinttype"];
            if (this["eprint"] is { } eprint && archive is not null && archive.Equals("arxiv", StringComparison.OrdinalIgnoreCase))
                return eprint.Trim();
            foreach (var name in new[] { "journal", "note", "howpublished", "url" })
                if (this[name] is { } text && ArxivId().Match(text) is { Success: true } m) return m.Groups[1].Value;
            return null;
        }
    }

    [GeneratedRegex(@"\d{4}")]
    private static partial Regex YearOf();

    [GeneratedRegex(@"^(https?://(dx\.)?doi\.org/|doi:\s*)", RegexOptions.IgnoreCase)]
    private static partial Regex DoiPrefix();

    [GeneratedRegex(@"arxiv(?:\.org/abs/|:\s*|\s+)(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivId();
}

/// <summary>A parsed BibTeX file: its entries in file order, and what was wrong with it.</summary>
public sealed record BibFile(string Path, ImmutableArray<BibEntry> Entries, ImmutableArray<Diagnostic> Diagnostics);
