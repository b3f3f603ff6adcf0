namespace Lemma.Highlight.Lexing;

/// <summary>Small scanning helpers shared by the hand lexers.</summary>
public static class Scan
{
    public static bool IsIdentStart(char c) => c == '_' || char.IsAsciiLetter(c) || c > 0x7f && char.IsLetter(c);

    public static bool IsIdentPart(char c) => c == '_' || char.IsAsciiLetterOrDigit(c) || c > 0x7f && char.IsLetterOrDigit(c);

    public static bool IsSpace(char c) => c is ' ' or '\t' or '\f' or '\v';

    /// <summary>End of the identifier starting at <paramref name="i"/>.</summary>
    public static int Ident(string s, int i, int end)
    {
        while (i < end && IsIdentPart(s[i])) i++;
        return i;
    }

    /// <summary>End of the line containing <paramref name="i"/> (the index of '\n' or <paramref name="end"/>).</summary>
    public static int LineEnd(string s, int i, int end)
    {
        var nl = s.IndexOf('\n', i, end - i);
        return nl < 0 ? end : nl;
    }

    /// <summary>Index of the first non-blank character at or after <paramref name="i"/> on the same line.</summary>
    public static int SkipBlanks(string s, int i, int end)
    {
        while (i < end && IsSpace(s[i])) i++;
        return i;
    }

    /// <summary>Index of the last non-blank character before <paramref name="i"/> on the same line, or -1.</summary>
    public static int PrevNonBlank(string s, int i, int start)
    {
        i--;
        while (i >= start && IsSpace(s[i])) i--;
        return i >= start && s[i] != '\n' ? i : -1;
    }

    /// <summary>True when only blanks stand between the line start and <paramref name="i"/>.</summary>
    public static bool AtLineStart(string s, int i, int start)
    {
        i--;
        while (i >= start && IsSpace(s[i])) i--;
        return i < start || s[i] == '\n';
    }

    /// <summary>
    /// A number in the C family's shape: 0x/0o/0b prefixes, digits with '_' or '\'' separators, a fraction, an exponent,
    /// and a suffix of letters (u, l, f, i32, j...). Returns the end.
    /// </summary>
    public static int Number(string s, int i, int end, bool quoteSeparator = false)
    {
        if (i + 1 < end && s[i] == '0' && (s[i + 1] | 0x20) is 'x' or 'b' or 'o')
        {
            var hex = (s[i + 1] | 0x20) == 'x';
            i += 2;
            while (i < end && (char.IsAsciiHexDigit(s[i]) && (hex || char.IsAsciiDigit(s[i])) || s[i] == '_' || quoteSeparator && s[i] == '\'')) i++;
            if (hex && i < end && s[i] == '.') { i++; while (i < end && char.IsAsciiHexDigit(s[i])) i++; }
            if (hex && i < end && (s[i] | 0x20) == 'p') i = Exponent(s, i, end);
        }
        else
        {
            while (i < end && (char.IsAsciiDigit(s[i]) || s[i] == '_' || quoteSeparator && s[i] == '\'' && i + 1 < end && char.IsAsciiDigit(s[i + 1]))) i++;
            if (i + 1 < end && s[i] == '.' && char.IsAsciiDigit(s[i + 1]) || i < end && s[i] == '.' && (i + 1 >= end || !IsIdentStart(s[i + 1]) && s[i + 1] != '.'))
            {
                i++;
                while (i < end && (char.IsAsciiDigit(s[i]) || s[i] == '_')) i++;
            }
            if (i < end && (s[i] | 0x20) == 'e') i = Exponent(s, i, end);
        }
        while (i < end && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_')) i++; // suffix
        return i;
    }

    private static int Exponent(string s, int i, int end)
    {
        var j = i + 1;
        if (j < end && s[j] is '+' or '-') j++;
        if (j >= end || !char.IsAsciiDigit(s[j])) return i;
        while (j < end && char.IsAsciiDigit(s[j])) j++;
        return j;
    }

    /// <summary>Binary search in a sorted array of keywords, without allocating.</summary>
    public static bool In(string[] sortedWords, ReadOnlySpan<char> word)
    {
        int lo = 0, hi = sortedWords.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var c = word.SequenceCompareTo(sortedWords[mid]);
            if (c == 0) return true;
            if (c < 0) hi = mid - 1; else lo = mid + 1;
        }
        return false;
    }

    /// <summary>Sorts words for <see cref="In"/> (ordinal).</summary>
    public static string[] Words(string spaceSeparated)
    {
        var words = spaceSeparated.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Array.Sort(words, StringComparer.Ordinal);
        return words;
    }
}
