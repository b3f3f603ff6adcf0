using System.Collections.Immutable;

namespace Lemma.Search;

/// <summary>A stem of a page: its count in the text (<see cref="Weight"/>), and the fields it is in besides
/// (<see cref="Ranking.Score"/>).</summary>
public readonly record struct TermWeight(string Stem, float Weight, Fields Fields);

/// <summary>
/// A page as search holds it: what a result shows (title, URL, date, section, text for the snippet) and what ranks it
/// (its stems' weights, its words, its length in words).
/// </summary>
public sealed record SearchDoc(string Title, string Url, string Date, string Section, string Text, string Headings,
    ImmutableArray<TermWeight> Terms, ImmutableArray<Token> Words, int Length)
{
    /// <summary>Characters of the text kept for the snippet: enough to find the matched words in most posts.</summary>
    public const int SnippetSource = 3000;

    /// <summary>Characters of the headings kept in the fragment, for ordering the first results.</summary>
    public const int HeadingSource = 1000;

    public static SearchDoc Make(Tokens tokens, string title, string url, string date, string section, IEnumerable<string> tags, string html)
    {
        var (text, headings) = SearchText.Read(html);
        // One hash per word met, by the word: its stem's counts are added up from the distinct words after.
        var words = new Dictionary<string, (string Stem, float Count, Fields Fields)>(StringComparer.Ordinal);
        var length = 0;
        void Add(string part, Fields field) => tokens.Each(part, token =>
        {
            ref var word = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(words, token.Word, out var known);
            if (!known) word.Stem = token.Stem;
            if (field == Fields.None) { word.Count++; length++; }
            else word.Fields |= field;
        });
        Add(title, Fields.Title);
        Add(headings, Fields.Heading);
        foreach (var tag in tags) Add(tag, Fields.Tag);
        Add(text, Fields.None);
        var terms = new Dictionary<string, (float Weight, Fields Fields)>(words.Count, StringComparer.Ordinal);
        foreach (var (_, (stem, count, fields)) in words)
        {
            ref var term = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(terms, stem, out _);
            term.Weight += count;
            term.Fields |= fields;
        }
        var ordered = terms.Select(t => new TermWeight(t.Key, t.Value.Weight, t.Value.Fields)).ToArray();
        Array.Sort(ordered, (a, b) => string.CompareOrdinal(a.Stem, b.Stem));
        return new SearchDoc(title, url, date, section, text.Length <= SnippetSource ? text : text[..SnippetSource],
            Whole(headings, HeadingSource),
            ImmutableArray.Create(ordered), [.. words.Select(w => new Token(w.Key, w.Value.Stem))], length);
    }

    // The first lines of `lines` that fit in `limit` characters (at least the first line, cut).
    private static string Whole(string lines, int limit) =>
        lines.Length <= limit ? lines : lines.LastIndexOf('\n', limit) is var end and > 0 ? lines[..end] : lines[..limit];

    public bool Equals(SearchDoc? other) =>
        other is not null && Title == other.Title && Url == other.Url && Date == other.Date && Section == other.Section
        && Text == other.Text && Headings == other.Headings && Length == other.Length && Terms.SequenceEqual(other.Terms) && Words.SequenceEqual(other.Words);

    public override int GetHashCode() => HashCode.Combine(Url, Length, Terms.Length);
}
