using System.Collections.Immutable;
using System.Text;

namespace Lemma.Content.Jekyll;

/// <summary>
/// Keeps track of where each line of a body came from while Liquid rewrites it: a private-use character is put at
/// the start of each line Liquid passes through as text, with the line's number, and read back (and removed) from
/// what Liquid wrote. A line
/// an include, a loop or a tag wrote belongs to the line of the construct that wrote it.
/// </summary>
internal static class LineMarks
{
    public const char Mark = '\uE000';
    public const char MarkEnd = '\uE001';

    /// <summary>The body with marks; null when the body already holds one.</summary>
    public static string? Insert(string body, int bodyLine)
    {
        if (body.Contains(Mark) || body.Contains(MarkEnd)) return null;
        var sb = new StringBuilder(body.Length + body.Length / 32);
        var inTag = false;
        var capture = 0;
        var lineStart = true;
        var line = bodyLine;
        for (var i = 0; i < body.Length; i++)
        {
            if (lineStart)
            {
                lineStart = false;
                // A captured value is data, and a line that starts by trimming the whitespace before it must find only whitespace.
                var rest = body.AsSpan(i).TrimStart(' ');
                if (!inTag && capture == 0 && !rest.StartsWith("{%-") && !rest.StartsWith("{{-"))
                {
                    sb.Append(Mark).Append(line).Append(MarkEnd);
                }
            }
            var c = body[i];
            if (!inTag && c == '{' && i + 1 < body.Length && (body[i + 1] == '%' || body[i + 1] == '{'))
            {
                inTag = true;
                if (body[i + 1] == '%')
                {
                    var name = TagName(body, i + 2);
                    if (name == "capture") capture++;
                    else if (name == "endcapture" && capture > 0) capture--;
                }
            }
            else if (inTag && (c == '%' || c == '}') && i + 1 < body.Length && body[i + 1] == '}') inTag = false;
            sb.Append(c);
            if (c == '\n') { lineStart = true; line++; }
        }
        return sb.ToString();
    }

    private static string TagName(string body, int at)
    {
        while (at < body.Length && (body[at] is ' ' or '-' or '\t')) at++;
        var start = at;
        while (at < body.Length && char.IsAsciiLetter(body[at])) at++;
        return body[start..at];
    }

    /// <summary>What Liquid wrote without its marks, and the file line of each of its lines.</summary>
    public static (string Text, ImmutableArray<int> Lines) Read(string written, int bodyLine)
    {
        var sb = new StringBuilder(written.Length);
        var lines = ImmutableArray.CreateBuilder<int>();
        var current = bodyLine;
        var lineStart = true;
        for (var i = 0; i < written.Length; i++)
        {
            var c = written[i];
            if (c == Mark)
            {
                var end = written.IndexOf(MarkEnd, i);
                if (end > i && int.TryParse(written.AsSpan(i + 1, end - i - 1), out var line))
                {
                    current = line;
                    // A mark names the line it starts; one met later in a line (an include's text before it) moves the line to it.
                    if (!lineStart) lines[^1] = current;
                    i = end;
                    continue;
                }
            }
            if (c == MarkEnd) continue;
            if (lineStart) { lines.Add(current); lineStart = false; }
            sb.Append(c);
            if (c == '\n') lineStart = true;
        }
        if (lineStart) lines.Add(current);
        return (sb.ToString(), lines.ToImmutable());
    }

    /// <summary>Text with every mark taken out (what a tag reads as its content).</summary>
    public static string Strip(string text)
    {
        if (text.IndexOf(Mark) < 0) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == Mark && text.IndexOf(MarkEnd, i) is var end and > 0) { i = end; continue; }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }
}
