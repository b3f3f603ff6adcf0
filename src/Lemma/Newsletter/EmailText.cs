using System.Text;
using AngleSharp.Dom;

namespace Lemma.Newsletter;

/// <summary>
/// The text/plain part of a block of an email's body: paragraphs wrapped at 76 columns, links as "text (url)", images
/// as their alt text and URL, code kept line for line and indented, each formula as its TeX between dollars.
/// </summary>
public static class EmailText
{
    private const int Width = 76;

    public static string Of(IElement block)
    {
        var text = new StringBuilder();
        Block(block, "", text);
        return text.ToString().Replace(HeldSpace, ' ').Trim('\n');
    }

    private static void Block(IElement element, string indent, StringBuilder to)
    {
        if (IsDisplayFormula(element))
        {
            Paragraph(to, string.Join('\n', element.TextContent.Split('\n').Select(line => indent + line)));
            return;
        }
        switch (element.LocalName)
        {
            case "pre":
                Paragraph(to, string.Join('\n', element.TextContent.TrimEnd('\n').Split('\n').Select(line => (indent + "    " + line).TrimEnd())));
                return;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                var level = element.LocalName[1] - '0';
                Paragraph(to, Wrap(new string('#', level) + " " + Inline(element), indent));
                return;
            case "hr":
                Paragraph(to, indent + "----");
                return;
            case "blockquote":
                var quoted = new StringBuilder();
                foreach (var child in element.Children) Block(child, "", quoted);
                Paragraph(to, string.Join('\n', quoted.ToString().Trim('\n').Split('\n').Select(line => (indent + "> " + line).TrimEnd())));
                return;
            case "ul" or "ol":
                var n = int.TryParse(element.GetAttribute("start"), out var start) ? start : 1;
                var items = new List<string>();
                foreach (var li in element.Children.Where(c => c.LocalName == "li"))
                {
                    var marker = element.LocalName == "ol" ? $"{n++}. " : "- ";
                    var item = new StringBuilder();
                    Flow(li, new string(' ', marker.Length), item);
                    var lines = item.ToString().Trim('\n').TrimStart();
                    items.Add(indent + marker + lines);
                }
                Paragraph(to, string.Join('\n', items));
                return;
            case "table":
                var rows = element.QuerySelectorAll("tr").Select(tr => indent + string.Join(" | ", tr.Children.Select(cell => Inline(cell))));
                Paragraph(to, string.Join('\n', rows));
                return;
            case "img":
                Paragraph(to, Wrap(Image(element), indent));
                return;
            case "p" or "figcaption" or "dt" or "dd" or "span" or "a" or "em" or "strong" or "code":
                Paragraph(to, Wrap(Inline(element), indent));
                return;
            default:
                Flow(element, indent, to);
                return;
        }
    }

    /// <summary>A container's children: its blocks as blocks, its runs of inline content as paragraphs.</summary>
    private static void Flow(IElement element, string indent, StringBuilder to)
    {
        var run = new StringBuilder();
        void EndRun()
        {
            if (run.ToString().Trim().Length > 0) Paragraph(to, Wrap(run.ToString(), indent));
            run.Clear();
        }
        foreach (var node in element.ChildNodes)
        {
            if (node is IElement child && IsBlock(child))
            {
                EndRun();
                Block(child, indent, to);
            }
            else if (node is IElement inline) run.Append(InlineOf(inline));
            else if (node is IText text) run.Append(text.Data.Replace('\n', ' '));
        }
        EndRun();
    }

    private static bool IsDisplayFormula(IElement element) =>
        element.LocalName == "div" && element.ChildElementCount == 0 && element.TextContent.StartsWith("$$", StringComparison.Ordinal);

    // A formula in a line is not broken across two: its spaces are held while the line wraps.
    private const char HeldSpace = '\uE000';

    private static bool IsBlock(IElement element) =>
        element.LocalName is "p" or "div" or "pre" or "ul" or "ol" or "li" or "blockquote" or "table" or "hr" or "figure" or "figcaption"
            or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "section" or "aside" or "dl" or "dt" or "dd" or "header" or "footer" or "nav";

    private static string Inline(IElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.ChildNodes)
            text.Append(node switch { IElement e => InlineOf(e), IText t => t.Data.Replace('\n', ' '), _ => "" });
        return text.ToString();
    }

    private static string InlineOf(IElement element) => element.LocalName switch
    {
        "br" => "\n",
        "img" => Image(element),
        "a" => Link(element),
        "span" when element.ChildElementCount == 0 && element.TextContent.StartsWith('$') => element.TextContent.Replace(' ', HeldSpace),
        _ => Inline(element),
    };

    private static string Link(IElement a)
    {
        var text = Inline(a).Trim();
        var href = a.GetAttribute("href") ?? "";
        if (href.Length == 0 || text == href || href.StartsWith("mailto:", StringComparison.Ordinal) && text == href[7..]) return text.Length > 0 ? text : href;
        return text.Length == 0 ? href : $"{text} ({href})";
    }

    private static string Image(IElement img) =>
        $"[{(img.GetAttribute("alt") is { Length: > 0 } alt ? alt : "image")}] ({img.GetAttribute("src")})";

    private static void Paragraph(StringBuilder to, string text)
    {
        if (text.Trim().Length == 0) return;
        if (to.Length > 0) to.Append("\n\n");
        to.Append(text.TrimEnd());
    }

    /// <summary>Text wrapped at 76 columns on spaces; a word longer than a line (a URL) stays whole. Line breaks stay.</summary>
    public static string Wrap(string text, string indent)
    {
        var lines = new List<string>();
        foreach (var paragraphLine in text.Split('\n'))
        {
            var line = new StringBuilder(indent);
            foreach (var word in paragraphLine.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > indent.Length && line.Length + 1 + word.Length > Width)
                {
                    lines.Add(line.ToString());
                    line.Clear().Append(indent);
                }
                if (line.Length > indent.Length) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > indent.Length) lines.Add(line.ToString());
        }
        return string.Join('\n', lines).Replace(HeldSpace, ' ');
    }
}
