using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// Bash, shaped after VS Code's shell grammar: control keywords and builtins as words, variables and expansions,
/// single, double and ANSI-C quoting, <c>$(...)</c> and backtick substitutions (strings with their variables),
/// <c>$((...))</c> arithmetic, heredocs (quoted or not, <c>&lt;&lt;-</c>), redirections, pipes and lists.
/// Plain command words and numbers stay text, as in VS Code.
/// </summary>
public sealed class ShellLexer : ILexer
{
    public static readonly ShellLexer Instance = new();

    private static readonly string[] Keywords = Scan.Words(
        "if then else elif fi for in do done select case continue esac while until return break function");
    private static readonly string[] Modifiers = Scan.Words("declare export local readonly typeset");
    private static readonly string[] Builtins = Scan.Words(
        "alias bg bind builtin caller cd command compgen complete dirs disown echo enable eval exec exit false fc fg " +
        "getopts hash help history jobs kill let logout popd printf pushd pwd read set shift shopt source suspend test " +
        "times trap true type ulimit umask unalias unset wait");

    public void Lex(string code, int start, int end, TokenList tokens)
    {
        var i = start;
        if (i + 1 < end && code[i] == '#' && code[i + 1] == '!')
        {
            var e = Scan.LineEnd(code, i, end);
            tokens.Add(i, e, TokenKind.Comment);
            i = e;
        }
        LexCommands(code, i, end, tokens);
    }

    private static bool IsWordBreak(char c) => c is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>' or '`';

    private static void LexCommands(string s, int i, int end, TokenList t)
    {
        var start = i;
        var afterFor = false;
        var afterFunction = false;
        var testDepth = 0; // inside [[ ]] or [ ]
        var pendingHeredocs = new List<(string Delimiter, bool Expand, bool StripTabs)>();
        while (i < end)
        {
            var c = s[i];
            var atWord = i == start || IsWordBreak(s[i - 1]) || s[i - 1] == '{' && i - 1 >= start && (i - 1 == start || IsWordBreak(s[i - 2]));
            if (c == '\n')
            {
                i++;
                if (pendingHeredocs.Count > 0)
                {
                    foreach (var h in pendingHeredocs) i = HeredocBody(s, i, end, t, h.Delimiter, h.Expand, h.StripTabs);
                    pendingHeredocs.Clear();
                }
                continue;
            }
            if (Scan.IsSpace(c)) { i++; continue; }
            if (c == '#' && atWord) { var e = Scan.LineEnd(s, i, end); t.Add(i, e, TokenKind.Comment); i = e; continue; }
            if (c == '\\') { i = System.Math.Min(end, i + 2); continue; }
            if (c == '\'') { i = SingleQuoted(s, i, end, t, ansi: false); continue; }
            if (c == '"') { i = DoubleQuoted(s, i, end, t); continue; }
            if (c == '`') { i = Backtick(s, i, end, t); continue; }
            if (c == '$') { i = Dollar(s, i, end, t); continue; }

            if (c == '<' && i + 1 < end && s[i + 1] == '<' && (i + 2 >= end || s[i + 2] != '<'))
            {
                i = HeredocStart(s, i, end, t, pendingHeredocs);
                continue;
            }
            if (c is '<' or '>' || char.IsAsciiDigit(c) && atWord && Redirect(s, i, end) > i)
            {
                var e = Redirect(s, i, end);
                if (e == i) e = i + 1;
                t.Add(i, e, TokenKind.Operator);
                i = e;
                continue;
            }
            if (c == '&' && i + 1 < end && s[i + 1] == '>')
            {
                var e = i + 2;
                if (e < end && s[e] == '>') e++;
                t.Add(i, e, TokenKind.Operator);
                i = e;
                continue;
            }
            if (c is '|' or '&' or ';')
            {
                if (c == ';' && i + 1 < end && s[i + 1] == ';') { t.Add(i, i + 2, TokenKind.Punctuation); i += 2; continue; }
                var e = i + 1;
                if (e < end && s[e] == c && c != ';') e++;
                t.Add(i, e, testDepth > 0 && c != ';' ? TokenKind.Operator : TokenKind.Operator);
                i = e;
                continue;
            }
            if (c == '[' && atWord && (i + 1 < end && s[i + 1] == '[' || i + 1 < end && Scan.IsSpace(s[i + 1])))
            {
                var e = i + 1 < end && s[i + 1] == '[' ? i + 2 : i + 1;
                t.Add(i, e, TokenKind.Punctuation);
                testDepth++;
                i = e;
                continue;
            }
            if (c == ']' && testDepth > 0 && (i == 0 || Scan.IsSpace(s[i - 1])))
            {
                var e = i + 1 < end && s[i + 1] == ']' ? i + 2 : i + 1;
                t.Add(i, e, TokenKind.Punctuation);
                testDepth--;
                i = e;
                continue;
            }
            if (c is '(' or ')' || (c is '{' or '}') && atWord && (i + 1 >= end || IsWordBreak(s[i + 1]) || s[i + 1] == '}'))
            {
                t.Add(i, i + 1, TokenKind.Punctuation);
                i++;
                continue;
            }
            if (c == '~' && atWord) { t.Add(i, i + 1, TokenKind.Operator); i++; continue; }
            if (c is '*' or '?' && testDepth == 0) { t.Add(i, i + 1, TokenKind.Operator); i++; continue; }

            // A word.
            var w = i;
            while (w < end && !IsWordBreak(s[w]) && s[w] is not ('"' or '\'' or '$' or '\\' or '*' or '?' or '{' or '}' or '[' or ']' or '='))
                w++;
            if (w == i) { i++; continue; }
            var word = s.AsSpan(i, w - i);
            var wholeWord = atWord && (w >= end || IsWordBreak(s[w]) || s[w] == '}' && false);
            if (testDepth > 0 && atWord && word.Length > 1 && word[0] == '-' && wholeWord && char.IsAsciiLetter(word[1]))
                t.Add(i, w, TokenKind.Operator);
            else if (testDepth > 0 && word is "==" or "!=" or "=~" or "!")
                t.Add(i, w, TokenKind.Operator);
            else if (afterFor && wholeWord) { t.Add(i, w, TokenKind.Variable); afterFor = false; }
            else if (afterFunction && atWord) { t.Add(i, w, TokenKind.Function); afterFunction = false; }
            else if (wholeWord && Scan.In(Keywords, word))
            {
                t.Add(i, w, TokenKind.Keyword);
                afterFor = word is "for" or "select";
                afterFunction = word is "function";
            }
            else if (wholeWord && Scan.In(Modifiers, word)) t.Add(i, w, TokenKind.Keyword);
            else if (wholeWord && Scan.In(Builtins, word)) t.Add(i, w, TokenKind.Builtin);
            else if (atWord && IsFunctionDefinition(s, w, end)) t.Add(i, w, TokenKind.Function);
            if (i < w && s[i] == '=' ) { }
            i = w;
            if (i < end && s[i] == '=') i++;
            if (i < end && s[i] is '[' or ']' && testDepth == 0) i++;
            else if (i < end && s[i] is '{' or '}') i++;
        }
    }

    /// <summary>name() { … }: the parentheses follow the name directly or after blanks.</summary>
    private static bool IsFunctionDefinition(string s, int w, int end)
    {
        var p = Scan.SkipBlanks(s, w, end);
        return p + 1 < end && s[p] == '(' && s[p + 1] == ')';
    }

    /// <summary>A redirection such as 2&gt;&amp;1, &gt;&gt;, &lt;, 1&gt;: returns its end, or <paramref name="i"/> if none.</summary>
    private static int Redirect(string s, int i, int end)
    {
        var e = i;
        while (e < end && char.IsAsciiDigit(s[e])) e++;
        if (e >= end || s[e] is not ('<' or '>')) return i;
        var op = s[e];
        e++;
        if (e < end && (s[e] == op || s[e] == '&' || op == '<' && s[e] == '>' || s[e] == '|')) e++;
        while (e < end && (char.IsAsciiDigit(s[e]) || s[e] == '-') && s[e - 1] == '&') e++;
        return e;
    }

    private static int SingleQuoted(string s, int i, int end, TokenList t, bool ansi)
    {
        var p = i + (ansi ? 2 : 1);
        t.Add(i, p, TokenKind.String);
        while (p < end && s[p] != '\'')
        {
            if (ansi && s[p] == '\\' && p + 1 < end) { t.Add(p, p + 2, TokenKind.Escape); p += 2; continue; }
            t.Add(p, p + 1, TokenKind.String);
            p++;
        }
        if (p < end) { t.Add(p, p + 1, TokenKind.String); p++; }
        return p;
    }

    private static int DoubleQuoted(string s, int i, int end, TokenList t)
    {
        t.Add(i, i + 1, TokenKind.String);
        var p = i + 1;
        while (p < end && s[p] != '"')
        {
            var c = s[p];
            if (c == '\\' && p + 1 < end)
            {
                if (s[p + 1] is '"' or '$' or '\\' or '`') { t.Add(p, p + 2, TokenKind.Escape); p += 2; continue; }
                t.Add(p, p + 1, TokenKind.String);
                p++;
                continue;
            }
            if (c == '$') { p = Dollar(s, p, end, t); continue; }
            if (c == '`') { p = Backtick(s, p, end, t); continue; }
            t.Add(p, p + 1, TokenKind.String);
            p++;
        }
        if (p < end) { t.Add(p, p + 1, TokenKind.String); p++; }
        return p;
    }

    private static int Backtick(string s, int i, int end, TokenList t)
    {
        t.Add(i, i + 1, TokenKind.String);
        var p = i + 1;
        while (p < end && s[p] != '`')
        {
            if (s[p] == '\\' && p + 1 < end) { t.Add(p, p + 2, TokenKind.String); p += 2; continue; }
            if (s[p] == '$') { p = Dollar(s, p, end, t); continue; }
            t.Add(p, p + 1, TokenKind.String);
            p++;
        }
        if (p < end) { t.Add(p, p + 1, TokenKind.String); p++; }
        return p;
    }

    /// <summary>$name, $1, $?, ${…}, $(…), $((…)), $'…' at <paramref name="i"/>.</summary>
    private static int Dollar(string s, int i, int end, TokenList t)
    {
        if (i + 1 >= end) { return i + 1; }
        var c = s[i + 1];
        if (c == '(' && i + 2 < end && s[i + 2] == '(') return Arithmetic(s, i, end, t);
        if (c == '(') return Substitution(s, i, end, t);
        if (c == '{') return Braced(s, i, end, t);
        if (c == '\'') return SingleQuoted(s, i, end, t, ansi: true);
        if (Scan.IsIdentStart(c))
        {
            var e = Scan.Ident(s, i + 1, end);
            t.Add(i, e, TokenKind.Variable);
            return e;
        }
        if (char.IsAsciiDigit(c) || c is '?' or '#' or '@' or '*' or '$' or '!' or '-' or '_')
        {
            t.Add(i, i + 2, TokenKind.Variable);
            return i + 2;
        }
        return i + 1;
    }

    private static int Braced(string s, int i, int end, TokenList t)
    {
        t.Add(i, i + 2, TokenKind.Variable);
        var p = i + 2;
        var inWord = false;
        while (p < end && s[p] != '}' && s[p] != '\n')
        {
            var c = s[p];
            if (c is '[' or ']') { t.Add(p, p + 1, TokenKind.Punctuation); p++; continue; }
            if (!inWord && p > i + 2 && c is ':' or '-' or '=' or '+' or '?' or '#' or '%' or '/' or '^' or ',')
            {
                var e = p + 1;
                while (e < end && s[e] is ':' or '-' or '=' or '+' or '?' or '#' or '%' or '/' or '^' or ',' && e - p < 2) e++;
                t.Add(p, e, TokenKind.Operator);
                p = e;
                inWord = true;
                continue;
            }
            if (c == '$') { p = Dollar(s, p, end, t); continue; }
            t.Add(p, p + 1, TokenKind.Variable);
            p++;
        }
        if (p < end && s[p] == '}') { t.Add(p, p + 1, TokenKind.Variable); p++; }
        return p;
    }

    /// <summary>$( … ): a string (as VS Code shows it) whose variables and quoted parts are still told apart.</summary>
    private static int Substitution(string s, int i, int end, TokenList t)
    {
        t.Add(i, i + 2, TokenKind.String);
        var p = i + 2;
        var depth = 0;
        while (p < end)
        {
            var c = s[p];
            if (c == ')' && depth == 0) { t.Add(p, p + 1, TokenKind.String); return p + 1; }
            if (c == '(') depth++;
            else if (c == ')') depth--;
            if (c == '\\' && p + 1 < end) { t.Add(p, p + 2, TokenKind.String); p += 2; continue; }
            if (c == '$') { p = Dollar(s, p, end, t); continue; }
            if (c == '"') { p = DoubleQuoted(s, p, end, t); continue; }
            if (c == '\'') { p = SingleQuoted(s, p, end, t, ansi: false); continue; }
            if (c == '`') { p = Backtick(s, p, end, t); continue; }
            t.Add(p, p + 1, TokenKind.String);
            p++;
        }
        return p;
    }

    private static int Arithmetic(string s, int i, int end, TokenList t)
    {
        t.Add(i, i + 3, TokenKind.String);
        var p = i + 3;
        var depth = 0;
        while (p < end)
        {
            var c = s[p];
            if (c == ')' && depth == 0 && p + 1 < end && s[p + 1] == ')') { t.Add(p, p + 2, TokenKind.String); return p + 2; }
            if (c == '(') depth++;
            else if (c == ')') depth--;
            if (c == '$') { p = Dollar(s, p, end, t); continue; }
            if (char.IsAsciiDigit(c) && (p == 0 || !Scan.IsIdentPart(s[p - 1])))
            {
                var e = Scan.Number(s, p, end);
                t.Add(p, e, TokenKind.Number);
                p = e;
                continue;
            }
            if (Scan.IsIdentStart(c)) { var e = Scan.Ident(s, p, end); t.Add(p, e, TokenKind.String); p = e; continue; }
            if ("+-*/%<>=!&|^~?:".Contains(c)) { t.Add(p, p + 1, TokenKind.Operator); p++; continue; }
            t.Add(p, p + 1, TokenKind.String);
            p++;
        }
        return p;
    }

    private static int HeredocStart(string s, int i, int end, TokenList t, List<(string, bool, bool)> pending)
    {
        var p = i + 2;
        t.Add(i, p, TokenKind.Operator);
        var strip = p < end && s[p] == '-';
        var q = strip ? p + 1 : p;
        q = Scan.SkipBlanks(s, q, end);
        var quote = q < end && s[q] is '\'' or '"' ? s[q] : '\0';
        var d = quote != '\0' ? q + 1 : q;
        if (d < end && s[d] == '\\') d++;
        var de = d;
        while (de < end && (Scan.IsIdentPart(s[de]) || s[de] is '-' or '.')) de++;
        if (de == d) return p; // not a heredoc after all
        t.Add(p, d, TokenKind.String);
        t.Add(d, de, TokenKind.Keyword);
        var after = quote != '\0' && de < end && s[de] == quote ? de + 1 : de;
        t.Add(de, after, TokenKind.String);
        var lineEnd = Scan.LineEnd(s, after, end);
        // The rest of the line belongs to the heredoc in VS Code's grammar.
        t.Add(after, lineEnd, TokenKind.String);
        pending.Add((s[d..de], quote == '\0' && s[d - 1] != '\\', strip));
        return lineEnd;
    }

    private static int HeredocBody(string s, int i, int end, TokenList t, string delimiter, bool expand, bool stripTabs)
    {
        var p = i;
        while (p < end)
        {
            var lineEnd = Scan.LineEnd(s, p, end);
            var content = p;
            if (stripTabs) while (content < lineEnd && s[content] == '\t') content++;
            if (lineEnd - content == delimiter.Length && string.CompareOrdinal(s, content, delimiter, 0, delimiter.Length) == 0)
            {
                t.Add(content, lineEnd, TokenKind.Keyword);
                return lineEnd;
            }
            var q = p;
            while (q < lineEnd)
            {
                if (expand && s[q] == '$') { q = Dollar(s, q, lineEnd, t); continue; }
                if (expand && s[q] == '\\' && q + 1 < lineEnd) { t.Add(q, q + 2, TokenKind.String); q += 2; continue; }
                t.Add(q, q + 1, TokenKind.String);
                q++;
            }
            p = lineEnd + 1;
        }
        return end;
    }
}
