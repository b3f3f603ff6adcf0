using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>JSON and JSON with comments: property names (a string followed by ':'), strings with escapes, numbers, literals.</summary>
public sealed class JsonLexer : ILexer
{
    public static readonly JsonLexer Instance = new();

    public void Lex(string s, int start, int end, TokenList t)
    {
        var i = start;
        while (i < end)
        {
            var c = s[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    i++;
                    continue;
                case '"':
                {
                    var close = StringEnd(s, i, end);
                    var after = i;
                    var isKey = false;
                    // A property name is a string followed by ':' (possibly after blanks or line breaks).
                    for (after = close; after < end && s[after] is ' ' or '\t' or '\n' or '\r'; after++) { }
                    isKey = after < end && s[after] == ':';
                    var kind = isKey ? TokenKind.Property : TokenKind.String;
                    for (var p = i; p < close;)
                    {
                        if (s[p] == '\\' && p + 1 < close && !isKey)
                        {
                            var e = s[p + 1] == 'u' ? System.Math.Min(close, p + 6) : p + 2;
                            t.Add(p, e, TokenKind.Escape);
                            p = e;
                            continue;
                        }
                        t.Add(p, p + 1, kind);
                        p++;
                    }
                    i = close;
                    continue;
                }
                case '/' when i + 1 < end && s[i + 1] == '/':
                {
                    var e = Scan.LineEnd(s, i, end);
                    t.Add(i, e, TokenKind.Comment);
                    i = e;
                    continue;
                }
                case '/' when i + 1 < end && s[i + 1] == '*':
                {
                    var close = s.IndexOf("*/", i + 2, end - i - 2, StringComparison.Ordinal);
                    var e = close < 0 ? end : close + 2;
                    t.Add(i, e, TokenKind.Comment);
                    i = e;
                    continue;
                }
                case '{' or '}' or '[' or ']' or ',' or ':':
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    i++;
                    continue;
                case '-' or (>= '0' and <= '9'):
                {
                    var e = Scan.Number(s, c == '-' ? i + 1 : i, end);
                    t.Add(i, e, TokenKind.Number);
                    i = System.Math.Max(e, i + 1);
                    continue;
                }
            }
            if (char.IsAsciiLetter(c))
            {
                var e = Scan.Ident(s, i, end);
                var w = s.AsSpan(i, e - i);
                if (w is "true" or "false" or "null") t.Add(i, e, TokenKind.Constant);
                i = e;
                continue;
            }
            i++;
        }
    }

    /// <summary>The index just past the closing quote (or the line end of an unterminated string).</summary>
    private static int StringEnd(string s, int i, int end)
    {
        var p = i + 1;
        while (p < end && s[p] != '"' && s[p] != '\n') p += s[p] == '\\' ? 2 : 1;
        return System.Math.Min(end, p < end && s[p] == '"' ? p + 1 : p);
    }
}
