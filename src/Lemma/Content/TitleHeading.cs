namespace Lemma.Content;

/// <summary>
/// A level-1 ATX heading (<c># Title</c>) that stands for a page's title where its front matter has none, as Jupyter
/// Book, Quarto and GitHub Pages take it; the page then shows it once, as its title, and the heading line is blanked.
/// </summary>
public static class TitleHeading
{
    /// <summary>The first <c># </c> heading of <paramref name="markdown"/> outside fenced code, with its 0-based line; only
    /// when it is the first line with text if <paramref name="firstLineOnly"/>.</summary>
    public static (string Title, int Line)? Find(string markdown, bool firstLineOnly)
    {
        var lines = markdown.Split('\n');
        string? fence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.TrimStart(' ');
            if (line.Length - trimmed.Length < 4 && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                var marker = trimmed[..3];
                if (fence is null) fence = marker;
                else if (marker == fence) fence = null;
                if (firstLineOnly) return null;
                continue;
            }
            if (fence is not null) continue;
            if (trimmed.Length == 0) continue;
            if (line.Length - trimmed.Length < 4 && Text(trimmed) is { Length: > 0 } title) return (title, i);
            if (firstLineOnly) return null;
        }
        return null;
    }

    /// <summary><paramref name="markdown"/> with the line <paramref name="line"/> blank, so the other lines keep their numbers.</summary>
    public static string Without(string markdown, int line)
    {
        var lines = markdown.Split('\n');
        lines[line] = "";
        return string.Join('\n', lines);
    }

    /// <summary>The plain text of "# Title #" (emphasis and code marks read as Markdown), or null for another line.</summary>
    private static string? Text(string line)
    {
        if (line.Length < 2 || line[0] != '#' || line[1] is not (' ' or '\t')) return null;
        var text = line[2..].Trim();
        // A closing run of #s preceded by a space is not part of the heading.
        var closing = text.TrimEnd('#');
        if (closing.Length < text.Length && (closing.Length == 0 || closing[^1] is ' ' or '\t')) text = closing.TrimEnd();
        // A kramdown or Pandoc attribute list after the heading is no part of its title.
        if (text.EndsWith('}') && text.LastIndexOf(" {", StringComparison.Ordinal) is > 0 and var brace) text = text[..brace].TrimEnd();
        if (text.Length == 0) return null;
        // As a heading, so that "1. Introduction" is not read as a list.
        return Markdig.Markdown.ToPlainText("# " + text).Trim();
    }
}
