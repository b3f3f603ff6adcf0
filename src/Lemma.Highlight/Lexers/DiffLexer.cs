using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// Unified, context and normal diffs, line by line, as VS Code's diff grammar reads them: file headers, hunk ranges and
/// git's diff and index lines are keywords, inserted and deleted lines their own kinds; git's other extended headers
/// (new file mode, rename from), changed lines (<c>!</c>, but for the sign) and context are text.
/// </summary>
public sealed class DiffLexer : ILexer
{
    public static readonly DiffLexer Instance = new();

    public void Lex(string s, int start, int end, TokenList t)
    {
        var i = start;
        while (i < end)
        {
            var e = Scan.LineEnd(s, i, end);
            Line(s.AsSpan(i, e - i), i, e, t);
            i = e + 1;
        }
    }

    private static void Line(ReadOnlySpan<char> line, int i, int e, TokenList t)
    {
        if (line.Length == 0) return;
        // a separator: "---" alone (format-patch's, before the diffstat), 15 stars, 67 '='
        if (line is "---" || line.Length == 15 && !line.ContainsAnyExcept('*') || line.Length == 67 && !line.ContainsAnyExcept('='))
        {
            t.Add(i, e, TokenKind.Punctuation);
            return;
        }
        if (line.StartsWith("@@"))
        {
            // @@ -1,2 +1,3 @@ and what follows as text; without a second @@ (one character at least between), no range
            var close = line.Length > 3 ? line[3..].IndexOf("@@") : -1;
            if (close >= 0) t.Add(i, i + 3 + close + 2, TokenKind.Keyword);
            return;
        }
        if (IsHeader(line))
        {
            t.Add(i, e, TokenKind.Keyword);
            return;
        }
        if (line.StartsWith("Index: "))
        {
            t.Add(i, i + 5, TokenKind.Keyword);
            t.Add(i + 5, i + 6, TokenKind.Punctuation);
            t.Add(i + 6, e, TokenKind.Keyword);
            return;
        }
        switch (line[0])
        {
            case '+': t.Add(i, e, TokenKind.Inserted); break;
            case '-': t.Add(i, e, TokenKind.Deleted); break;
            case '>' when line.Length == 1 || line[1] == ' ': t.Add(i, e, TokenKind.Inserted); break;
            case '<' when line.Length == 1 || line[1] == ' ': t.Add(i, e, TokenKind.Deleted); break;
            case '!': t.Add(i, i + 1, TokenKind.Punctuation); break; // a changed line: the grammar marks its sign alone
            case '#': t.Add(i, e, TokenKind.Comment); break;
        }
    }

    /// <summary>The lines the grammar takes whole as headers or ranges.</summary>
    private static bool IsHeader(ReadOnlySpan<char> line) =>
        line.StartsWith("--- ") && line.Length > 4 || line.StartsWith("*** ") && line.Length > 4 || line.StartsWith("+++ ") && line.Length > 4
        || line.StartsWith("diff --git a/") || line.StartsWith("diff ") && IsDiffCommand(line[5..])
        || line.StartsWith("index ") && IsIndexLine(line[6..])
        || line.StartsWith("Only in ") && line[8..].Contains(": ", StringComparison.Ordinal)
        || line.StartsWith("==== ") && line.Contains(" - ", StringComparison.Ordinal) && line.EndsWith("====")
        || IsNormalRange(line);

    /// <summary>diff -u a b, diff a b: an option or two arguments.</summary>
    private static bool IsDiffCommand(ReadOnlySpan<char> rest)
    {
        if (rest.StartsWith('-')) return true;
        var blank = rest.IndexOfAny(' ', '\t');
        return blank > 0 && rest[blank..].TrimStart(" \t").Length > 0;
    }

    /// <summary>git's "index abc1234..def5678 100644": two abbreviated hashes of 7 to 40 digits.</summary>
    private static bool IsIndexLine(ReadOnlySpan<char> rest)
    {
        var dots = rest.IndexOf("..");
        if (dots < 7 || dots > 40 || rest[..dots].ContainsAnyExcept("0123456789abcdef")) return false;
        var after = rest[(dots + 2)..];
        var n = 0;
        while (n < after.Length && n < 40 && char.IsAsciiHexDigitLower(after[n])) n++;
        return n >= 7;
    }

    /// <summary>A normal diff's range: 12a13,14, 5,7d4, 3c3.</summary>
    private static bool IsNormalRange(ReadOnlySpan<char> line)
    {
        var p = Numbers(line, 0);
        if (p == 0 || p >= line.Length || line[p] is not ('a' or 'd' or 'c')) return false;
        var q = Numbers(line, p + 1);
        return q > p + 1 && q == line.Length;
    }

    /// <summary>The end of digits with ',' between them (a digit first) from <paramref name="p"/>, or <paramref name="p"/>.</summary>
    private static int Numbers(ReadOnlySpan<char> line, int p)
    {
        var start = p;
        while (p < line.Length && (char.IsAsciiDigit(line[p]) || line[p] == ',' && p > start && p + 1 < line.Length && char.IsAsciiDigit(line[p + 1]))) p++;
        return p;
    }
}
