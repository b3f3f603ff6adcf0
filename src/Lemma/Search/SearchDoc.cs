using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Lemma.Search;

/// <summary>A word of a page, with what its stem scores by there: the stem's count in the text (<see cref="Weight"/>)
/// and the fields it is in besides (<see cref="Ranking.Score"/>), and which of them (<see cref="Where"/>: the title
/// and each heading, <see cref="Ranking.Where"/>).</summary>
public readonly record struct DocWord(string Word, string Stem, float Weight, Fields Fields, int Where);

/// <summary>
/// A page as search holds it: what a result shows (title, URL, date, section, text for the snippet) and what ranks it
/// (its words and their stems' weights, its length in words).
/// </summary>
public sealed record SearchDoc(string Title, string Url, string Date, string Section, string Text,
    ImmutableArray<DocWord> Words, int Length)
{
    /// <summary>Characters of the text kept for the snippet: enough to find the matched words in most posts.</summary>
    public const int SnippetSource = 3000;

    public static SearchDoc Make(Tokens tokens, string title, string url, string date, string section, IEnumerable<string> tags, string html)
    {
        using var page = SearchText.Read(html);
        var tally = tokens.TallyForPage();
        var met = new Met(tokens, tally.Words, tally.Page);
        met.Add(title, Fields.Title, Ranking.Where.Title);
        var heading = 0;
        foreach (var line in page.Headings.AsSpan().EnumerateLines()) met.Add(line, Fields.Heading, Ranking.Where.Heading(heading++));
        foreach (var tag in tags) met.Add(tag, Fields.Tag, 0);
        met.Add(page.Text, Fields.None, 0);
        // The words as met give their tokens' stems counts and fields; each token once, in the order first met.
        tally.Fit(tokens.Numbered);
        var sums = tally.ByNumber;
        var tokensMet = new List<(Token Token, int Stem)>(met.Count + met.Count / 4);
        var entries = tally.Words.Entries;
        foreach (var at in tally.Words.Met.AsSpan(0, met.Count))
        {
            ref var entry = ref entries[at];
            var known = entry.Known;
            for (var t = 0; t < known.Tokens.Length; t++)
            {
                var (word, stem) = known.Numbers[t];
                if (sums[word].WordPage != tally.Page)
                {
                    sums[word].WordPage = tally.Page;
                    tokensMet.Add((known.Tokens[t], stem));
                }
                ref var sum = ref sums[stem];
                if (sum.StemPage != tally.Page) sum = new() { WordPage = sum.WordPage, StemPage = tally.Page };
                sum.Weight += entry.Count;
                sum.Fields |= entry.Fields;
                sum.Where |= entry.Where;
            }
        }
        var list = ImmutableArray.CreateBuilder<DocWord>(tokensMet.Count);
        foreach (var (token, stem) in tokensMet) list.Add(new DocWord(token.Word, token.Stem, sums[stem].Weight, sums[stem].Fields, sums[stem].Where));
        return new SearchDoc(title, url, date, section, page.Start(SnippetSource), list.MoveToImmutable(), met.Length);
    }

    /// <summary>The distinct words met in a page's texts, counted in the thread's <see cref="Tokens.Vocabulary"/>:
    /// most of a page's words were met before, on this page or another, and cost one hash and one comparison each; a
    /// word new to the thread is looked up in the build's <see cref="Tokens"/> once.</summary>
    private sealed class Met(Tokens tokens, Tokens.Vocabulary vocabulary, int page)
    {
        /// <summary>How many distinct words the page has met (its entries are the first of <see cref="Tokens.Vocabulary.Met"/>).</summary>
        public int Count { get; private set; }

        /// <summary>The page's length in tokens of its text.</summary>
        public int Length { get; private set; }

        /// <summary>Counts the words of <paramref name="text"/>, a part of the page: its <paramref name="field"/>, and
        /// which one (<paramref name="where"/>), or its text (<see cref="Fields.None"/>).</summary>
        public void Add(ReadOnlySpan<char> text, Fields field, int where)
        {
            var sink = new Sink(this, field, where);
            Tokens.Words(text, ref sink);
        }

        private readonly struct Sink(Met met, Fields field, int where) : IWordSink
        {
            public void Met(ReadOnlySpan<char> word, bool joined) => met.Count1(word, joined, field, where);
        }

        private void Count1(ReadOnlySpan<char> word, bool joined, Fields field, int where)
        {
            var hash = Hash(word);
            var slots = vocabulary.Slots;
            var mask = slots.Length - 1;
            var i = hash & mask;
            int at;
            while (true)
            {
                ref var slot = ref slots[i];
                if (slot.Entry == 0)
                {
                    at = vocabulary.Add(tokens.Resolve(word, joined), word, hash, i);
                    break;
                }
                if (slot.Hash == hash)
                {
                    ref var found = ref vocabulary.Entries[slot.Entry - 1];
                    if (word.SequenceEqual(vocabulary.Chars.AsSpan(found.Start, found.Length)))
                    {
                        at = slot.Entry - 1;
                        break;
                    }
                }
                i = (i + 1) & mask;
            }
            ref var entry = ref vocabulary.Entries[at];
            if (entry.Page != page)
            {
                entry.Page = page;
                entry.Count = 0;
                entry.Fields = Fields.None;
                entry.Where = 0;
                if (Count == vocabulary.Met.Length) Array.Resize(ref vocabulary.Met, Count * 2);
                vocabulary.Met[Count++] = at;
            }
            if (field != Fields.None)
            {
                entry.Fields |= field;
                entry.Where |= where;
            }
            else
            {
                entry.Count++;
                Length += entry.Tokens;
            }
        }

        // FNV-1a over the characters: words are short.
        private static int Hash(ReadOnlySpan<char> word)
        {
            var h = 2166136261u;
            foreach (var c in word) h = (h ^ c) * 16777619u;
            return (int)(h & 0x7fffffff);
        }
    }


    public bool Equals(SearchDoc? other) =>
        other is not null && Title == other.Title && Url == other.Url && Date == other.Date && Section == other.Section
        && Text == other.Text && Length == other.Length && Words.SequenceEqual(other.Words);

    public override int GetHashCode() => HashCode.Combine(Url, Length, Words.Length);
}
