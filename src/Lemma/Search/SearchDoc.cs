using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Lemma.Search;

/// <summary>A word of a page, with what its stem scores by there: the stem's count in the text (<see cref="Weight"/>)
/// and the fields it is in besides (<see cref="Ranking.Score"/>).</summary>
public readonly record struct DocWord(string Word, string Stem, float Weight, Fields Fields);

/// <summary>
/// A page as search holds it: what a result shows (title, URL, date, section, text for the snippet) and what ranks it
/// (its words and their stems' weights, its length in words).
/// </summary>
public sealed record SearchDoc(string Title, string Url, string Date, string Section, string Text, string Headings,
    ImmutableArray<DocWord> Words, int Length)
{
    /// <summary>Characters of the text kept for the snippet: enough to find the matched words in most posts.</summary>
    public const int SnippetSource = 3000;

    /// <summary>Characters of the headings kept in the fragment, for ordering the first results.</summary>
    public const int HeadingSource = 1000;

    public static SearchDoc Make(Tokens tokens, string title, string url, string date, string section, IEnumerable<string> tags, string html)
    {
        var (text, headings) = SearchText.Read(html);
        var met = new Met(tokens);
        met.Add(title, Fields.Title);
        met.Add(headings, Fields.Heading);
        foreach (var tag in tags) met.Add(tag, Fields.Tag);
        met.Add(text, Fields.None);
        // The words as met give the tokens' counts and fields, and those their stems'.
        var words = new Dictionary<string, (string Stem, float Count, Fields Fields)>(met.Words.Count, StringComparer.Ordinal);
        foreach (var (known, count, fields) in met.Words)
            foreach (var token in known.Tokens)
            {
                ref var word = ref CollectionsMarshal.GetValueRefOrAddDefault(words, token.Word, out var had);
                if (!had) word.Stem = token.Stem;
                word.Count += count;
                word.Fields |= fields;
            }
        var stems = new Dictionary<string, (float Weight, Fields Fields)>(words.Count, StringComparer.Ordinal);
        foreach (var (_, (stem, count, fields)) in words)
        {
            ref var term = ref CollectionsMarshal.GetValueRefOrAddDefault(stems, stem, out _);
            term.Weight += count;
            term.Fields |= fields;
        }
        var list = ImmutableArray.CreateBuilder<DocWord>(words.Count);
        foreach (var (word, (stem, _, _)) in words)
        {
            var term = stems[stem];
            list.Add(new DocWord(word, stem, term.Weight, term.Fields));
        }
        return new SearchDoc(title, url, date, section, text.Length <= SnippetSource ? text : text[..SnippetSource],
            Whole(headings, HeadingSource), list.MoveToImmutable(), met.Length);
    }

    /// <summary>The distinct words met in a page's texts, each looked up in the build's <see cref="Tokens"/> once: most
    /// of a page's words are met again and again.</summary>
    private sealed class Met(Tokens tokens)
    {
        private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
        public readonly List<(Tokens.Known Known, int Count, Fields Fields)> Words = [];

        /// <summary>The page's length in tokens of its text.</summary>
        public int Length { get; private set; }

        public void Add(string text, Fields field)
        {
            var bySpan = index.GetAlternateLookup<ReadOnlySpan<char>>();
            Tokens.Words(text, (word, joined) =>
            {
                if (!bySpan.TryGetValue(word, out var at))
                {
                    var known = tokens.Resolve(word, joined);
                    at = Words.Count;
                    index.Add(known.Word, at);
                    Words.Add((known, 0, Fields.None));
                }
                ref var met = ref CollectionsMarshal.AsSpan(Words)[at];
                if (field != Fields.None) met.Fields |= field;
                else
                {
                    met.Count++;
                    Length += met.Known.Tokens.Length;
                }
            });
        }
    }

    // The first lines of `lines` that fit in `limit` characters (at least the first line, cut).
    private static string Whole(string lines, int limit) =>
        lines.Length <= limit ? lines : lines.LastIndexOf('\n', limit) is var end and > 0 ? lines[..end] : lines[..limit];

    public bool Equals(SearchDoc? other) =>
        other is not null && Title == other.Title && Url == other.Url && Date == other.Date && Section == other.Section
        && Text == other.Text && Headings == other.Headings && Length == other.Length && Words.SequenceEqual(other.Words);

    public override int GetHashCode() => HashCode.Combine(Url, Length, Words.Length);
}
