using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// TOML (TextMateSharp ships no TOML grammar, so this lexer is the only path): [table] and [[array]] headers as types,
/// keys (bare, quoted, dotted) as properties, basic and literal strings (one-line and multi-line) with escapes,
/// numbers, dates and times, booleans, inline tables and arrays, comments.
/// </summary>
public sealed class TomlLexer : ILexer
{
    public static readonly TomlLexer Instance = new();

    public void Lex(string s, int start, int end, TokenList t)
    {
        var i = start;
        var expectKey = true;
        var depth = 0; // inside [ ] arrays or { } inline tables (values)
        var inlineTables = 0;
        while (i < end)
        {
            var c = s[i];
            if (c == '\n') { i++; if (depth == 0) expectKey = true; continue; }
            if (Scan.IsSpace(c) || c == '\r') { i++; continue; }
            if (c == '#') { var e = Scan.LineEnd(s, i, end); t.Add(i, e, TokenKind.Comment); i = e; continue; }
            if (c == '[' && expectKey && depth == 0 && Scan.AtLineStart(s, i, start))
            {
                var dbl = i + 1 < end && s[i + 1] == '[';
                var open = dbl ? 2 : 1;
                t.Add(i, i + open, TokenKind.Punctuation);
                var p = i + open;
                var lineEnd = Scan.LineEnd(s, p, end);
                while (p < lineEnd && s[p] != ']')
                {
                    if (s[p] is '"' or '\'') { var e = OneLineString(s, p, lineEnd, t, TokenKind.Type); p = e; continue; }
                    t.Add(p, p + 1, s[p] == '.' ? TokenKind.Punctuation : Scan.IsSpace(s[p]) ? TokenKind.Text : TokenKind.Type);
                    p++;
                }
                var close = p;
                while (close < lineEnd && s[close] == ']' && close - p < open) close++;
                t.Add(p, close, TokenKind.Punctuation);
                i = close;
                continue;
            }
            if (expectKey && (Scan.IsIdentPart(c) || c is '-' or '"' or '\''))
            {
                // key, possibly dotted or quoted, up to '='
                var p = i;
                while (p < end && s[p] != '=' && s[p] != '\n')
                {
                    if (s[p] is '"' or '\'') { p = OneLineString(s, p, Scan.LineEnd(s, p, end), t, TokenKind.Property); continue; }
                    if (s[p] == '.') t.Add(p, p + 1, TokenKind.Punctuation);
                    else if (!Scan.IsSpace(s[p])) t.Add(p, p + 1, TokenKind.Property);
                    p++;
                }
                if (p < end && s[p] == '=') { t.Add(p, p + 1, TokenKind.Operator); p++; }
                expectKey = false;
                i = p;
                continue;
            }
            switch (c)
            {
                case '"' or '\'':
                    i = Value(s, i, end, t);
                    continue;
                case '[':
                    depth++;
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    i++;
                    continue;
                case '{':
                    depth++;
                    inlineTables++;
                    expectKey = true;
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    i++;
                    continue;
                case ']' or '}':
                    if (depth > 0) depth--;
                    if (c == '}' && inlineTables > 0) inlineTables--;
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    i++;
                    continue;
                case ',':
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    if (inlineTables > 0 && InInlineTable(s, i, start)) expectKey = true;
                    i++;
                    continue;
            }
            if (char.IsAsciiDigit(c) || c is '+' or '-' && i + 1 < end && (char.IsAsciiDigit(s[i + 1]) || s[i + 1] is 'i' or 'n'))
            {
                var e = i + 1;
                while (e < end && (char.IsAsciiLetterOrDigit(s[e]) || s[e] is '_' or '.' or ':' or '-' or '+'
                                   || s[e] == ' ' && e + 1 < end && char.IsAsciiDigit(s[e + 1]) && IsDate(s, i, e))) e++;
                t.Add(i, e, TokenKind.Number);
                i = e;
                continue;
            }
            if (char.IsAsciiLetter(c))
            {
                var e = Scan.Ident(s, i, end);
                var w = s.AsSpan(i, e - i);
                t.Add(i, e, w is "true" or "false" ? TokenKind.Constant : w is "inf" or "nan" ? TokenKind.Number : TokenKind.Text);
                i = e;
                continue;
            }
            i++;
        }
    }

    /// <summary>True when the innermost open bracket before <paramref name="i"/> is '{'.</summary>
    private static bool InInlineTable(string s, int i, int start)
    {
        var depth = 0;
        for (var p = i - 1; p >= start; p--)
        {
            if (s[p] is ']' or '}') depth++;
            else if (s[p] is '[' or '{') { if (depth == 0) return s[p] == '{'; depth--; }
        }
        return false;
    }

    private static bool IsDate(string s, int i, int e) => e - i == 10 && s[i + 4] == '-' && s[i + 7] == '-';

    private static int Value(string s, int i, int end, TokenList t)
    {
        var q = s[i];
        if (i + 2 < end && s[i + 1] == q && s[i + 2] == q)
        {
            var close = s.IndexOf(new string(q, 3), i + 3, end - i - 3, StringComparison.Ordinal);
            var e = close < 0 ? end : close + 3;
            while (e < end && s[e] == q) e++; // up to two quotes may end the content
            for (var p = i; p < e;)
            {
                if (q == '"' && s[p] == '\\' && p + 1 < e && p >= i + 3) { var x = EscapeEnd(s, p, e); t.Add(p, x, TokenKind.Escape); p = x; continue; }
                t.Add(p, p + 1, TokenKind.String);
                p++;
            }
            return e;
        }
        return OneLineString(s, i, Scan.LineEnd(s, i, end), t, TokenKind.String);
    }

    private static int OneLineString(string s, int i, int lineEnd, TokenList t, TokenKind kind)
    {
        var q = s[i];
        t.Add(i, i + 1, kind);
        var p = i + 1;
        while (p < lineEnd && s[p] != q)
        {
            if (q == '"' && s[p] == '\\' && p + 1 < lineEnd)
            {
                var e = EscapeEnd(s, p, lineEnd);
                t.Add(p, e, kind == TokenKind.String ? TokenKind.Escape : kind);
                p = e;
                continue;
            }
            t.Add(p, p + 1, kind);
            p++;
        }
        if (p < lineEnd) { t.Add(p, p + 1, kind); p++; }
        return p;
    }

    private static int EscapeEnd(string s, int p, int end) =>
        System.Math.Min(end, s[p + 1] switch { 'u' => p + 6, 'U' => p + 10, _ => p + 2 });
}
