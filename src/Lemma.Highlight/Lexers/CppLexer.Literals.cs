using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

// Strings and characters: prefixes, escapes, printf placeholders, raw strings.
public sealed partial class CppLexer
{
    private static bool IsStringPrefix(ReadOnlySpan<char> p) => p is "L" or "u" or "U" or "u8" or "R" or "LR" or "uR" or "UR" or "u8R";

    private static int Quoted(string s, int i, int q, int end, TokenList t)
    {
        var quote = s[q];
        t.Add(i, q + 1, TokenKind.String);
        var p = q + 1;
        while (p < end && s[p] != quote && s[p] != '\n')
        {
            if (s[p] == '\\' && p + 1 < end)
            {
                var e = p + 2;
                if (s[p + 1] == 'x') while (e < end && char.IsAsciiHexDigit(s[e])) e++;
                else if (s[p + 1] is >= '0' and <= '7') while (e < end && e < p + 4 && s[e] is >= '0' and <= '7') e++;
                else if (s[p + 1] == 'u') e = System.Math.Min(end, p + 6);
                else if (s[p + 1] == 'U') e = System.Math.Min(end, p + 10);
                t.Add(p, e, TokenKind.Escape);
                p = e;
                continue;
            }
            if (s[p] == '%' && quote == '"')
            {
                var e = Placeholder(s, p, end);
                if (e > p) { t.Add(p, e, TokenKind.Escape); p = e; continue; }
            }
            t.Add(p, p + 1, TokenKind.String);
            p++;
        }
        if (p < end && s[p] == quote) { t.Add(p, p + 1, TokenKind.String); p++; }
        return p;
    }

    private static int Placeholder(string s, int p, int end)
    {
        var e = p + 1;
        if (e < end && s[e] == '%') return e + 1;
        while (e < end && s[e] is '-' or '+' or ' ' or '#' or '0') e++;
        while (e < end && (char.IsAsciiDigit(s[e]) || s[e] == '*')) e++;
        if (e < end && s[e] == '.') { e++; while (e < end && (char.IsAsciiDigit(s[e]) || s[e] == '*')) e++; }
        while (e < end && s[e] is 'h' or 'l' or 'j' or 'z' or 't' or 'L') e++;
        return e < end && "diouxXeEfFgGaAcspn".Contains(s[e]) ? e + 1 : p;
    }

    /// <summary>R"delim( … )delim", possibly over several lines.</summary>
    private static int RawString(string s, int i, int q, int end, TokenList t)
    {
        var open = s.IndexOf('(', q + 1, System.Math.Min(end, q + 18) - q - 1);
        if (open < 0) return Quoted(s, i, q, end, t);
        var closing = ")" + s[(q + 1)..open] + "\"";
        var close = s.IndexOf(closing, open + 1, end - open - 1, StringComparison.Ordinal);
        var e = close < 0 ? end : close + closing.Length;
        t.Add(i, e, TokenKind.String);
        return e;
    }
}
