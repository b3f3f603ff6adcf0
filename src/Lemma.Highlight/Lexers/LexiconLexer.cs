using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// One forward pass driven by a <see cref="Lexicon"/>: comments, strings with escapes, numbers, keywords, types,
/// constants and builtins by word list, function and type names after the words that define them, calls, annotations,
/// operators and punctuation. For languages without a (working) TextMate grammar; it colours what a reader scans for
/// and does not parse.
/// </summary>
public sealed class LexiconLexer(Lexicon lexicon) : ILexer
{
    private const string OperatorChars = "+-*/%=!&|^~<>?:.@$#\\";

    public void Lex(string s, int start, int end, TokenList t)
    {
        var x = lexicon;
        var i = start;
        var pending = TokenKind.Text; // the kind of the next name, after `fun`, `class` and the like
        while (i < end)
        {
            var c = s[i];
            if (c is ' ' or '\t' or '\n' or '\r') { i++; continue; }

            if (BlockCommentAt(s, i, end, start, out var open, out var close))
            {
                i = BlockComment(s, i, end, open, close, t);
                continue;
            }
            if (StartsAny(s, i, end, x.LineComments, out _) && !IsLongerOperator(s, i, end))
            {
                var e = Scan.LineEnd(s, i, end);
                t.Add(i, e, TokenKind.Comment);
                i = e;
                continue;
            }
            if (x.LineString != null && string.CompareOrdinal(s, i, x.LineString, 0, x.LineString.Length) == 0)
            {
                var e = Scan.LineEnd(s, i, end);
                t.Add(i, e, TokenKind.String);
                i = e;
                continue;
            }
            if (x.LongString != null && string.CompareOrdinal(s, i, x.LongString, 0, x.LongString.Length) == 0)
            {
                var closeAt = s.IndexOf(x.LongString, i + x.LongString.Length, end - i - x.LongString.Length, StringComparison.Ordinal);
                var e = closeAt < 0 ? end : closeAt + x.LongString.Length;
                t.Add(i, e, TokenKind.String);
                i = e;
                continue;
            }
            if (c == '"')
            {
                i = x.TripleQuotes && i + 2 < end && s[i + 1] == '"' && s[i + 2] == '"' ? TripleQuoted(s, i, end, t) : Quoted(s, i, end, '"', t);
                continue;
            }
            if (c == '\'')
            {
                i = SingleQuote(s, i, end, start, t);
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                var e = Scan.Number(s, i, end);
                t.Add(i, e, TokenKind.Number);
                i = e;
                continue;
            }
            if (Scan.IsIdentStart(c))
            {
                var e = Name(s, i, end);
                var word = s.AsSpan(i, e - i);
                if (e < end && s[e] == '"' && Scan.In(x.StringPrefixes, word))
                {
                    t.Add(i, e, TokenKind.String);
                    i = x.TripleQuotes && e + 2 < end && s[e + 1] == '"' && s[e + 2] == '"' ? TripleQuoted(s, e, end, t) : Quoted(s, e, end, '"', t);
                    continue;
                }
                var kind = Classify(s, i, e, start, end, pending);
                pending = TokenKind.Text;
                if (kind == TokenKind.Keyword)
                {
                    if (Scan.In(x.FunctionIntroducers, word)) pending = TokenKind.Function;
                    else if (Scan.In(x.TypeIntroducers, word)) pending = TokenKind.Type;
                }
                t.Add(i, e, kind);
                i = e;
                continue;
            }
            if (c is '@' or '#' or '$' && i + 1 < end && Scan.IsIdentStart(s[i + 1]))
            {
                var kind = c switch
                {
                    '@' => x.AtName,
                    '#' => x.HashKeywords ? TokenKind.Keyword : null,
                    _ => x.DollarVariables ? TokenKind.Variable : null,
                };
                if (kind != null)
                {
                    var e = Name(s, i + 1, end);
                    // An annotation's qualified name (@kotlin.Deprecated) stays one annotation.
                    while (kind == TokenKind.Decorator && e + 1 < end && s[e] == '.' && Scan.IsIdentStart(s[e + 1])) e = Name(s, e + 1, end);
                    t.Add(i, e, kind.Value);
                    i = e;
                    continue;
                }
            }
            if (c is '(' or ')' or '[' or ']' or '{' or '}' or ',' or ';')
            {
                t.Add(i, i + 1, TokenKind.Punctuation);
                i++;
                continue;
            }
            if (OperatorChars.Contains(c))
            {
                var e = i + 1;
                while (e < end && OperatorChars.Contains(s[e]) && !StartsAny(s, e, end, x.LineComments, out _)) e++;
                t.Add(i, e, TokenKind.Operator);
                i = e;
                continue;
            }
            i++;
        }
    }

    private TokenKind Classify(string s, int i, int e, int start, int end, TokenKind pending)
    {
        var x = lexicon;
        var word = s.AsSpan(i, e - i);
        if (Scan.In(x.Keywords, word)) return TokenKind.Keyword;
        if (Scan.In(x.Constants, word)) return TokenKind.Constant;
        if (Scan.In(x.Types, word)) return TokenKind.Type;
        if (pending != TokenKind.Text) return pending;
        if (Scan.In(x.Builtins, word)) return TokenKind.Builtin;
        var next = Scan.SkipBlanks(s, e, end);
        var nc = next < end ? s[next] : '\0';
        if (x.PropertyBefore is { } p && nc == p && !(next + 1 < end && s[next + 1] is '=' or ':')) return TokenKind.Property;
        if (x.CapitalizedAreTypes && char.IsAsciiLetterUpper(word[0])) return TokenKind.Type;
        if (x.LineStartNamesAreFunctions && (i == start || s[i - 1] == '\n')) return TokenKind.Function;
        if (x.CallsAreFunctions && e < end && (s[e] == '(' || s[e] == '<' && GenericCall(s, e, end))) return TokenKind.Function;
        return TokenKind.Text;
    }

    /// <summary><c>name&lt;T&gt;(</c>: a generic call, if a '(' follows the closing '&gt;' on the same line.</summary>
    private static bool GenericCall(string s, int lt, int end)
    {
        var depth = 0;
        for (var p = lt; p < end && s[p] != '\n'; p++)
        {
            if (s[p] == '<') depth++;
            else if (s[p] == '>' && --depth == 0) return p + 1 < end && s[p + 1] == '(';
            else if (!(Scan.IsIdentPart(s[p]) || s[p] is ' ' or ',' or '.' or '?' or '[' or ']')) return false;
        }
        return false;
    }

    private int Name(string s, int i, int end)
    {
        while (i < end && (Scan.IsIdentPart(s[i]) || lexicon.PrimesInNames && s[i] == '\'')) i++;
        return i;
    }

    private static bool StartsAny(string s, int i, int end, string[] prefixes, out string match)
    {
        foreach (var p in prefixes)
        {
            if (i + p.Length <= end && string.CompareOrdinal(s, i, p, 0, p.Length) == 0) { match = p; return true; }
        }
        match = "";
        return false;
    }

    /// <summary>Haskell's <c>--&gt;</c> or <c>|--</c> is an operator, not a comment: a dash comment ends at a symbol.</summary>
    private static bool IsLongerOperator(string s, int i, int end)
    {
        if (s[i] != '-') return false;
        var p = i;
        while (p < end && s[p] == '-') p++;
        return p < end && "!#$%&*+./<=>?@\\^|~:".Contains(s[p]) || i > 0 && "!#$%&*+./<=>?@\\^|~:".Contains(s[i - 1]);
    }

    private bool BlockCommentAt(string s, int i, int end, int start, out string open, out string close)
    {
        foreach (var (o, c) in lexicon.BlockComments)
        {
            if (i + o.Length > end || string.CompareOrdinal(s, i, o, 0, o.Length) != 0) continue;
            if (lexicon.BlockCommentsAtLineStart && !(Scan.AtLineStart(s, i, start) && Scan.SkipBlanks(s, i + o.Length, end) == Scan.LineEnd(s, i, end))) continue;
            open = o;
            close = c;
            return true;
        }
        open = close = "";
        return false;
    }

    private int BlockComment(string s, int i, int end, string open, string close, TokenList t)
    {
        var depth = 0;
        var p = i;
        while (p < end)
        {
            if (string.CompareOrdinal(s, p, open, 0, open.Length) == 0 && (depth == 0 || lexicon.NestedComments)) { depth++; p += open.Length; continue; }
            if (string.CompareOrdinal(s, p, close, 0, close.Length) == 0) { depth--; p += close.Length; if (depth == 0) break; continue; }
            p++;
        }
        t.Add(i, p, TokenKind.Comment);
        return p;
    }

    private int SingleQuote(string s, int i, int end, int start, TokenList t)
    {
        switch (lexicon.SingleQuote)
        {
            case QuoteRule.String:
                return Quoted(s, i, end, '\'', t);
            case QuoteRule.StringOrTranspose:
            {
                var prev = i > start ? s[i - 1] : '\n';
                if (Scan.IsIdentPart(prev) || prev is ')' or ']' or '}' or '.' or '\'')
                {
                    t.Add(i, i + 1, TokenKind.Operator);
                    return i + 1;
                }
                return Quoted(s, i, end, '\'', t, doubledQuoteEscapes: true);
            }
        }
        // 'x', '\n', '\u{1F600}', '\''
        var p = i + 1;
        if (p < end && s[p] == '\\')
        {
            var close = s.IndexOf('\'', p + 2, System.Math.Min(12, System.Math.Max(0, end - p - 2)));
            if (close > 0 && s.IndexOf('\n', p, close - p) < 0)
            {
                t.Add(i, i + 1, TokenKind.String);
                t.Add(p, close, TokenKind.Escape);
                t.Add(close, close + 1, TokenKind.String);
                return close + 1;
            }
        }
        var len = p < end && char.IsHighSurrogate(s[p]) ? 2 : 1;
        if (p + len < end && s[p] != '\n' && s[p + len] == '\'')
        {
            t.Add(i, p + len + 1, TokenKind.String);
            return p + len + 1;
        }
        if (lexicon.SingleQuote == QuoteRule.CharOrTypeVariable && p < end && Scan.IsIdentStart(s[p]))
        {
            var e = Name(s, p, end);
            t.Add(i, e, TokenKind.Type);
            return e;
        }
        t.Add(i, i + 1, TokenKind.Operator);
        return i + 1;
    }

    private static int Quoted(string s, int i, int end, char q, TokenList t, bool doubledQuoteEscapes = false)
    {
        t.Add(i, i + 1, TokenKind.String);
        var p = i + 1;
        while (p < end && s[p] != '\n')
        {
            if (s[p] == q)
            {
                if (doubledQuoteEscapes && p + 1 < end && s[p + 1] == q) { t.Add(p, p + 2, TokenKind.Escape); p += 2; continue; }
                p++;
                break;
            }
            if (s[p] == '\\' && !doubledQuoteEscapes && p + 1 < end && s[p + 1] != '\n')
            {
                var e = p + 2;
                if (s[p + 1] == 'u' && e < end && s[e] == '{') { var b = s.IndexOf('}', e, System.Math.Min(10, end - e)); if (b > 0) e = b + 1; }
                else if (s[p + 1] == 'u') while (e < end && e < p + 6 && char.IsAsciiHexDigit(s[e])) e++;
                else if (s[p + 1] == 'x') while (e < end && e < p + 4 && char.IsAsciiHexDigit(s[e])) e++;
                t.Add(p, e, TokenKind.Escape);
                p = e;
                continue;
            }
            t.Add(p, p + 1, TokenKind.String);
            p++;
        }
        t.Add(p - 1, p, TokenKind.String);
        return p;
    }

    private static int TripleQuoted(string s, int i, int end, TokenList t)
    {
        var close = s.IndexOf("\"\"\"", i + 3, end - i - 3, StringComparison.Ordinal);
        var e = close < 0 ? end : close + 3;
        while (e < end && s[e] == '"') e++; // """a"""" ends with the last quote
        t.Add(i, e, TokenKind.String);
        return e;
    }
}
