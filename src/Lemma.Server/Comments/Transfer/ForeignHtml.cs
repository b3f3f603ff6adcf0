using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Lemma.Server.Comments.Transfer;

/// <summary>
/// Another blog's comment HTML as Markdown of the subset comments allow: paragraphs, line breaks, emphasis, code, links
/// and quotes; every other element gives its text. Only the text survives: the result is rendered and sanitized like
/// a comment typed into the form, so nothing in an export can reach a page as markup.
/// </summary>
public static class ForeignHtml
{
    private static readonly HtmlParser Parser = new();

    public static string ToMarkdown(string html)
    {
        // WordPress keeps plain text with blank lines between paragraphs (its autop runs on display): keep those.
        var body = Parser.ParseDocument("<body>" + html.Replace("\r\n", "\n") + "</body>").Body!;
        var text = new StringBuilder();
        Write(body, text);
        return string.Join("\n\n", text.ToString().Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).Where(p => p.Length > 0));
    }

    private static void Write(INode node, StringBuilder to)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text) { to.Append(Escape(text.Data)); continue; }
            if (child is not IElement element) continue;
            switch (element.LocalName)
            {
                case "p" or "div" or "ul" or "ol":
                    to.Append("\n\n"); Write(element, to); to.Append("\n\n"); break;
                case "br":
                    to.Append("  \n"); break;
                case "li":
                    to.Append("\n- "); Write(element, to); break;
                case "blockquote":
                    var inner = new StringBuilder();
                    Write(element, inner);
                    to.Append("\n\n").Append(string.Join("\n", inner.ToString().Trim().Split('\n').Select(l => "> " + l))).Append("\n\n");
                    break;
                case "em" or "i":
                    to.Append('*'); Write(element, to); to.Append('*'); break;
                case "strong" or "b":
                    to.Append("**"); Write(element, to); to.Append("**"); break;
                case "code":
                    to.Append('`').Append(element.TextContent.Replace("`", "'")).Append('`'); break;
                case "a" when element.GetAttribute("href") is { } href && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)):
                    var label = new StringBuilder();
                    Write(element, label);
                    to.Append('[').Append(label).Append("](").Append(href.Replace(" ", "%20").Replace(")", "%29")).Append(')');
                    break;
                default:
                    Write(element, to); break;
            }
        }
    }

    // Characters that would start Markdown syntax the writer did not mean; < stays text since raw HTML is shown as text.
    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("*", "\\*").Replace("_", "\\_").Replace("`", "\\`").Replace("[", "\\[");
}
