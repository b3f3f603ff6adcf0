using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// YAML, line by line: keys (plain or quoted), scalars typed as VS Code's grammar types them (numbers, booleans and
/// null including YAML 1.1's yes/no/on/off, strings otherwise), anchors, aliases, tags, merge keys, flow collections,
/// comments, directives, document markers and block scalars (<c>|</c>, <c>&gt;-</c>...) whose indented body is a string.
/// </summary>
public sealed class YamlLexer : ILexer
{
    public static readonly YamlLexer Instance = new();

    private static readonly string[] Booleans = Scan.Words(
        "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF");
    private static readonly string[] Nulls = Scan.Words("null Null NULL ~");

    public void Lex(string s, int start, int end, TokenList t)
    {
        var i = start;
        while (i < end)
        {
            var lineEnd = Scan.LineEnd(s, i, end);
            var indent = i;
            while (indent < lineEnd && s[indent] == ' ') indent++;
            var blockIndent = indent - i;
            var blockScalar = LexLine(s, i, indent, lineEnd, t);
            i = lineEnd + 1;
            if (!blockScalar) continue;
            // The block scalar's body: following lines indented deeper than the line that opened it, and blank lines.
            while (i < end)
            {
                var le = Scan.LineEnd(s, i, end);
                var p = i;
                while (p < le && s[p] == ' ') p++;
                if (p < le && p - i <= blockIndent) break;
                t.Add(i, le, TokenKind.String);
                i = le + 1;
            }
        }
    }

    /// <summary>One line from its first non-blank; returns true when it opens a block scalar.</summary>
    private static bool LexLine(string s, int lineStart, int i, int end, TokenList t)
    {
        if (i >= end) return false;
        if (i == lineStart && s[i] == '%')
        {
            t.Add(i, i + 1, TokenKind.Punctuation);
            var e = Scan.Ident(s, i + 1, end);
            t.Add(i + 1, e, TokenKind.Keyword);
            var v = Scan.SkipBlanks(s, e, end);
            var ve = v;
            while (ve < end && !Scan.IsSpace(s[ve])) ve++;
            if (ve > v && char.IsAsciiDigit(s[v])) t.Add(v, ve, TokenKind.Number);
            return false;
        }
        if (i == lineStart && end - i >= 3 && (string.CompareOrdinal(s, i, "---", 0, 3) == 0 || string.CompareOrdinal(s, i, "...", 0, 3) == 0)
            && (end - i == 3 || Scan.IsSpace(s[i + 3])))
        {
            t.Add(i, i + 3, TokenKind.Punctuation);
            i += 3;
        }
        var flow = 0;
        var expectKey = true;
        while (i < end)
        {
            var c = s[i];
            if (Scan.IsSpace(c)) { i++; continue; }
            if (c == '#' && (i == lineStart || Scan.IsSpace(s[i - 1]))) { t.Add(i, end, TokenKind.Comment); return false; }
            if (c == '-' && expectKey && flow == 0 && (i + 1 == end || s[i + 1] == ' '))
            {
                t.Add(i, i + 1, TokenKind.Punctuation);
                i++;
                continue;
            }
            if (c is '[' or '{') { flow++; t.Add(i, i + 1, TokenKind.Punctuation); i++; expectKey = c == '{'; continue; }
            if (c is ']' or '}') { if (flow > 0) flow--; t.Add(i, i + 1, TokenKind.Punctuation); i++; continue; }
            if (c == ',' && flow > 0) { t.Add(i, i + 1, TokenKind.Punctuation); i++; expectKey = true; continue; }
            if (c == ':' && (i + 1 == end || s[i + 1] is ' ' or '\t' || flow > 0 && s[i + 1] is ',' or ']' or '}'))
            {
                t.Add(i, i + 1, TokenKind.Punctuation);
                i++;
                expectKey = false;
                continue;
            }
            if (c == '?' && (i + 1 == end || s[i + 1] == ' ')) { t.Add(i, i + 1, TokenKind.Punctuation); i++; continue; }
            if (c is '&' or '*' && i + 1 < end && !Scan.IsSpace(s[i + 1]))
            {
                var e = i + 1;
                while (e < end && !Scan.IsSpace(s[e]) && s[e] is not (',' or ']' or '}' or '[' or '{')) e++;
                t.Add(i, i + 1, TokenKind.Keyword);
                t.Add(i + 1, e, c == '&' ? TokenKind.Type : TokenKind.Variable);
                i = e;
                continue;
            }
            if (c == '!')
            {
                var e = i + 1;
                while (e < end && !Scan.IsSpace(s[e]) && s[e] is not (',' or ']' or '}')) e++;
                t.Add(i, e, TokenKind.Type);
                i = e;
                continue;
            }
            if (c is '|' or '>' && flow == 0)
            {
                t.Add(i, i + 1, TokenKind.Keyword);
                var e = i + 1;
                while (e < end && (s[e] is '-' or '+' || char.IsAsciiDigit(s[e]))) e++;
                t.Add(i + 1, e, TokenKind.Keyword);
                var rest = Scan.SkipBlanks(s, e, end);
                if (rest < end && s[rest] == '#') t.Add(rest, end, TokenKind.Comment);
                return true;
            }
            if (c is '"' or '\'')
            {
                var e = Quoted(s, i, end, t);
                i = e;
                continue;
            }
            if (c == '<' && i + 1 < end && s[i + 1] == '<' && i + 2 < end && s[i + 2] == ':')
            {
                t.Add(i, i + 2, TokenKind.Constant);
                i += 2;
                continue;
            }
            // A plain scalar: up to ": ", " #", the line end, or in flow context a flow indicator.
            var pe = i;
            var isKey = false;
            while (pe < end)
            {
                var ch = s[pe];
                if (ch == ':' && (pe + 1 == end || s[pe + 1] is ' ' or '\t' || flow > 0 && s[pe + 1] is ',' or ']' or '}')) { isKey = true; break; }
                if (ch == '#' && Scan.IsSpace(s[pe - 1])) break;
                if (flow > 0 && ch is ',' or ']' or '}' or '[' or '{') break;
                pe++;
            }
            var te = pe;
            while (te > i && Scan.IsSpace(s[te - 1])) te--;
            var text = s.AsSpan(i, te - i);
            var kind = Classify(text);
            if (kind == TokenKind.String && isKey) kind = TokenKind.Property;
            t.Add(i, te, kind);
            i = pe;
        }
        return false;
    }

    private static TokenKind Classify(ReadOnlySpan<char> text)
    {
        if (Scan.In(Booleans, text) || Scan.In(Nulls, text)) return TokenKind.Constant;
        return IsNumber(text) ? TokenKind.Number : TokenKind.String;
    }

    private static bool IsNumber(ReadOnlySpan<char> s)
    {
        if (s.Length == 0) return false;
        if (s is ".inf" or ".Inf" or ".INF" or "-.inf" or "+.inf" or "-.Inf" or "+.Inf" or ".nan" or ".NaN" or ".NAN") return true;
        if (s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'o')
        {
            foreach (var ch in s[2..]) if (!(s[1] == 'x' ? char.IsAsciiHexDigit(ch) : ch is >= '0' and <= '7')) return false;
            return true;
        }
        var i = 0;
        if (s[i] is '-' or '+') i++;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.') { i++; while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; } }
        if (digits == 0) return false;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '-' or '+') i++;
            var exp = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == s.Length;
    }

    private static int Quoted(string s, int i, int end, TokenList t)
    {
        var q = s[i];
        t.Add(i, i + 1, TokenKind.String);
        var p = i + 1;
        while (p < end)
        {
            if (q == '\'' && s[p] == '\'' && p + 1 < end && s[p + 1] == '\'') { t.Add(p, p + 2, TokenKind.Escape); p += 2; continue; }
            if (s[p] == q) { t.Add(p, p + 1, TokenKind.String); return p + 1; }
            if (q == '"' && s[p] == '\\' && p + 1 < end)
            {
                var e = s[p + 1] switch { 'x' => p + 4, 'u' => p + 6, 'U' => p + 10, _ => p + 2 };
                e = System.Math.Min(e, end);
                t.Add(p, e, TokenKind.Escape);
                p = e;
                continue;
            }
            t.Add(p, p + 1, TokenKind.String);
            p++;
        }
        return p;
    }
}
