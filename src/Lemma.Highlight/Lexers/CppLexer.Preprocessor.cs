using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

// Directives: #include paths, #define names and parameters, #if conditions.
public sealed partial class CppLexer
{
    private int Directive(string s, int i, int end, TokenList t)
    {
        var lineEnd = Scan.LineEnd(s, i, end);
        var d = Scan.SkipBlanks(s, i + 1, lineEnd);
        var de = Scan.Ident(s, d, lineEnd);
        t.Add(i, de, TokenKind.Keyword);
        var name = s.AsSpan(d, de - d);
        var p = Scan.SkipBlanks(s, de, lineEnd);
        if (name is "include" or "include_next" or "import")
        {
            if (p < lineEnd && s[p] is '<' or '"')
            {
                var close = s.IndexOf(s[p] == '<' ? '>' : '"', p + 1, lineEnd - p - 1);
                var e = close < 0 ? lineEnd : close + 1;
                t.Add(p, e, TokenKind.String);
                p = e;
            }
            Lex(s, p, lineEnd, t);
            return lineEnd;
        }
        if (name is "define" or "undef" or "ifdef" or "ifndef")
        {
            var ne = Scan.Ident(s, p, lineEnd);
            t.Add(p, ne, TokenKind.Function);
            p = ne;
            if (name is "define" && p < lineEnd && s[p] == '(') p = MacroParameters(s, p, lineEnd, t);
            else if (name is "define" && _dialect != Dialect.C && SkipSpace(s, p, lineEnd) is var q && q > p && q < lineEnd && s[q] == '('
                     && s.IndexOfAny(['(', ')'], q + 1, lineEnd - q - 1) is var close && close > 0 && s[close] == ')')
                p = MacroParameters(s, q, lineEnd, t); // #define A (B + 2): VS Code's C++ grammar reads (B + 2) as parameters
        }
        // The rest of the line (and continuation lines) is code.
        var stop = lineEnd;
        while (stop < end && stop > p && s[stop - 1] == '\\') stop = Scan.LineEnd(s, stop + 1, end);
        if (name is "if" or "elif")
        {
            Condition(s, p, stop, t);
            return stop;
        }
        if (name is "pragma")
        {
            while (p < stop)
            {
                if (Scan.IsIdentStart(s[p])) { var we = Scan.Ident(s, p, stop); t.Add(p, we, TokenKind.Attribute); p = we; }
                else p++;
            }
            return stop;
        }
        Lex(s, p, stop, t);
        return stop;
    }

    /// <summary>
    /// #define NAME(a, b, ...): the parameters are variables, as in VS Code; only a parameter's first word is one there,
    /// the rest is plain (<c>N(x + y)</c>).
    /// </summary>
    private static int MacroParameters(string s, int p, int lineEnd, TokenList t)
    {
        t.Add(p, p + 1, TokenKind.Punctuation);
        p++;
        var first = true; // at a parameter's start
        while (p < lineEnd && s[p] != ')')
        {
            if (Scan.IsIdentStart(s[p]))
            {
                var e = Scan.Ident(s, p, lineEnd);
                if (first) t.Add(p, e, TokenKind.Variable);
                first = false;
                p = e;
                continue;
            }
            if (s[p] == ',') { t.Add(p, p + 1, TokenKind.Punctuation); first = true; }
            else if (s[p] == '.' && p + 2 < lineEnd && s[p + 1] == '.' && s[p + 2] == '.') { t.Add(p, p + 3, TokenKind.Punctuation); p += 3; continue; }
            else if (s[p] is not (' ' or '\t')) first = false;
            p++;
        }
        if (p < lineEnd) { t.Add(p, p + 1, TokenKind.Punctuation); p++; }
        return p;
    }

    /// <summary>The condition of #if and #elif: macro names are functions there (VS Code), <c>defined</c> a keyword;
    /// in C++ the predefined macros (<c>__cplusplus</c>, <c>__GNUC__</c>) stay types unless tested by defined.</summary>
    private void Condition(string s, int p, int stop, TokenList t)
    {
        var afterDefined = false;
        while (p < stop)
        {
            var c = s[p];
            if (Scan.IsIdentStart(c))
            {
                var e = Scan.Ident(s, p, stop);
                var word = s.AsSpan(p, e - p);
                var kind = word is "defined" ? (_dialect == Dialect.C || SkipSpace(s, e, stop) < stop && s[SkipSpace(s, e, stop)] == '(' ? TokenKind.Keyword : TokenKind.Function)
                    : _dialect != Dialect.C && !afterDefined && IsPredefinedMacro(word) ? TokenKind.Type
                    : TokenKind.Function;
                afterDefined = word is "defined" && kind == TokenKind.Keyword; // defined __STRICT_ANSI__ (no parentheses): VS Code's macro rule
                t.Add(p, e, kind);
                p = e;
                continue;
            }
            if (char.IsAsciiDigit(c)) { var e = Scan.Number(s, p, stop); t.Add(p, e, TokenKind.Number); p = e; continue; }
            if (c == '/' && p + 1 < stop && s[p + 1] is '/' or '*')
            {
                var e = s[p + 1] == '/' ? Scan.LineEnd(s, p, stop) : s.IndexOf("*/", p + 2, stop - p - 2, StringComparison.Ordinal);
                e = e < 0 ? stop : s[p + 1] == '/' ? e : e + 2;
                t.Add(p, e, TokenKind.Comment);
                p = e;
                continue;
            }
            if (c == '\\' && IsContinuation(s, p, stop)) { t.Add(p, p + 1, TokenKind.Escape); p++; continue; }
            if (c is '(' or ')') t.Add(p, p + 1, TokenKind.Punctuation);
            else if ("+-*/%=<>!&|^~?:".Contains(c)) t.Add(p, p + 1, TokenKind.Operator);
            p++;
        }
    }

    /// <summary>__cplusplus and the __NAME__ macros of the compilers, which VS Code colours as types.</summary>
    private static bool IsPredefinedMacro(ReadOnlySpan<char> w) =>
        w is "__cplusplus" || w.Length > 4 && w.StartsWith("__") && w.EndsWith("__") && char.IsAsciiLetterUpper(w[2]) && !w.ContainsAnyInRange('a', 'z');

    /// <summary>A backslash that ends its line (blanks may follow): a line continuation.</summary>
    private static bool IsContinuation(string s, int p, int end)
    {
        var e = p + 1;
        while (e < end && s[e] is ' ' or '\t') e++;
        return e >= end || s[e] == '\n';
    }
}
