using System.Collections.Concurrent;
using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Lemma.Search;

/// <summary>A word of a text as the index holds it: the word folded (<see cref="Word"/>, what a reader types and prefix
/// matching compares) and its stem (<see cref="Stem"/>, what postings are kept under).</summary>
public readonly record struct Token(string Word, string Stem);

/// <summary>Called with each word met in a text, folded: <paramref name="joined"/> when a dot, underscore or hyphen
/// joins its parts.</summary>
public delegate void WordMet(ReadOnlySpan<char> word, bool joined);

/// <summary>Takes each word met in a text, folded: <paramref name="joined"/> when a dot, underscore or hyphen joins its parts.</summary>
public interface IWordSink
{
    void Met(ReadOnlySpan<char> word, bool joined);
}

/// <summary>
/// Splits text into the words search knows. Letters and digits make words; a dot, underscore or hyphen between two of
/// them joins them into one code or math term (<c>nn.Linear</c>, <c>torch.compile</c>, <c>snake_case</c>), which is
/// indexed whole and by its parts. Diacritics are folded and case lowered; plain English words are stemmed (Snowball's
/// English stemmer), code terms and words with digits are not. Common English words are left out. Thread-safe: the
/// build shares one across its pages, so that each word is stemmed, and its strings made, once.
/// </summary>
public sealed class Tokens
{
    /// <summary>Longer runs are not words (hashes, base64), and would only grow the index.</summary>
    public const int MaxWord = 40;

    /// <summary>Words remembered at most (a site's vocabulary is far smaller; generated text must not grow it forever).</summary>
    private const int MaxCached = 200_000;

    /// <summary>A word as met in a text, and the tokens it is indexed as: none for a common word, one for a plain word,
    /// the whole and its parts for a code term.</summary>
    public sealed record Known(string Word, Token[] Tokens)
    {
        /// <summary>Each token's word and stem as numbers of this tokenizer (<see cref="Tally"/>).</summary>
        internal (int Word, int Stem)[] Numbers { get; init; } = [];
    }

    /// <summary>One page's sums by word and stem number: an array as long as the numbers given so far, reused page
    /// after page (a page's sums are told apart from the last page's by <see cref="Page"/>, not cleared), so a page adds
    /// up its words with no string hashed. A number's fields side by side: one cache line read per token.</summary>
    internal sealed class Tally
    {
        public struct Sums
        {
            public int WordPage, StemPage;
            public float Weight;
            public Fields Fields;
            public int Where;
        }

        public Sums[] ByNumber = [];
        public int Page;

        /// <summary>The words this thread has met, kept from page to page (see SearchDoc).</summary>
        public Vocabulary Words = new();

        public void Fit(int count)
        {
            if (ByNumber.Length < count) Array.Resize(ref ByNumber, System.Math.Max(count, ByNumber.Length * 2));
        }
    }

    /// <summary>
    /// The words one thread has met as written in texts, each with its tokens, in an open-addressed table found by the
    /// word's span: a word met again, on any page this thread makes, costs one hash and one comparison, and no lookup
    /// in the build's shared table. Each entry also holds one page's count of the word, told apart from another page's
    /// by the page's stamp (<see cref="Tally.Page"/>), so nothing is cleared between pages.
    /// </summary>
    internal sealed class Vocabulary
    {
        /// <summary>Words kept at most: past this, generated text (hashes, numbers) would only grow the table, one per
        /// thread that makes pages (some 25 MB at most each; a 10,000-post blog has some 33,000 words as written).</summary>
        private const int MaxWords = 1 << 18;

        public struct Slot
        {
            /// <summary>The entry's place plus one (0: empty).</summary>
            public int Entry;
            public int Hash;
        }

        public struct Entry
        {
            public Known Known;
            public int Start, Length, Tokens, Page, Count, Where;
            public Fields Fields;
        }

        public Slot[] Slots = new Slot[4096];
        public Entry[] Entries = new Entry[1024];
        public char[] Chars = new char[16384];
        public int Count, CharsUsed;

        /// <summary>The entries the current page has met, in the order first met.</summary>
        public int[] Met = new int[256];

        /// <summary>Forgets every word once the table holds <see cref="MaxWords"/>; called before a page starts, never while
        /// one is counted (its entries are read once all its words are).</summary>
        public void Trim()
        {
            if (Count < MaxWords) return;
            Array.Clear(Slots);
            Array.Clear(Entries);
            Count = CharsUsed = 0;
        }

        /// <summary>Adds <paramref name="word"/> at the empty slot <paramref name="slot"/>; returns its entry.</summary>
        public int Add(Known known, ReadOnlySpan<char> word, int hash, int slot)
        {
            if (Count == Entries.Length) Array.Resize(ref Entries, Count * 2);
            if (CharsUsed + word.Length > Chars.Length) Array.Resize(ref Chars, System.Math.Max(Chars.Length * 2, CharsUsed + word.Length));
            word.CopyTo(Chars.AsSpan(CharsUsed));
            Entries[Count] = new Entry { Known = known, Start = CharsUsed, Length = word.Length, Tokens = known.Tokens.Length };
            Slots[slot] = new Slot { Entry = Count + 1, Hash = hash };
            CharsUsed += word.Length;
            Count++;
            // At most half full: a longer probe costs more than the memory.
            if (Count * 2 > Slots.Length) Grow();
            return Count - 1;
        }

        private void Grow()
        {
            var slots = new Slot[Slots.Length * 2];
            var mask = slots.Length - 1;
            foreach (var slot in Slots)
            {
                if (slot.Entry == 0) continue;
                var i = slot.Hash & mask;
                while (slots[i].Entry != 0) i = (i + 1) & mask;
                slots[i] = slot;
            }
            Slots = slots;
        }
    }

    private readonly ConcurrentDictionary<string, int> numbers = new(StringComparer.Ordinal);
    private int numbered;
    // One tally a thread: a page is made on one thread, start to end.
    private readonly ThreadLocal<Tally> tallies = new(() => new Tally());

    /// <summary>This thread's tally, for one page: fit it (<see cref="Tally.Fit"/>) to <see cref="Numbered"/> once its
    /// words are met.</summary>
    internal Tally TallyForPage()
    {
        var tally = tallies.Value!;
        tally.Page++;
        tally.Words.Trim();
        return tally;
    }

    /// <summary>How many numbers words and stems have been given.</summary>
    internal int Numbered => Volatile.Read(ref numbered);

    private int Number(string text) =>
        numbers.TryGetValue(text, out var n) ? n : numbers.GetOrAdd(text, _ => Interlocked.Increment(ref numbered) - 1);

    private readonly EnglishStemmer stemmer = new();
    // Looked up by the span of the folded word, so a known word costs no string.
    private readonly ConcurrentDictionary<string, Known> known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Known>.AlternateLookup<ReadOnlySpan<char>> bySpan;
    // Counted here: the dictionary's own count takes every one of its locks.
    private int remembered;

    public Tokens() => bySpan = known.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "its", "no", "not",
        "of", "on", "or", "so", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
        "were", "will", "with", "we", "you", "our", "your", "can", "has", "have", "had", "from", "which", "what", "when",
    };

    /// <summary>The words of <paramref name="text"/>, in order, code terms followed by their parts.</summary>
    public IEnumerable<Token> Of(string text)
    {
        var list = new List<Token>();
        Words(text, (word, joined) => list.AddRange(Resolve(word, joined).Tokens));
        return list;
    }

    /// <summary>The tokens of a word met in a text (<see cref="Words"/>), remembered for the next time it is met.</summary>
    public Known Resolve(ReadOnlySpan<char> word, bool joined)
    {
        if (bySpan.TryGetValue(word, out var found)) return found;
        var s = word.ToString();
        Token[] tokens;
        if (!joined) tokens = Plain(s) is { } plain ? [plain] : [];
        else
        {
            // Hyphenated prose ("state-of-the-art") is its parts; a dotted or underscored name is also one term.
            var list = new List<Token>();
            if (word.ContainsAny('.', '_')) list.Add(new Token(s, s));
            foreach (var range in word.SplitAny(".-_"))
                if (word[range].Length > 0) list.AddRange(Resolve(word[range], joined: false).Tokens);
            tokens = [.. list];
        }
        found = new Known(s, tokens) { Numbers = [.. tokens.Select(t => (Number(t.Word), Number(t.Stem)))] };
        if (Volatile.Read(ref remembered) < MaxCached && known.TryAdd(s, found)) Interlocked.Increment(ref remembered);
        return found;
    }

    /// <summary>The stem a query word is looked up by: the word itself for code terms.</summary>
    public string StemOf(string word) => word.Contains('.') || word.Contains('_') ? word : Plain(word)?.Stem ?? word;

    public static bool IsStopWord(string word) => Stop.Contains(word);

    private Token? Plain(string word)
    {
        if (Stop.Contains(word)) return null;
        var stem = word;
        if (word.Length > 3 && word.All(c => c is >= 'a' and <= 'z'))
            lock (stemmer)
            {
                stemmer.SetCurrent(word);
                if (stemmer.Stem()) stem = stemmer.Current;
            }
        return new Token(word, stem);
    }

    /// <summary>Calls <paramref name="met"/> with each word of <paramref name="text"/>, folded (<see cref="Fold"/>), in
    /// order. Words longer than <see cref="MaxWord"/> are skipped.</summary>
    public static void Words(string text, WordMet met)
    {
        var sink = new Callback(met);
        Words(text, ref sink);
    }

    private readonly struct Callback(WordMet met) : IWordSink
    {
        public void Met(ReadOnlySpan<char> word, bool joined) => met(word, joined);
    }

    /// <summary><see cref="Words(string, WordMet)"/> into a sink the compiler can inline: a page's thousands of words
    /// cost no delegate call each.</summary>
    public static void Words<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, IWordSink
    {
        var rest = text;
        Span<char> lower = stackalloc char[MaxWord];
        while (rest.Length > 0)
        {
            // ASCII text is lowered word by word; a piece between spaces with other letters is folded whole, as folding
            // may make one letter two ("ß" is "ss").
            var other = rest.IndexOfAnyExceptInRange((char)0, (char)127);
            if (other < 0) { ScanAscii(rest, lower, ref sink); return; }
            var start = rest[..other].LastIndexOfAny(AsciiSpace) + 1;
            ScanAscii(rest[..start], lower, ref sink);
            var end = rest[other..].IndexOfAny(AsciiSpace) is var e and >= 0 ? other + e : rest.Length;
            Scan(Fold(rest[start..end].ToString()), ref sink);
            rest = rest[end..];
        }
    }

    private static readonly System.Buffers.SearchValues<char> AsciiSpace = System.Buffers.SearchValues.Create(" \t\n\r\f\v");

    // The words of ASCII `text`, each lowered into `lower` as it is read (a word too long for it is skipped).
    private static void ScanAscii<TSink>(ReadOnlySpan<char> text, Span<char> lower, ref TSink sink) where TSink : struct, IWordSink
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            var joined = false;
            var length = 0;
            while (true)
            {
                var c = text[i];
                if (length < lower.Length) lower[length] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                length++;
                i++;
                if (i == text.Length) break;
                if (char.IsAsciiLetterOrDigit(text[i])) continue;
                // A dot, underscore or hyphen between two letters or digits joins them.
                if (text[i] is '.' or '_' or '-' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1])) { joined = true; continue; }
                break;
            }
            if (length <= MaxWord) sink.Met(lower[..length], joined);
        }
    }

    // The words of `text`, folded already.
    private static void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, IWordSink
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            var joined = false;
            while (i < text.Length && (char.IsLetterOrDigit(text[i])
                || (text[i] is '.' or '_' or '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && i > start)))
            {
                if (!char.IsLetterOrDigit(text[i])) joined = true;
                i++;
            }
            var word = text[start..i];
            if (word.Length <= MaxWord) sink.Met(word, joined);
        }
    }

    /// <summary>Lower case, Latin letters without diacritics (é to e, ß to ss, ø to o: Lucene's ASCII folding). The
    /// runtime's Unicode normalization is not there (invariant globalization), and the client folds the same letters.</summary>
    public static string Fold(string text)
    {
        var lower = text.ToLowerInvariant();
        if (Ascii.IsValid(lower)) return lower;
        var input = lower.ToCharArray();
        var output = new char[input.Length * 4];
        var length = Lucene.Net.Analysis.Miscellaneous.ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, input.Length);
        return new string(output, 0, length);
    }
}
