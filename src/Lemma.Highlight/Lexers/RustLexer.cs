using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// Rust, shaped after VS Code's Rust grammar: lower-case names are variables, capitalised ones types, <c>name!</c>
/// macros and calls are functions, fields after '.' stay text; lifetimes (<c>'a</c>), attributes (<c>#[…]</c>),
/// raw strings (<c>r#"…"#</c>), byte strings, chars, escapes, numbers with type suffixes (<c>1u32</c>), paths in
/// <c>use</c> as namespaces, and Rust's operators (<c>::</c>, <c>.</c>, <c>-&gt;</c>, <c>=&gt;</c>, <c>?</c>, <c>&amp;</c>).
/// </summary>
public sealed class RustLexer : ILexer
{
    public static readonly RustLexer Instance = new();

    private static readonly string[] Keywords = Scan.Words(
        "as async await break const continue crate dyn else enum extern fn for if impl in let loop match mod move mut pub " +
        "ref return static struct trait type union unsafe use where while yield");
    private static readonly string[] Primitives = Scan.Words(
        "bool char str u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64");

    public void Lex(string s, int start, int end, TokenList t)
    {
        var i = start;
        var inUse = false;
        var afterFn = false;
        var afterDeclare = false; // after struct, enum, union, trait, type or mod: the name declared is a type
        var prevDot = false;
        var attribute = 0; // bracket depth inside #[…]
        while (i < end)
        {
            var c = s[i];
            if (c is ' ' or '\t' or '\n' or '\r') { i++; continue; }
            var wasDot = prevDot;
            prevDot = false;
            if (c == '/' && i + 1 < end && s[i + 1] == '/') { var e = Scan.LineEnd(s, i, end); t.Add(i, e, TokenKind.Comment); i = e; continue; }
            if (c == '/' && i + 1 < end && s[i + 1] == '*') { i = BlockComment(s, i, end, t); continue; }

            if (Scan.IsIdentStart(c))
            {
                var e = Scan.Ident(s, i, end);
                // r"…", r#"…"#, b"…", br#"…"#, b'x'
                if (e < end && (s[e] is '"' || s[e] == '#' && (s[e - 1] == 'r')) && e - i <= 2 && s.AsSpan(i, e - i) is "r" or "b" or "br" or "c" or "cr")
                {
                    i = s[e - 1] == 'r' ? RawString(s, i, e, end, t) : Quoted(s, i, e, end, t);
                    continue;
                }
                if (e - i == 1 && s[i] == 'b' && e < end && s[e] == '\'') { i = Char(s, i, e, end, t); continue; }
                var word = s.AsSpan(i, e - i);
                var next = Scan.SkipBlanks(s, e, end);
                var nc = next < end ? s[next] : '\0';
                TokenKind kind;
                if (e < end && s[e] == '!' && (e + 1 >= end || s[e + 1] != '=') && !Scan.In(Keywords, word))
                {
                    t.Add(i, e + 1, TokenKind.Function);
                    afterFn = word is "macro_rules"; // macro_rules! name: the macro's name is a function
                    i = e + 1;
                    continue;
                }
                var call = e < end && s[e] == '(';
                if (i > start && s[i - 1] == '$') { kind = TokenKind.Variable; afterFn = false; } // a macro's $metavariable, fn $name() too
                else if (Turbofish(s, e, end) && !IsConstantName(word) && word is not ("self" or "Self" or "super" or "Some" or "None" or "Ok" or "Err"))
                    kind = TokenKind.Function; // size_of::<T>(): a call to VS Code's grammar (a '>(' later on the line will do)
                else if (call && word is not "pub" && Scan.In(Keywords, word)) kind = TokenKind.Function; // if(x), a.union(b), fn(u8): a call to VS Code's grammar (pub(crate) is not)
                else if (Scan.In(Keywords, word))
                {
                    kind = TokenKind.Keyword;
                    if (word is "use") inUse = true;
                    afterFn = word is "fn";
                    afterDeclare = word is "struct" or "enum" or "union" or "trait" or "type" or "mod";
                }
                else if (afterDeclare) { kind = TokenKind.Type; afterDeclare = false; } // struct Name(…), mod tests
                else if (word is "self" or "Self" or "super") kind = TokenKind.Builtin; // super too, as VS Code's grammar has it
                else if (word is "true" or "false") kind = TokenKind.Constant;
                else if (Scan.In(Primitives, word)) kind = TokenKind.Type;
                else if (afterFn) { kind = TokenKind.Function; afterFn = false; }
                else if (wasDot) kind = nc == '(' || nc == ':' && next + 1 < end && s[next + 1] == ':' ? TokenKind.Function : TokenKind.Text;
                else if (char.IsAsciiLetterUpper(word[0]))
                {
                    // Literal(s), FnMut(T): a call to VS Code's grammar, as any name right before '(', but for
                    // constants and Some/None/Ok/Err
                    kind = IsConstantName(word) ? TokenKind.Constant
                        : call && word is not ("Some" or "None" or "Ok" or "Err") ? TokenKind.Function
                        : TokenKind.Type;
                }
                else if (nc == ':' && next + 1 < end && s[next + 1] == ':') kind = TokenKind.Type;
                else if (attribute > 0 || inUse) kind = TokenKind.Text;
                else if (nc == '(') kind = TokenKind.Function;
                else kind = TokenKind.Variable;
                t.Add(i, e, kind);
                i = e;
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var e = Scan.Number(s, i, end);
                var se = SuffixStart(s, i, e); // a type suffix such as u32 or f64
                t.Add(i, se, TokenKind.Number);
                t.Add(se, e, TokenKind.Type);
                i = e;
                continue;
            }

            switch (c)
            {
                case '"':
                    i = Quoted(s, i, i, end, t);
                    continue;
                case '\'':
                {
                    // A lifetime ('a, 'static) unless it is a char literal ('a', '\n').
                    var e = i + 1;
                    if (e < end && s[e] == '\\' || e + 1 < end && s[e + 1] == '\'' || e + 2 < end && char.IsSurrogate(s[e]) && s[e + 2] == '\'')
                    {
                        i = Char(s, i, i, end, t);
                        continue;
                    }
                    if (e < end && Scan.IsIdentStart(s[e]))
                    {
                        var le = Scan.Ident(s, e, end);
                        t.Add(i, i + 1, TokenKind.Punctuation);
                        t.Add(e, le, TokenKind.Type);
                        i = le;
                        continue;
                    }
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    i++;
                    continue;
                }
                case '#' when i + 1 < end && (s[i + 1] == '[' || s[i + 1] == '!' && i + 2 < end && s[i + 2] == '['):
                    t.Add(i, s[i + 1] == '!' ? i + 3 : i + 2, TokenKind.Punctuation);
                    attribute = 1;
                    i += s[i + 1] == '!' ? 3 : 2;
                    continue;
                case ';':
                    inUse = false;
                    afterFn = false;
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    i++;
                    continue;
                case '(' or ')' or '[' or ']' or '{' or '}' or ',' or '<' or '>' when !(c is '<' or '>' && IsComparison(s, i, end)):
                    if (attribute > 0 && c == '[') attribute++;
                    else if (attribute > 0 && c == ']') attribute--;
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    i++;
                    continue;
                case '.':
                {
                    var e = i + 1;
                    while (e < end && e - i < 3 && s[e] is '.' or '=') e++;
                    t.Add(i, e, TokenKind.Operator);
                    prevDot = e == i + 1;
                    i = e;
                    continue;
                }
            }
            if ("+-*/%=!&|^:?<>@~$".Contains(c))
            {
                var e = i + 1;
                while (e < end && e - i < 3 && "=>:&|<.".Contains(s[e]) && !(c == ':' && s[e] != ':') && !(c is '&' or '|' && s[e] != c && s[e] != '=')) e++;
                t.Add(i, e, TokenKind.Operator);
                i = e;
                continue;
            }
            i++;
        }
    }

    /// <summary>"::&lt;" right after a name, and "&gt;(" later on its line.</summary>
    private static bool Turbofish(string s, int e, int end)
    {
        if (e + 2 >= end || s[e] != ':' || s[e + 1] != ':' || s[e + 2] != '<') return false;
        var line = Scan.LineEnd(s, e, end);
        return s.AsSpan(e + 3, line - e - 3).IndexOf(">(", StringComparison.Ordinal) >= 0;
    }

    /// <summary>ALL_CAPS names (two characters or more) are constants.</summary>
    private static bool IsConstantName(ReadOnlySpan<char> w)
    {
        if (w.Length < 2) return false;
        foreach (var ch in w) if (!(char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch) || ch == '_')) return false;
        return true;
    }

    /// <summary>'&lt;' or '&gt;' used as a comparison or shift: with blanks on both sides or doubled.</summary>
    private static bool IsComparison(string s, int i, int end) =>
        i + 1 < end && s[i + 1] == '=' || i > 0 && s[i - 1] is ' ' && i + 1 < end && s[i + 1] is ' ' || i > 0 && s[i - 1] == '-' || i > 0 && s[i - 1] == '=';

    private static int SuffixStart(string s, int i, int e)
    {
        for (var k = i + 1; k < e; k++)
        {
            if (s[k] is 'u' or 'i' && k + 1 < e && char.IsAsciiDigit(s[k + 1])) return k;
            if (s[k] is 'u' or 'i' && s.AsSpan(k, e - k) is "usize" or "isize") return k;
            if (s[k] == 'f' && k + 2 <= e && s.AsSpan(k, e - k) is "f32" or "f64" && !(s.Length > i + 1 && s[i + 1] is 'x' or 'X')) return k;
        }
        return e;
    }

    private static int BlockComment(string s, int i, int end, TokenList t)
    {
        var depth = 0;
        var p = i;
        while (p < end)
        {
            if (s[p] == '/' && p + 1 < end && s[p + 1] == '*') { depth++; p += 2; continue; }
            if (s[p] == '*' && p + 1 < end && s[p + 1] == '/') { depth--; p += 2; if (depth == 0) break; continue; }
            p++;
        }
        t.Add(i, p, TokenKind.Comment);
        return p;
    }

    private static int Quoted(string s, int i, int q, int end, TokenList t)
    {
        t.Add(i, q + 1, TokenKind.String);
        var p = q + 1;
        while (p < end && s[p] != '"')
        {
            if (s[p] == '\\' && p + 1 < end)
            {
                var e = s[p + 1] switch
                {
                    '\n' => p + 1,
                    _ => EscapeEnd(s, p, end),
                };
                // a line continuation's backslash is part of the string there
                t.Add(p, System.Math.Max(e, p + 1), e > p + 1 ? TokenKind.Escape : TokenKind.String);
                p = System.Math.Max(e, p + 1);
                continue;
            }
            t.Add(p, p + 1, TokenKind.String);
            p++;
        }
        if (p < end) { t.Add(p, p + 1, TokenKind.String); p++; }
        return p;
    }

    private static int RawString(string s, int i, int q, int end, TokenList t)
    {
        var hashes = 0;
        var p = q;
        while (p < end && s[p] == '#') { hashes++; p++; }
        if (p >= end || s[p] != '"') { t.Add(i, q, TokenKind.Variable); return q; }
        var closing = "\"" + new string('#', hashes);
        var close = s.IndexOf(closing, p + 1, end - p - 1, StringComparison.Ordinal);
        var e = close < 0 ? end : close + closing.Length;
        t.Add(i, e, TokenKind.String);
        return e;
    }

    /// <summary>A char literal: the quotes are punctuation in VS Code's grammar, the content a string.</summary>
    /// <summary>
    /// The end of the escape at <paramref name="p"/>, as VS Code's grammar reads one: \x and two digits (the first 0-7,
    /// the second no 8 or 9), \u{ and four to six hex digits }, else the backslash and one character (\u{1}: \u alone).
    /// </summary>
    private static int EscapeEnd(string s, int p, int end)
    {
        if (p + 3 < end && s[p + 1] == 'x' && s[p + 2] is >= '0' and <= '7' && char.IsAsciiHexDigit(s[p + 3]) && s[p + 3] is not ('8' or '9'))
            return p + 4;
        if (p + 2 < end && s[p + 1] == 'u' && s[p + 2] == '{')
        {
            var q = p + 3;
            while (q < end && q - p - 3 < 7 && char.IsAsciiHexDigit(s[q])) q++;
            if (q - p - 3 is >= 4 and <= 6 && q < end && s[q] == '}') return q + 1;
        }
        return System.Math.Min(end, p + 2);
    }

    private static int Char(string s, int i, int q, int end, TokenList t)
    {
        if (q > i) t.Add(i, q, TokenKind.String);
        t.Add(q, q + 1, TokenKind.Punctuation);
        var p = q + 1;
        while (p < end && s[p] != '\'' && s[p] != '\n')
        {
            if (s[p] == '\\' && p + 1 < end) { var e = EscapeEnd(s, p, end); t.Add(p, e, TokenKind.Escape); p = e; continue; }
            t.Add(p, p + 1, TokenKind.String);
            p++;
        }
        if (p < end && s[p] == '\'') { t.Add(p, p + 1, TokenKind.Punctuation); p++; }
        return p;
    }
}
