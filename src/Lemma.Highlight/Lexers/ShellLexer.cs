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
        ". : alias bg bind builtin caller cd command compgen complete dirs disown echo enable eval exec exit false fc fg " +
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
        LexCommands(code, i, end, tokens, Nest.None);
    }

    /// <summary>Where a run of commands sits: at top level, or inside <c>$( … )</c> or backticks, which VS Code shows
    /// as a string whose operators, keywords, builtins, variables and quotes keep their own kinds.</summary>
    private enum Nest { None, Paren, Backtick }

    private static bool IsWordBreak(char c) => c is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>' or '`';

    /// <summary>Lexes commands from <paramref name="i"/>; inside a substitution, stops at its closing <c>)</c> or backtick
    /// and returns that position.</summary>
    private static int LexCommands(string s, int i, int end, TokenList t, Nest nest)
    {
        var start = i;
        var fill = nest == Nest.None ? TokenKind.Text : TokenKind.String;
        var parens = 0; // unclosed ( inside a $( … ), so that its own ) is told apart
        var afterFor = false;
        var afterFunction = false;
        var afterCase = false;
        var caseDepth = 0; // open case … esac blocks
        var inPattern = false; // in a case pattern, up to its )
        var glued = false; // a command glued to its case pattern's ), up to the line's end
        var testDepth = 0; // inside [[ ]] or [ ]
        var pendingHeredocs = new List<(string Delimiter, bool Expand, bool StripTabs)>();
        while (i < end)
        {
            var c = s[i];
            var atWord = i == start || IsWordBreak(s[i - 1]) || s[i - 1] == '{' && i - 1 >= start && (i - 1 == start || IsWordBreak(s[i - 2]));
            if (c == '\n')
            {
                glued = false;
                t.Add(i, i + 1, fill);
                i++;
                if (pendingHeredocs.Count > 0)
                {
                    foreach (var h in pendingHeredocs) i = HeredocBody(s, i, end, t, h.Delimiter, h.Expand, h.StripTabs);
                    pendingHeredocs.Clear();
                }
                continue;
            }
            if (Scan.IsSpace(c)) { t.Add(i, i + 1, fill); i++; continue; } // a substitution's spaces: one string span
            if (glued && c is not ('"' or '\'' or '$' or '`'))
            {
                if (c == ';' && i + 1 < end && s[i + 1] == ';') inPattern = caseDepth > 0;
                t.Add(i, i + 1, fill);
                i++;
                continue;
            }
            if (c == '#' && atWord) { var e = Scan.LineEnd(s, i, end); t.Add(i, e, TokenKind.Comment); i = e; continue; }
            if (c == '\\')
            {
                // \x is an escape, as in VS Code; a line continuation is not
                var e = System.Math.Min(end, i + 2);
                t.Add(i, e, e == i + 2 && s[i + 1] == '\n' ? fill : TokenKind.Escape);
                i = e;
                continue;
            }
            if (c == '`' && nest == Nest.Backtick) return i;
            if (inPattern && c is ')' or '|' or '(')
            {
                t.Add(i, i + 1, TokenKind.Punctuation);
                if (c == ')') inPattern = false;
                i++;
                // -x)shift;; : VS Code's grammar reads a command glued to its pattern, and the rest of its line, as plain
                // text but for quotes and variables
                glued = c == ')' && nest == Nest.None && i < end && !Scan.IsSpace(s[i]) && s[i] != '\n';
                continue;
            }
            if (c == ')' && nest == Nest.Paren && parens == 0) return i;
            if (c == '\'') { i = SingleQuoted(s, i, end, t, ansi: false); continue; }
            if (c == '"') { i = DoubleQuoted(s, i, end, t); continue; }
            if (c == '`') { i = Backtick(s, i, end, t); continue; }
            if (c == '$') { i = Dollar(s, i, end, t); continue; }

            if (c is '<' or '>' && i + 1 < end && s[i + 1] == '(') { i = Substitution(s, i, end, t); continue; } // process substitution
            if (c == '!' && atWord && (testDepth == 0 || i + 1 >= end || Scan.IsSpace(s[i + 1]))) { t.Add(i, i + 1, TokenKind.Operator); i++; continue; }
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
                if (c == ';' && i + 1 < end && s[i + 1] == ';' && caseDepth > 0) // outside a case, two list operators
                {
                    t.Add(i, i + 2, TokenKind.Punctuation);
                    inPattern = caseDepth > 0;
                    i += 2;
                    continue;
                }
                var e = i + 1;
                if (e < end && s[e] == c && c != ';') e++;
                t.Add(i, e, TokenKind.Operator);
                i = e;
                continue;
            }
            if (c == '[' && atWord && !inPattern && (i + 1 < end && s[i + 1] == '[' || i + 1 < end && Scan.IsSpace(s[i + 1])))
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
                if (c == '(') parens++;
                else if (c == ')') parens--;
                // inside a substitution, VS Code keeps the brackets of groups and subshells in the string
                t.Add(i, i + 1, nest == Nest.None ? TokenKind.Punctuation : TokenKind.String);
                i++;
                continue;
            }
            if (c == '~' && (atWord || s[i - 1] == '=')) { t.Add(i, i + 1, TokenKind.Operator); i++; continue; }
            if (c is '*' or '?' && testDepth == 0) { t.Add(i, i + 1, TokenKind.Operator); i++; continue; }

            // A word.
            var w = i;
            while (w < end && !IsWordBreak(s[w]) && s[w] is not ('"' or '\'' or '$' or '\\' or '*' or '?' or '{' or '}' or '[' or ']' or '='))
                w++;
            if (w == i)
            {
                var lone = c == '=' && atWord && (i + 1 >= end || IsWordBreak(s[i + 1])); // [ $a = $b ]
                t.Add(i, i + 1, lone && testDepth > 0 ? TokenKind.Operator : fill);
                i++;
                continue;
            }
            var word = s.AsSpan(i, w - i);
            var wholeWord = atWord && (w >= end || IsWordBreak(s[w]));
            // right after $( or a backtick VS Code does not look for a command word
            var command = wholeWord && !(nest != Nest.None && i == start);
            if (testDepth > 0 && atWord && word.Length > 1 && word[0] == '-' && wholeWord && char.IsAsciiLetter(word[1]))
                t.Add(i, w, TokenKind.Operator);
            else if (testDepth > 0 && word is "==" or "!=" or "=~" or "!" or "=")
                t.Add(i, w, TokenKind.Operator);
            else if (word is "time" && (i == start || s[i - 1] is ' ' or '\t' or '\n' or ';' or '&') && (w >= end || s[w] is ' ' or '\t' or '\n' or ';' or '&'))
                t.Add(i, w, TokenKind.Keyword); // VS Code's grammar: time between blanks or list operators, wherever it stands
            else if (afterFor && wholeWord) { t.Add(i, w, TokenKind.Variable); afterFor = false; }
            else if (afterFunction && atWord) { t.Add(i, w, TokenKind.Function); afterFunction = false; }
            else if (command && Scan.In(Keywords, word))
            {
                t.Add(i, w, TokenKind.Keyword);
                afterFor = word is "for" or "select";
                afterFunction = word is "function";
                if (word is "case") afterCase = true;
                else if (word is "in" && afterCase) { afterCase = false; caseDepth++; inPattern = true; }
                else if (word is "esac" && caseDepth > 0) { caseDepth--; inPattern = false; }
            }
            else if (command && Scan.In(Modifiers, word)) t.Add(i, w, TokenKind.Keyword);
            else if (command && Scan.In(Builtins, word)) t.Add(i, w, TokenKind.Builtin);
            else if (atWord && IsFunctionDefinition(s, w, end)) t.Add(i, w, TokenKind.Function);
            else t.Add(i, w, fill);
            i = w;
            if (i < end && s[i] == '=') { t.Add(i, i + 1, fill); i++; }
            if (i < end && s[i] is '[' or ']' && testDepth == 0) { t.Add(i, i + 1, fill); i++; }
            else if (i < end && s[i] is '{' or '}') { t.Add(i, i + 1, fill); i++; }
        }
        return i;
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
        // 3>&- closes a descriptor; VS Code's grammar leaves the '-' out of the operator
        while (e < end && char.IsAsciiDigit(s[e]) && s[e - 1] == '&') e++;
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
        var p = LexCommands(s, i + 1, end, t, Nest.Backtick);
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
        var afterOperator = false; // ${x:-0,1}: case operators (^ ,) only follow the name
        while (p < end && s[p] != '}' && s[p] != '\n')
        {
            var c = s[p];
            if (c is '[' or ']') { t.Add(p, p + 1, TokenKind.Punctuation); p++; continue; }
            if (p == i + 2 && c is '#' or '!') { t.Add(p, p + 1, TokenKind.Operator); p++; continue; } // ${#array[@]}, ${!name}
            // VS Code's expansion operators, wherever they appear: :- := :? and : alone, # ## % %% / // ^ ^^ , ,, *;
            // a lone - = + ? stays part of the variable
            if (p > i + 2 && (c is ':' or '#' or '%' or '/' or '*' || c is '^' or ',' && !afterOperator))
            {
                afterOperator = true;
                var e = p + 1;
                if (e < end && (c == ':' ? s[e] is '-' or '=' or '?' : c != '*' && s[e] == c)) e++;
                t.Add(p, e, TokenKind.Operator);
                p = e;
                continue;
            }
            if (c == '"') { p = DoubleQuoted(s, p, end, t); continue; }
            if (c == '\'') { p = SingleQuoted(s, p, end, t, ansi: false); continue; }
            if (c == '$') { p = Dollar(s, p, end, t); continue; }
            t.Add(p, p + 1, TokenKind.Variable);
            p++;
        }
        if (p < end && s[p] == '}') { t.Add(p, p + 1, TokenKind.Variable); p++; }
        return p;
    }

    /// <summary>$( … ) and &lt;( … ): commands inside a string (as VS Code shows them).</summary>
    private static int Substitution(string s, int i, int end, TokenList t)
    {
        t.Add(i, i + 2, TokenKind.String);
        var p = LexCommands(s, i + 2, end, t, Nest.Paren);
        if (p < end) { t.Add(p, p + 1, TokenKind.String); p++; }
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
