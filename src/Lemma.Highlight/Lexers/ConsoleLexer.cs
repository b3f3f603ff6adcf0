using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// Shell sessions: a line starting with a prompt (<c>$ </c>, <c># </c>, <c>% </c>, <c>user@host:~$ </c>,
/// <c>(venv) $ </c>) is a command, lexed as bash, and so are its continuation lines (after a trailing backslash);
/// <c>&gt;&gt;&gt; </c> and <c>... </c> lines are Python; every other line is output.
/// </summary>
public sealed class ConsoleLexer : ILexer
{
    public static readonly ConsoleLexer Instance = new();

    public void Lex(string code, int start, int end, TokenList tokens) =>
        LexWith(code[start..end], tokens, (from, to, python) =>
        {
            if (python) PythonLexer.Instance.Lex(code, start + from, start + to, tokens);
            else ShellLexer.Instance.Lex(code, start + from, start + to, tokens);
        }, start);

    /// <summary>
    /// Splits a session into prompts, commands and output; <paramref name="command"/> lexes each command range
    /// (from, to, isPython), so that the TextMate reference can share the split and lex commands with its own grammar.
    /// </summary>
    public static void LexWith(string code, TokenList tokens, Action<int, int, bool> command, int offset = 0)
    {
        var i = 0;
        var end = code.Length;
        while (i < end)
        {
            var lineEnd = Scan.LineEnd(code, i, end);
            var prompt = PromptLength(code, i, lineEnd, out var python);
            if (prompt < 0)
            {
                tokens.Add(offset + i, offset + lineEnd, TokenKind.Output);
                i = lineEnd + 1;
                continue;
            }
            tokens.Add(offset + i, offset + i + prompt, TokenKind.Prompt);
            var cmdStart = i + prompt;
            var cmdEnd = lineEnd;
            // Continuation lines: a trailing backslash carries the command on.
            while (cmdEnd < end && cmdEnd > cmdStart && code[cmdEnd - 1] == '\\') cmdEnd = Scan.LineEnd(code, cmdEnd + 1, end);
            if (cmdEnd > cmdStart) command(cmdStart, cmdEnd, python);
            i = cmdEnd + 1;
        }
    }

    /// <summary>The length of the prompt opening the line at <paramref name="i"/>, or -1 for output.</summary>
    internal static int PromptLength(string s, int i, int lineEnd, out bool python)
    {
        python = false;
        var n = lineEnd - i;
        if (n >= 3 && (string.CompareOrdinal(s, i, ">>>", 0, 3) == 0 || string.CompareOrdinal(s, i, "...", 0, 3) == 0)
            && (n == 3 || s[i + 3] == ' '))
        {
            python = true;
            return System.Math.Min(n, 4);
        }
        var p = i;
        // (venv) prefix
        if (p < lineEnd && s[p] == '(')
        {
            var close = s.IndexOf(')', p, lineEnd - p);
            if (close < 0 || close + 1 >= lineEnd || s[close + 1] != ' ' || s.AsSpan(p, close - p).ContainsAny(' ', '\t')) return -1;
            p = close + 2;
        }
        // user@host:path or bare path before the sigil: [\w.@:~/-]* with no blank
        var q = p;
        while (q < lineEnd && (Scan.IsIdentPart(s[q]) || s[q] is '.' or '@' or ':' or '~' or '/' or '-' or '[' or ']')) q++;
        if (q > p && !s.AsSpan(p, q - p).ContainsAny('@', ':', '~')) q = p; // a bare word is not a prompt
        if (q < lineEnd && s[q] is '$' or '#' or '%' or '>' && (q + 1 == lineEnd || s[q + 1] == ' '))
        {
            if (s[q] == '>' && q == p) return -1; // "> " is a quote or a continuation, not a prompt
            return q + (q + 1 < lineEnd ? 2 : 1) - i;
        }
        return -1;
    }
}
