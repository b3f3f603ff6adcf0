using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// Python, shaped after VS Code's MagicPython grammar: decorators, def/class names, parameters and keyword arguments,
/// builtins, all string prefixes (raw <c>r'…'</c> strings are regular expressions there, so here too), escapes and format
/// placeholders, and f-strings whose replacement fields are lexed as Python, recursively.
/// </summary>
public sealed class PythonLexer : ILexer
{
    public static readonly PythonLexer Instance = new();

    private static readonly string[] Keywords = Words(
        "and as assert async await break continue def del elif else except finally for from global if import in is lambda " +
        "nonlocal not or pass raise return try while with yield class print exec");
    private static readonly string[] Constants = Words("True False None NotImplemented Ellipsis __debug__");
    private static readonly string[] BuiltinTypes = Words(
        "bool bytearray bytes classmethod complex dict float frozenset int list object property set slice staticmethod str tuple type super");
    private static readonly string[] BuiltinFunctions = Words(
        "__import__ abs aiter all anext any ascii bin breakpoint callable chr compile copyright credits delattr dir divmod " +
        "enumerate eval exit filter format getattr globals hasattr hash help hex id input isinstance issubclass iter len " +
        "license locals map max memoryview min next oct open ord pow quit range repr reversed round setattr sorted sum vars zip");
    private static readonly string[] Exceptions = Words(
        "ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError " +
        "BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError " +
        "ConnectionResetError DeprecationWarning EOFError EnvironmentError Exception ExceptionGroup FileExistsError " +
        "FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError " +
        "IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError " +
        "ModuleNotFoundError NameError NotADirectoryError NotImplementedError OSError OverflowError " +
        "PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning " +
        "RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit " +
        "TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError " +
        "UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError");

    private static string[] Words(string s) => Scan.Words(s);

    public void Lex(string code, int start, int end, TokenList tokens) => LexCode(code, start, end, tokens, fstring: false);

    private enum Paren : byte { Other, Call, Params, Inherit, Lambda }

    /// <summary>
    /// Lexes Python from <paramref name="i"/>. In an f-string replacement field (<paramref name="fstring"/>) it stops at
    /// the '}', '!' or ':' that closes the expression, and returns that index.
    /// </summary>
    /// <summary>The innermost open bracket; past the stack's depth (brackets nested over 64 deep) nothing is known of it.</summary>
    private static Paren? Top(Span<Paren> stack, int depth) => depth > 0 && depth <= stack.Length ? stack[depth - 1] : null;

    private static int LexCode(string s, int i, int end, TokenList t, bool fstring)
    {
        Span<Paren> stack = stackalloc Paren[64];
        var depth = 0;
        var after = Word.None;       // what the previous word announces for the next identifier
        var expectParam = false;     // in a parameter list, the next identifier is a parameter name
        var lambdaDepth = -1;        // paren depth of an open lambda's parameter list
        var prevDot = false;
        while (i < end)
        {
            var c = s[i];
            if (c == '\n') { i++; continue; }
            if (Scan.IsSpace(c)) { i++; continue; }
            if (fstring && depth == 0 && (c == '}' || c == ':' || c == '!' && (i + 1 >= end || s[i + 1] != '='))) return i;
            var wasDot = prevDot;
            prevDot = false;

            if (c == '#') { var e = Scan.LineEnd(s, i, end); t.Add(i, e, TokenKind.Comment); i = e; continue; }

            if (Scan.IsIdentStart(c))
            {
                var e = Scan.Ident(s, i, end);
                // String prefix?
                if (e < end && s[e] is '\'' or '"' && e - i <= 2 && IsStringPrefix(s.AsSpan(i, e - i)))
                {
                    i = LexString(s, i, e, end, t);
                    after = Word.None;
                    continue;
                }
                var word = s.AsSpan(i, e - i);
                var next = Scan.SkipBlanks(s, e, end);
                var call = next < end && s[next] == '(';
                TokenKind kind;
                if (after == Word.Def) { kind = IsMagic(word) ? TokenKind.Builtin : TokenKind.Function; after = Word.DefName; }
                else if (after == Word.Class) { kind = TokenKind.Type; after = Word.ClassName; }
                else if (lambdaDepth == depth && !Scan.In(Keywords, word)) kind = TokenKind.Variable;
                else if (Top(stack, depth) == Paren.Params && expectParam) { kind = TokenKind.Variable; expectParam = false; }
                else if (Top(stack, depth) is Paren.Call && next < end && s[next] == '=' && (next + 1 >= end || s[next + 1] != '='))
                    kind = TokenKind.Variable;
                else if (Top(stack, depth) == Paren.Inherit) kind = TokenKind.Type;
                else if (!wasDot && Scan.In(Keywords, word))
                {
                    kind = TokenKind.Keyword;
                    if (word is "def") after = Word.Def;
                    else if (word is "class") after = Word.Class;
                    else if (word is "lambda") { lambdaDepth = depth; }
                    else if (word is "print" or "exec") kind = call ? TokenKind.Builtin : TokenKind.Text;
                }
                else if (!wasDot && Scan.In(Constants, word)) kind = TokenKind.Constant;
                else if (!wasDot && (word is "self" or "cls")) kind = TokenKind.Builtin;
                else if (IsMagic(word)) kind = TokenKind.Builtin;
                else if (!wasDot && Scan.In(BuiltinTypes, word)) kind = next < end && s[next] == '[' ? TokenKind.Text : TokenKind.Type;
                else if (!wasDot && Scan.In(Exceptions, word)) kind = TokenKind.Type;
                else if (!wasDot && Scan.In(BuiltinFunctions, word)) kind = TokenKind.Builtin;
                else if (call) kind = TokenKind.Function;
                else if (IsCaps(word)) kind = TokenKind.Constant; // MISSING, _POSITIONAL_ONLY, IO: constants in MagicPython
                else kind = TokenKind.Text;
                if (kind != TokenKind.Keyword && after is Word.Def or Word.Class) after = Word.None;
                t.Add(i, e, kind);
                i = e;
                continue;
            }

            if (char.IsAsciiDigit(c) || c == '.' && i + 1 < end && char.IsAsciiDigit(s[i + 1]))
            {
                var e = Scan.Number(s, i, end);
                t.Add(i, e, TokenKind.Number);
                i = e;
                continue;
            }

            if (c is '\'' or '"') { i = LexString(s, i, i, end, t); continue; }

            if (c == '@' && Scan.AtLineStart(s, i, 0) && !fstring)
            {
                var e = i + 1;
                t.Add(i, i + 1, TokenKind.Decorator);
                var nameEnd = Scan.Ident(s, e, end);
                var name = s.AsSpan(e, nameEnd - e);
                if (nameEnd > e && (nameEnd >= end || s[nameEnd] != '.') && Scan.In(BuiltinTypes, name))
                    e = Add(t, e, nameEnd, TokenKind.Type); // @property, @staticmethod: builtins, as in MagicPython
                else if (nameEnd > e && (nameEnd >= end || s[nameEnd] != '.') && Scan.In(BuiltinFunctions, name))
                    e = Add(t, e, nameEnd, TokenKind.Builtin);
                while (e < end && (Scan.IsIdentPart(s[e]) || s[e] == '.'))
                {
                    t.Add(e, e + 1, s[e] == '.' ? TokenKind.Punctuation : TokenKind.Decorator);
                    e++;
                }
                i = e;
                after = Word.Decorator;
                continue;
            }

            switch (c)
            {
                case '(':
                    var kindOfParen = after switch
                    {
                        Word.DefName => Paren.Params,
                        Word.ClassName => Paren.Inherit,
                        Word.Decorator => Paren.Call,
                        _ => IsCallParen(s, i) ? Paren.Call : Paren.Other,
                    };
                    if (depth < stack.Length) stack[depth] = kindOfParen;
                    depth++;
                    expectParam = kindOfParen == Paren.Params;
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    after = Word.None;
                    i++;
                    continue;
                case '[' or '{':
                    if (depth < stack.Length) stack[depth] = Paren.Other;
                    depth++;
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    after = Word.None;
                    i++;
                    continue;
                case ')' or ']' or '}':
                    if (depth > 0) depth--;
                    if (lambdaDepth > depth) lambdaDepth = -1;
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    after = Word.None;
                    i++;
                    continue;
                case ',':
                    if (Top(stack, depth) == Paren.Params) expectParam = true;
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    i++;
                    continue;
                case ':':
                    if (lambdaDepth == depth) lambdaDepth = -1;
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    i++;
                    continue;
                case '.':
                    if (i + 2 < end && s[i + 1] == '.' && s[i + 2] == '.') { t.Add(i, i + 3, TokenKind.Constant); i += 3; continue; }
                    t.Add(i, i + 1, TokenKind.Punctuation);
                    prevDot = true;
                    i++;
                    continue;
                case ';':
                    i++;
                    continue;
                case '\\':
                    i++;
                    continue;
                case '-' when i + 1 < end && s[i + 1] == '>':
                    t.Add(i, i + 2, TokenKind.Punctuation);
                    i += 2;
                    continue;
            }

            if ("=+-*/%@<>!~^&|".Contains(c))
            {
                var e = i + 1;
                while (e < end && "=*/<>".Contains(s[e]) && e - i < 3) e++;
                if (c == '=' && Top(stack, depth) == Paren.Params) expectParam = false;
                t.Add(i, e, TokenKind.Operator);
                i = e;
                continue;
            }
            i++;
        }
        return i;
    }

    private enum Word : byte { None, Def, DefName, Class, ClassName, Decorator }

    private static int Add(TokenList t, int start, int end, TokenKind kind)
    {
        t.Add(start, end, kind);
        return end;
    }

    private static bool IsDunder(ReadOnlySpan<char> w) => w.Length > 4 && w.StartsWith("__") && w.EndsWith("__");

    /// <summary>The special methods and attributes MagicPython knows (<c>__init__</c>, <c>__name__</c>); other dunders
    /// (<c>__origin__</c>, <c>__typing_subst__</c>) are plain names there.</summary>
    private static bool IsMagic(ReadOnlySpan<char> w) => IsDunder(w) && Scan.In(MagicNames, w[2..^2]);

    private static readonly string[] MagicNames = Words(
        "abs add aenter aexit aiter and anext await bool bytes call ceil class_getitem cmp coerce complex contains copy " +
        "deepcopy del delattr delete delitem delslice dir div divmod enter eq exit float floor floordiv format fspath ge " +
        "get getattr getattribute getinitargs getitem getnewargs getnewargs_ex getslice getstate gt hash hex iadd iand " +
        "idiv ifloordiv ilshift imatmul imod imul index init init_subclass instancecheck int invert ior ipow irshift isub " +
        "iter itruediv ixor le len length_hint long lshift lt matmul missing mod mul ne neg new next nonzero oct or pos " +
        "pow prepare radd rand rdiv rdivmod reduce reduce_ex repr reversed rfloordiv rlshift rmatmul rmod rmul ror round " +
        "rpow rrshift rshift rsub rtruediv rxor set set_name setattr setitem setslice setstate sizeof str sub " +
        "subclasscheck truediv trunc unicode xor " +
        // attributes
        "all annotations bases builtins class classcell code debug defaults dict doc file func future " +
        "kwdefaults match_args members metaclass methods module mro mro_entries name package post_init qualname " +
        "self signature slots spec subclasses traceback version weakref wrapped");

    /// <summary>_*[A-Z][A-Z0-9_]* with at least two capitals: MagicPython's constant.other.caps.</summary>
    private static bool IsCaps(ReadOnlySpan<char> w)
    {
        var p = 0;
        while (p < w.Length && w[p] == '_') p++;
        if (p >= w.Length || !char.IsAsciiLetterUpper(w[p])) return false;
        var capitals = 0;
        for (; p < w.Length; p++)
        {
            if (char.IsAsciiLetterUpper(w[p])) capitals++;
            else if (!char.IsAsciiDigit(w[p]) && w[p] != '_') return false;
        }
        return capitals >= 2;
    }

    private static bool IsCallParen(string s, int i)
    {
        var p = i - 1;
        while (p >= 0 && Scan.IsSpace(s[p])) p--;
        return p >= 0 && (Scan.IsIdentPart(s[p]) || s[p] is ')' or ']');
    }

    private static bool IsStringPrefix(ReadOnlySpan<char> p)
    {
        foreach (var ch in p)
            if ((ch | 0x20) is not ('r' or 'b' or 'u' or 'f' or 't')) return false;
        return true;
    }

    /// <summary>A string from its prefix at <paramref name="i"/>, quote at <paramref name="q"/>. Returns its end.</summary>
    private static int LexString(string s, int i, int q, int end, TokenList t)
    {
        var prefix = s.AsSpan(i, q - i);
        bool raw = false, rawRegex = false, f = false, bytes = false;
        foreach (var ch in prefix)
        {
            if (ch == 'r') { raw = true; rawRegex = true; }
            else if (ch == 'R') raw = true;
            else if ((ch | 0x20) is 'f' or 't') f = true;
            else if ((ch | 0x20) == 'b') bytes = true;
        }
        if (f) rawRegex = false;
        // f-strings nest (f"{f"{...}"}"), each level a call deeper: thousands of levels would overflow the stack and
        // kill the process, so past what the stack can hold the rest is lexed as a plain string.
        if (f && !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) f = false;
        var kind = rawRegex ? TokenKind.Regex : TokenKind.String;
        var quote = s[q];
        var triple = q + 2 < end && s[q + 1] == quote && s[q + 2] == quote;
        var open = triple ? 3 : 1;
        var docstring = triple && !f && Scan.AtLineStart(s, i, 0); // MagicPython gives docstrings no format placeholders
        if (docstring) kind = TokenKind.String; // nor regular expressions: r"""…""" there is a docstring
        t.Add(i, q + open, kind);
        var p = q + open;
        while (p < end)
        {
            var c = s[p];
            if (c == quote && (!triple || p + 2 < end && s[p + 1] == quote && s[p + 2] == quote))
            {
                t.Add(p, p + open, kind);
                return p + open;
            }
            if (c == '\n' && !triple) return p; // unterminated: ends at the line end
            if (c == '\\' && p + 1 < end)
            {
                if (raw) { t.Add(p, p + 2, kind); p += 2; continue; }
                var e = Escape(s, p, end, bytes);
                if (e > p) { t.Add(p, e, TokenKind.Escape); p = e; continue; }
                t.Add(p, p + 1, kind);
                p++;
                continue;
            }
            if (f && (c == '{' || c == '}'))
            {
                if (p + 1 < end && s[p + 1] == c) { t.Add(p, p + 2, TokenKind.Escape); p += 2; continue; }
                if (c == '}') { t.Add(p, p + 1, kind); p++; continue; }
                t.Add(p, p + 1, TokenKind.Escape);
                p = LexCode(s, p + 1, FieldEnd(s, p + 1, end, triple), t, fstring: true);
                // conversion and format spec, with nested {fields}
                while (p < end && s[p] != '}' && s[p] != '\n')
                {
                    if (s[p] == '{')
                    {
                        t.Add(p, p + 1, TokenKind.Escape);
                        p = LexCode(s, p + 1, FieldEnd(s, p + 1, end, triple), t, fstring: true);
                        if (p < end && s[p] == '}') { t.Add(p, p + 1, TokenKind.Escape); p++; }
                        continue;
                    }
                    if (s[p] == quote) break;
                    t.Add(p, p + 1, TokenKind.Escape);
                    p++;
                }
                if (p < end && s[p] == '}') { t.Add(p, p + 1, TokenKind.Escape); p++; }
                continue;
            }
            if (docstring && c is '>' or '.' && p + 2 < end && s[p + 1] == c && s[p + 2] == c && Scan.AtLineStart(s, p, 0)
                && (p + 3 >= end || s[p + 3] is ' ' or '\n'))
            {
                t.Add(p, p + 3, TokenKind.Keyword); // a doctest prompt
                p += 3;
                continue;
            }
            if (!f && !rawRegex && !docstring && (c == '{' || c == '%'))
            {
                var e = c == '{' ? BraceFormat(s, p, end) : PercentFormat(s, p, end);
                if (e > p) { t.Add(p, e, TokenKind.Escape); p = e; continue; }
            }
            t.Add(p, p + 1, kind);
            p++;
        }
        return p;
    }

    /// <summary>The end of an f-string replacement field's text: never past the line end of a one-line string.</summary>
    private static int FieldEnd(string s, int p, int end, bool triple) => triple ? end : Scan.LineEnd(s, p, end);

    private static int Escape(string s, int p, int end, bool bytes)
    {
        var c = s[p + 1];
        switch (c)
        {
            case '\\' or '\'' or '"' or 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\n':
                return p + 2;
            case >= '0' and <= '7':
                var e = p + 2;
                while (e < end && e < p + 4 && s[e] is >= '0' and <= '7') e++;
                return e;
            case 'x':
                return HexRun(s, p + 2, end, 2) ? p + 4 : p;
            case 'u' when !bytes:
                return HexRun(s, p + 2, end, 4) ? p + 6 : p;
            case 'U' when !bytes:
                return HexRun(s, p + 2, end, 8) ? p + 10 : p;
            case 'N' when !bytes && p + 2 < end && s[p + 2] == '{':
                var close = s.IndexOf('}', p + 3, end - p - 3);
                return close < 0 ? p : close + 1;
            default:
                return p;
        }
    }

    private static bool HexRun(string s, int p, int end, int n)
    {
        if (p + n > end) return false;
        for (var k = 0; k < n; k++) if (!char.IsAsciiHexDigit(s[p + k])) return false;
        return true;
    }

    /// <summary>A str.format field such as {0}, {name!r:>10} or {{.</summary>
    private static int BraceFormat(string s, int p, int end)
    {
        if (p + 1 < end && s[p + 1] == '{') return p + 2;
        var e = p + 1;
        while (e < end && (Scan.IsIdentPart(s[e]) || s[e] is '.' or '[' or ']')) e++;
        if (e + 1 < end && s[e] == '!' && s[e + 1] is 'r' or 's' or 'a') e += 2;
        if (e < end && s[e] == ':')
        {
            e++;
            while (e < end && s[e] is not ('}' or '{' or '\n' or '\'' or '"')) e++;
        }
        return e < end && s[e] == '}' ? e + 1 : p;
    }

    /// <summary>A printf-style field such as %s, %(name)d or %-5.2f.</summary>
    private static int PercentFormat(string s, int p, int end)
    {
        var e = p + 1;
        if (e < end && s[e] == '(')
        {
            var close = s.IndexOf(')', e, System.Math.Min(end, Scan.LineEnd(s, e, end)) - e);
            if (close < 0) return p;
            e = close + 1;
        }
        while (e < end && s[e] is '-' or '+' or '#' or ' ' or '0') e++;
        while (e < end && (char.IsAsciiDigit(s[e]) || s[e] == '*')) e++;
        if (e < end && s[e] == '.') { e++; while (e < end && (char.IsAsciiDigit(s[e]) || s[e] == '*')) e++; }
        if (e < end && s[e] is 'h' or 'l' or 'L') e++;
        return e < end && "diouxXeEfFgGcrsab%".Contains(s[e]) ? e + 1 : p;
    }
}
