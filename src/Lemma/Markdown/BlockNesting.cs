namespace Lemma.Markdown;

/// <summary>
/// How deeply a Markdown body nests quotes and lists, measured line by line before Markdig parses it. Markdig
/// re-examines every open container on every line, so thousands of nested lists take tens of seconds before it
/// gives up with an exception; this finds the line that passes <see cref="MaxDepth"/> in one pass.
/// </summary>
/// <remarks>An estimate on the safe side of CommonMark's rules: lazy continuation lines and tabs are not modelled,
/// and fenced code is skipped, so no real page comes near the limit.</remarks>
public static class BlockNesting
{
    public const int MaxDepth = 64;

    /// <summary>The 0-based line and column where nesting first passes <see cref="MaxDepth"/>, or null.</summary>
    public static (int Line, int Column)? FindTooDeep(string body)
    {
        // Content columns of the list items still open, innermost last.
        var items = new List<int>();
        string? fence = null;
        var lineIndex = 0;
        foreach (var range in body.AsSpan().Split('\n'))
        {
            var line = body.AsSpan(range);
            var indent = Indent(line);
            var rest = line[indent..].TrimEnd();
            if (fence is not null)
            {
                if (rest.StartsWith(fence, StringComparison.Ordinal)) fence = null;
                lineIndex++;
                continue;
            }
            if (indent < 4 && (rest.StartsWith("```", StringComparison.Ordinal) || rest.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = rest[..3].ToString();
                lineIndex++;
                continue;
            }
            if (rest.IsEmpty) { lineIndex++; continue; }
            while (items.Count > 0 && items[^1] > indent) items.RemoveAt(items.Count - 1);

            // Markers at the start of this line: quotes and list items, each one level more.
            var depth = items.Count;
            var at = indent;
            while (at < line.Length)
            {
                var width = Marker(line[at..]);
                if (width == 0) break;
                if (line[at] != '>') items.Add(at + width);
                depth++;
                if (depth > MaxDepth) return (lineIndex, at);
                at += width;
                at += Indent(line[at..]);
            }
            lineIndex++;
        }
        return null;
    }

    private static int Indent(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t') i++;
        return i;
    }

    /// <summary>The width of a quote or list marker at the start of <paramref name="text"/>, or 0.</summary>
    private static int Marker(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return 0;
        if (text[0] == '>') return 1;
        if (text[0] is '-' or '*' or '+') return text.Length == 1 || text[1] is ' ' or '\t' ? 1 : 0;
        var digits = 0;
        while (digits < text.Length && digits < 9 && char.IsAsciiDigit(text[digits])) digits++;
        if (digits == 0 || digits >= text.Length || text[digits] is not ('.' or ')')) return 0;
        return digits + 1 == text.Length || text[digits + 1] is ' ' or '\t' ? digits + 1 : 0;
    }
}
