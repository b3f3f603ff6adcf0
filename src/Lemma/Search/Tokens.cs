using Lucene.Net.Tartarus.Snowball.Ext;

namespace Lemma.Search;

/// <summary>A word of a text as the index holds it: the word folded (<see cref="Word"/>, what a reader types and prefix
/// matching compares) and its stem (<see cref="Stem"/>, what postings are kept under).</summary>
public readonly record struct Token(string Word, string Stem);

/// <summary>
/// Splits text into the words search knows. Letters and digits make words; a dot, underscore or hyphen between two of
/// them joins them into one code or math term (<c>nn.Linear</c>, <c>torch.compile</c>, <c>snake_case</c>), which is
/// indexed whole and by its parts. Diacritics are folded and case lowered; plain English words are stemmed (Snowball's
/// English stemmer), code terms and words with digits are not. Common English words are left out. Thread-safe: the
/// build shares one across its pages, so that each word is stemmed, and its string made, once.
/// </summary>
public sealed class Tokens
{
    /// <summary>Longer runs are not words (hashes, base64), and would only grow the index.</summary>
    public const int MaxWord = 40;

    /// <summary>Words remembered at most (a site's vocabulary is far smaller; generated text must not grow it forever).</summary>
    private const int MaxCached = 200_000;

    private readonly EnglishStemmer stemmer = new();
    // A word's token, null for a stop word; looked up by the span of the folded text, so a known word costs no string.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Token?> known = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Token?>.AlternateLookup<ReadOnlySpan<char>> bySpan;

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
        Each(text, list.Add);
        return list;
    }

    /// <summary>Calls <paramref name="take"/> with each word of <paramref name="text"/>, in order, code terms followed by their parts.</summary>
    public void Each(string text, Action<Token> take)
    {
        var folded = Fold(text);
        var i = 0;
        while (i < folded.Length)
        {
            if (!char.IsLetterOrDigit(folded[i])) { i++; continue; }
            var start = i;
            var joined = false;
            while (i < folded.Length && (char.IsLetterOrDigit(folded[i])
                || (folded[i] is '.' or '_' or '-' && i + 1 < folded.Length && char.IsLetterOrDigit(folded[i + 1]) && i > start)))
            {
                if (!char.IsLetterOrDigit(folded[i])) joined = true;
                i++;
            }
            var word = folded.AsSpan(start, i - start);
            if (word.Length > MaxWord) continue;
            if (!joined)
            {
                if (Plain(word) is { } plain) take(plain);
                continue;
            }
            // Hyphenated prose ("state-of-the-art") is its parts; a dotted or underscored name is also one term.
            if (word.ContainsAny('.', '_')) take(Code(word));
            foreach (var range in word.SplitAny(".-_"))
                if (word[range].Length > 0 && Plain(word[range]) is { } p) take(p);
        }
    }

    /// <summary>The stem a query word is looked up by: the word itself for code terms.</summary>
    public string StemOf(string word) => word.Contains('.') || word.Contains('_') ? word : Plain(word)?.Stem ?? word;

    public static bool IsStopWord(string word) => Stop.Contains(word);

    private Token Code(ReadOnlySpan<char> word)
    {
        if (bySpan.TryGetValue(word, out var known) && known is { } token) return token;
        var s = word.ToString();
        token = new Token(s, s);
        if (this.known.Count < MaxCached) this.known.TryAdd(s, token);
        return token;
    }

    private Token? Plain(ReadOnlySpan<char> word)
    {
        if (bySpan.TryGetValue(word, out var token)) return token;
        var s = word.ToString();
        if (Stop.Contains(s)) token = null;
        else
        {
            var stem = s;
            if (s.Length > 3 && s.All(c => c is >= 'a' and <= 'z'))
                lock (stemmer)
                {
                    stemmer.SetCurrent(s);
                    if (stemmer.Stem()) stem = stemmer.Current;
                }
            token = new Token(s, stem);
        }
        if (known.Count < MaxCached) known.TryAdd(s, token);
        return token;
    }

    /// <summary>Lower case, Latin letters without diacritics (é to e, ß to ss, ø to o: Lucene's ASCII folding). The
    /// runtime's Unicode normalization is not there (invariant globalization), and the client folds the same letters.</summary>
    public static string Fold(string text)
    {
        var lower = text.ToLowerInvariant();
        if (System.Text.Ascii.IsValid(lower)) return lower;
        var input = lower.ToCharArray();
        var output = new char[input.Length * 4];
        var length = Lucene.Net.Analysis.Miscellaneous.ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, input.Length);
        return new string(output, 0, length);
    }
}
