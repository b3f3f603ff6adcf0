using Lucene.Net.Tartarus.Snowball.Ext;

namespace Lemma.Search;

/// <summary>A word of a text as the index holds it: the word folded (<see cref="Word"/>, what a reader types and prefix
/// matching compares) and its stem (<see cref="Stem"/>, what postings are kept under).</summary>
public readonly record struct Token(string Word, string Stem);

/// <summary>
/// Splits text into the words search knows. Letters and digits make words; a dot, underscore or hyphen between two of
/// them joins them into one code or math term (<c>nn.Linear</c>, <c>torch.compile</c>, <c>snake_case</c>), which is
/// indexed whole and by its parts. Diacritics are folded and case lowered; plain English words are stemmed (Snowball's
/// English stemmer), code terms and words with digits are not. Common English words are left out. Not thread-safe:
/// one per thread (the stemmer keeps its state).
/// </summary>
public sealed class Tokens
{
    /// <summary>Longer runs are not words (hashes, base64), and would only grow the index.</summary>
    public const int MaxWord = 40;

    private readonly EnglishStemmer stemmer = new();
    private readonly Dictionary<string, string> stems = new(StringComparer.Ordinal);

    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "its", "no", "not",
        "of", "on", "or", "so", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
        "were", "will", "with", "we", "you", "our", "your", "can", "has", "have", "had", "from", "which", "what", "when",
    };

    /// <summary>The words of <paramref name="text"/>, in order, code terms followed by their parts.</summary>
    public IEnumerable<Token> Of(string text)
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
            var word = folded[start..i];
            if (word.Length > MaxWord) continue;
            if (!joined)
            {
                if (Plain(word) is { } plain) yield return plain;
                continue;
            }
            // Hyphenated prose ("state-of-the-art") is its parts; a dotted or underscored name is also one term.
            if (word.Contains('.') || word.Contains('_')) yield return new Token(word, word);
            foreach (var part in word.Split('.', '_', '-'))
                if (part.Length > 0 && Plain(part) is { } p) yield return p;
        }
    }

    /// <summary>The stem a query word is looked up by: the word itself for code terms.</summary>
    public string StemOf(string word) => word.Contains('.') || word.Contains('_') ? word : Plain(word)?.Stem ?? word;

    public static bool IsStopWord(string word) => Stop.Contains(word);

    private Token? Plain(string word)
    {
        if (Stop.Contains(word)) return null;
        if (!stems.TryGetValue(word, out var stem))
        {
            stem = word;
            if (word.Length > 3 && word.All(c => c is >= 'a' and <= 'z'))
            {
                stemmer.SetCurrent(word);
                if (stemmer.Stem()) stem = stemmer.Current;
            }
            if (stems.Count < 100_000) stems[word] = stem;
        }
        return new Token(word, stem);
    }

    /// <summary>Lower case, Latin letters without diacritics (é to e, ß to ss, ø to o: Lucene's ASCII folding). The
    /// runtime's Unicode normalization is not there (invariant globalization), and the client folds the same letters.</summary>
    public static string Fold(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower.All(char.IsAscii)) return lower;
        var input = lower.ToCharArray();
        var output = new char[input.Length * 4];
        var length = Lucene.Net.Analysis.Miscellaneous.ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, input.Length);
        return new string(output, 0, length);
    }
}
