using System.Text;

namespace Lemma.Highlight.Lexing;

/// <summary>Renders a source and its tokens as one HTML string per line, every span closed at the line end.</summary>
public static class HtmlLines
{
    private static readonly string[] ClassOpen = Enum.GetValues<TokenKind>()
        .Select(k => $"<span class=\"hl-{k.ToString().ToLowerInvariant()}\">").ToArray();

    [ThreadStatic] private static StringBuilder? t_builder;

    /// <summary>Line ends become "\n", and trailing empty lines are dropped: the form every highlighter works on.</summary>
    public static string Normalize(string code)
    {
        if (code.Contains('\r')) code = code.Replace("\r\n", "\n");
        var end = code.Length;
        while (end > 0 && code[end - 1] == '\n') end--;
        return end == code.Length ? code : code[..end];
    }

    public static string[] Render(string code, TokenList tokens)
    {
        var lines = new List<string>(16);
        var sb = t_builder ??= new StringBuilder(256);
        sb.Clear();
        var open = TokenKind.Text;
        var pos = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Start > pos) Emit(code, pos, t.Start, TokenKind.Text, sb, lines, ref open);
            Emit(code, t.Start, t.End, t.Kind, sb, lines, ref open);
            pos = t.End;
        }
        if (pos < code.Length) Emit(code, pos, code.Length, TokenKind.Text, sb, lines, ref open);
        if (open != TokenKind.Text) sb.Append("</span>");
        lines.Add(sb.ToString());
        return lines.ToArray();
    }

    /// <summary>Escaped lines without any span.</summary>
    public static string[] Plain(string code)
    {
        var lines = new List<string>(16);
        var sb = t_builder ??= new StringBuilder(256);
        sb.Clear();
        var open = TokenKind.Text;
        Emit(code, 0, code.Length, TokenKind.Text, sb, lines, ref open);
        lines.Add(sb.ToString());
        return lines.ToArray();
    }

    private static void Emit(string code, int start, int end, TokenKind kind, StringBuilder sb, List<string> lines, ref TokenKind open)
    {
        for (var i = start; i < end; i++)
        {
            var c = code[i];
            if (c == '\n')
            {
                if (open != TokenKind.Text) sb.Append("</span>");
                open = TokenKind.Text;
                lines.Add(sb.ToString());
                sb.Clear();
                continue;
            }
            if (open != kind)
            {
                if (open != TokenKind.Text) sb.Append("</span>");
                if (kind != TokenKind.Text) sb.Append(ClassOpen[(int)kind]);
                open = kind;
            }
            // Copy a run of characters that need no escaping at once.
            var run = i;
            while (run < end && code[run] is not ('\n' or '<' or '>' or '&' or '"')) run++;
            if (run > i) { sb.Append(code, i, run - i); i = run - 1; continue; }
            sb.Append(c switch { '<' => "&lt;", '>' => "&gt;", '&' => "&amp;", _ => "&quot;" });
        }
    }
}
