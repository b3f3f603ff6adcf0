using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

// The shapes of declarations and templates that decide, as VS Code's grammar does, whether a name is a type.
public sealed partial class CppLexer
{
    /// <summary>A function name preceded by a type or specifier starts a definition (or declaration).</summary>
    private static bool IsDefinitionContext(TokenKind lastKind, char lastChar, string lastWord) =>
        lastKind == TokenKind.Type && lastChar != ':' || lastKind == TokenKind.Keyword && lastWord is not ("return" or "new" or "delete" or "throw" or "sizeof" or "else" or "case" or "co_return" or "co_await" or "co_yield")
        || lastKind == TokenKind.Text && Scan.IsIdentPart(lastChar)
        || lastKind == TokenKind.Punctuation && lastChar is '>' or ';' or '{' or '}' // a constructor at a statement's start
        || lastKind == TokenKind.Operator && lastChar is '*' or '&';

    /// <summary>
    /// VS Code's C++ grammar colours a user type where it declares something: a parameter (<c>T name</c>,
    /// <c>const T&amp; name</c>) or a function's return type (<c>T* f(</c>, <c>T&amp; operator=</c>), not a variable of a
    /// struct or a block. The name at [i, e) is such a type if a declared name follows it.
    /// </summary>
    private static bool IsDeclaredType(string s, int i, int e, int end, int start, TokenKind lastKind, char lastChar, string lastWord,
        bool inParams, bool inBlock)
    {
        var qualified = lastChar == ':' && i >= 2 && s[PrevSignificant(s, i, start)] == ':';
        var specifier = lastKind == TokenKind.Keyword && lastWord is "const" or "volatile" or "static" or "extern" or "inline"
            or "constexpr" or "virtual" or "friend" or "explicit" or "typename";
        if (inParams && (lastChar is '(' or ',' && lastKind == TokenKind.Punctuation || specifier || qualified))
        {
            if (DeclaresName(s, e, end) is ',' or ')' or '=' or '[' or '\n' or '\0') return true;
            var after = SkipSpace(s, e, end);
            if (lastChar is '(' or ',' && after < end && s[after] is ')' or ',') return true; // (chtype), (size_type, ...): unnamed
            if (!specifier) return false;
            var p = e; // const T&, unnamed
            while (p < end && s[p] is ' ' or '\t' or '*' or '&') p++;
            return p < end && s[p] is ',' or ')';
        }
        if (inBlock || !(lastKind == TokenKind.Punctuation && lastChar is ';' or '{' or '}' || specifier || qualified
                         || lastKind == TokenKind.Punctuation && lastChar == '>'))
            return false;
        return DeclaresName(s, e, end) == '(';
    }

    /// <summary>After a parameter's type: a type, a name, or the * and &amp; of a declarator.</summary>
    private static bool IsAfterDeclarator(TokenKind lastKind, char lastChar) =>
        lastKind is TokenKind.Type || lastChar is '*' or '&' || lastKind == TokenKind.Punctuation && lastChar is '.' /* T&&... name */ or '>' /* vector<T> name */ || lastKind is TokenKind.Text or TokenKind.Keyword && Scan.IsIdentPart(lastChar);

    /// <summary>From the end of a name: [* &amp; const ...] another name, and the character after that ('\0' at the end);
    /// 'x' if no name follows. <c>operator</c> counts as a name followed by '('.</summary>
    private static char DeclaresName(string s, int e, int end)
    {
        var p = e;
        while (true)
        {
            while (p < end && s[p] is ' ' or '\t' or '*' or '&') p++;
            if (p + 3 <= end && s[p] == '.' && s[p + 1] == '.' && s[p + 2] == '.') { p += 3; continue; }
            if (p >= end || !Scan.IsIdentStart(s[p])) return 'x';
            var we = Scan.Ident(s, p, end);
            var word = s.AsSpan(p, we - p);
            p = we;
            if (word is "const" or "volatile" or "restrict" or "__restrict" or "__restrict__") continue;
            if (word is "operator") return '(';
            if (Scan.In(Keywords, word)) return 'x';
            while (p < end && s[p] is ' ' or '\t') p++;
            return p < end ? s[p] : '\0';
        }
    }

    /// <summary>The name at <paramref name="i"/> follows <c>&gt;::</c>.</summary>
    private static bool AfterTemplateScope(string s, int i, int start)
    {
        var p = PrevSignificant(s, i, start);
        return p >= start + 2 && s[p] == ':' && s[p - 1] == ':' && s[PrevSignificant(s, p - 1, start)] == '>';
    }

    /// <summary>The end of a template argument list opening at <paramref name="i"/> on this line, or <paramref name="i"/>.</summary>
    private static int TemplateArgumentsEnd(string s, int i, int end)
    {
        if (i + 1 < end && s[i + 1] is '<' or '=') return i;
        var depth = 0;
        var parens = 0;
        // on this line only: VS Code's grammar matches template arguments line by line
        for (var p = i; p < end && s[p] != '\n'; p++)
        {
            var c = s[p];
            if (c == '(') parens++;
            else if (c == ')') { if (--parens < 0) return i; }
            else if (parens > 0 && c is '<' or '>') continue; // sizeof(a) > 1 inside the arguments
            else if (c == '<') depth++;
            else if (c == '>') { if (--depth == 0) return p + 1; }
            else if (!(Scan.IsIdentPart(c) || c is ' ' or '\t' or ',' or ':' or '*' or '&' or '.' or '!')) return i;
        }
        return i;
    }

    /// <summary>The significant character before the <c>-&gt;</c> that precedes <paramref name="i"/>.</summary>
    private static char ArrowAfter(string s, int i, int start)
    {
        var p = PrevSignificant(s, i, start) - 1; // the '-' of '->'
        return p > start ? s[PrevSignificant(s, p, start)] : '\0';
    }

    /// <summary>From the end of a name: <c>::</c>, or template arguments and <c>::</c>, follow.</summary>
    private static bool BeforeScope(string s, int e, int end)
    {
        var p = e < end && s[e] == '<' ? TemplateArgumentsEnd(s, e, end) : e;
        return p + 1 < end && s[p] == ':' && s[p + 1] == ':';
    }

    /// <summary>From the end of <c>typename</c>: <c>...</c> and then the end of the parameter, with no name.</summary>
    private static bool UnnamedPack(string s, int e, int end)
    {
        if (!(e + 3 <= end && s.AsSpan(e, 3) is "...")) return false;
        var p = SkipSpace(s, e + 3, end);
        return p < end && s[p] is '>' or ',';
    }

    private static bool InEnumBody(ulong enums, int braces) => braces is > 0 and <= 64 && (enums & (1UL << (braces - 1))) != 0;

    /// <summary>The innermost open brace opened a class, struct or union body.</summary>
    private static bool InClassBody(ulong classes, int braces) => braces is > 0 and <= 64 && (classes & (1UL << (braces - 1))) != 0;

    /// <summary>Only blanks precede <paramref name="i"/> on its line.</summary>
    /// <summary>
    /// extern "C" earlier on the line: VS Code's C++ grammar starts a definition's head only at a line's start or after
    /// ';', '}' or '>', so the head that follows is a call there (its parameters plain).
    /// </summary>
    private static bool AfterExternString(string s, int i, int start)
    {
        var lineStart = i > start ? s.LastIndexOf('\n', i - 1, i - start) + 1 : start;
        if (lineStart < start) lineStart = start;
        return s.AsSpan(lineStart, i - lineStart).IndexOf("extern \"", StringComparison.Ordinal) >= 0;
    }

    private static bool FirstOnLine(string s, int i)
    {
        while (i > 0 && s[i - 1] is ' ' or '\t') i--;
        return i == 0 || s[i - 1] == '\n';
    }

    private static bool InBlock(ulong blocks, int braces)
    {
        var n = System.Math.Min(braces, 64);
        return n > 0 && (blocks & (n == 64 ? ulong.MaxValue : (1UL << n) - 1)) != 0;
    }

    private static int SkipSpace(string s, int i, int end)
    {
        while (i < end && s[i] is ' ' or '\t') i++;
        return i;
    }

    private static int PrevSignificant(string s, int i, int start)
    {
        i--;
        while (i > start && char.IsWhiteSpace(s[i])) i--;
        return System.Math.Max(i, start);
    }
}
