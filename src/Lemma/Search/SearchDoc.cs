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
        using var page = SearchText.Read(html);
        var tally = tokens.TallyForPage();
        var met = new Met(tokens, tally.Words);
        met.Add(title, Fields.Title);
        met.Add(page.Headings, Fields.Heading);
        foreach (var tag in tags) met.Add(tag, Fields.Tag);
        met.Add(page.Text, Fields.None);
        // The words as met give their tokens' stems counts and fields; each token once, in the order first met.
        tally.Fit(tokens.Numbered);
        var sums = tally.ByNumber;
        var tokensMet = new List<(Token Token, int Stem)>(met.Count + met.Count / 4);
        foreach (var (known, count, fields) in met.Words)
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
                sum.Weight += count;
                sum.Fields |= fields;
            }
        var list = ImmutableArray.CreateBuilder<DocWord>(tokensMet.Count);
        foreach (var (token, stem) in tokensMet) list.Add(new DocWord(token.Word, token.Stem, sums[stem].Weight, sums[stem].Fields));
        return new SearchDoc(title, url, date, section, page.Start(SnippetSource),
            Whole(page.Headings, HeadingSource), list.MoveToImmutable(), met.Length);
    }

    /// <summary>The distinct words met in a page's texts, each looked up in the build's <see cref="Tokens"/> once: most
    /// of a page's words are met again and again. Its own open-addressed table, found by a word's span: a page's
    /// thousands of words are each one hash and one comparison.</summary>
    private sealed class Met(Tokens tokens, Tokens.PageWords buffers)
    {
        // Each slot: a word's place in `words` plus one (0: empty), its hash, its tokens' count, and where its
        // characters are in `chars`: a page's words are compared and counted in memory of the page's own. The buffers
        // are the last page's: the first `size` slots are this page's table, those of another stamp empty.
        private (Tokens.Known Known, int Count, Fields Fields)[] words = buffers.Met;
        private char[] chars = buffers.Chars;
        private int charsUsed;
        private int size = 128;
        private int stamp = ++buffers.Stamp;

        public int Count { get; private set; }

        /// <summary>The page's length in tokens of its text.</summary>
        public int Length { get; private set; }

        public ReadOnlySpan<(Tokens.Known Known, int Count, Fields Fields)> Words => words.AsSpan(0, Count);

        public void Add(ReadOnlySpan<char> text, Fields field)
        {
            var sink = new Sink(this, field);
            Tokens.Words(text, ref sink);
        }

        private readonly struct Sink(Met met, Fields field) : IWordSink
        {
            public void Met(ReadOnlySpan<char> word, bool joined) => met.Count1(word, joined, field);
        }

        private void Count1(ReadOnlySpan<char> word, bool joined, Fields field)
        {
            var hash = Hash(word);
            var slots = buffers.Slots;
            var mask = size - 1;
            var i = hash & mask;
            int at, count;
            while (true)
            {
                ref var slot = ref slots[i];
                if (slot.Stamp != stamp)
                {
                    (at, count) = Insert(tokens.Resolve(word, joined), word, hash, i);
                    break;
                }
                if (slot.Hash == hash && word.SequenceEqual(chars.AsSpan(slot.Start, slot.Length)))
                {
                    (at, count) = (slot.At, slot.Tokens);
                    break;
                }
                i = (i + 1) & mask;
            }
            ref var met = ref words[at];
            if (field != Fields.None) met.Fields |= field;
            else
            {
                met.Count++;
                Length += count;
            }
        }

        private (int At, int Tokens) Insert(Tokens.Known known, ReadOnlySpan<char> word, int hash, int slot)
        {
            if (Count == words.Length) Array.Resize(ref buffers.Met, words.Length * 2);
            if (charsUsed + word.Length > chars.Length) Array.Resize(ref buffers.Chars, System.Math.Max(chars.Length * 2, charsUsed + word.Length));
            (words, chars) = (buffers.Met, buffers.Chars);
            word.CopyTo(chars.AsSpan(charsUsed));
            words[Count] = (known, 0, Fields.None);
            buffers.Slots[slot] = new Tokens.PageWords.Slot { At = Count, Hash = hash, Start = charsUsed, Length = word.Length, Tokens = known.Tokens.Length, Stamp = stamp };
            charsUsed += word.Length;
            Count++;
            // At most half full: a longer probe costs more than the memory.
            if (Count * 2 > size) Grow();
            return (Count - 1, known.Tokens.Length);
        }

        // Twice the slots: this page's slots set aside, and put again under a new stamp.
        private void Grow()
        {
            var live = buffers.Slots.AsSpan(0, size).ToArray().Where(s => s.Stamp == stamp).ToArray();
            size *= 2;
            if (buffers.Slots.Length < size) buffers.Slots = new Tokens.PageWords.Slot[size];
            stamp = ++buffers.Stamp;
            var mask = size - 1;
            foreach (var slot in live)
            {
                var i = slot.Hash & mask;
                while (buffers.Slots[i].Stamp == stamp) i = (i + 1) & mask;
                buffers.Slots[i] = slot with { Stamp = stamp };
            }
        }

        // FNV-1a over the characters: words are short, and a page that collides only slows its own table.
        private static int Hash(ReadOnlySpan<char> word)
        {
            var h = 2166136261u;
            foreach (var c in word) h = (h ^ c) * 16777619u;
            return (int)(h & 0x7fffffff);
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
