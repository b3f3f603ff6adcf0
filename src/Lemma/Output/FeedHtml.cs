using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Lemma.Templates;

namespace Lemma.Output;

/// <summary>
/// A page's whole body as a feed entry carries it: a feed reader shows it away from the site, without its scripts and
/// stylesheets. Every URL is absolute (links, images, srcset), code keeps its colours as inline styles, MathML stays
/// as it is (readers that show MathML show it; the TeX annotation is there for the rest), and nothing runs.
/// </summary>
public static class FeedHtml
{
    // What does nothing (or harm) in a feed reader: scripts, the copy button, forms' parts.
    private static readonly HashSet<string> Dropped = ["script", "noscript", "template", "style", "link", "meta", "button", "input", "select", "textarea"];

    // Attributes that hold a URL, resolved against the page's own URL.
    private static readonly string[] UrlAttributes = ["href", "src", "poster", "cite", "action", "data"];

    public static string Of(string bodyHtml, string pageUrl)
    {
        if (bodyHtml.Length == 0 || !Uri.TryCreate(pageUrl, UriKind.Absolute, out var page)) return bodyHtml;
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var body = document.Body!;
        body.InnerHtml = bodyHtml;
        foreach (var element in body.QuerySelectorAll("*").ToArray())
        {
            if (element.Parent is null) continue;
            var name = element.LocalName;
            if (Dropped.Contains(name) || (name == "a" && element.ClassList.Contains("anchor")))
            {
                element.Remove();
                continue;
            }
            foreach (var attribute in element.Attributes.ToArray())
                if (attribute.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)) element.RemoveAttribute(attribute.Name);
            foreach (var attribute in UrlAttributes)
                if (element.GetAttribute(attribute) is { } url) element.SetAttribute(attribute, Absolute(page, url));
            if (element.GetAttribute("srcset") is { } srcset) element.SetAttribute("srcset", SrcSet(page, srcset));
            if (name == "pre") Code(element);
        }
        return body.InnerHtml;
    }

    /// <summary>A code block's colours on its spans, and the code's own colours on the block: classes mean nothing in a reader.</summary>
    private static void Code(IElement pre)
    {
        CodeColours.Inline(pre);
        pre.SetAttribute("style", $"color:{CodeColours.Text};background-color:{CodeColours.Background};padding:12px;overflow-x:auto;");
    }

    private static string Absolute(Uri page, string url)
    {
        var trimmed = url.Trim();
        // A script URL is dropped, not resolved: a feed entry runs nothing.
        if (trimmed.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || trimmed.Length == 0) return trimmed.Length == 0 ? url : "#";
        return Uri.TryCreate(page, trimmed, out var resolved) ? resolved.AbsoluteUri : url;
    }

    // "a.png 1x, b.png 2x": each candidate's URL resolved, its descriptor kept.
    private static string SrcSet(Uri page, string srcset) =>
        string.Join(", ", srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(candidate =>
        {
            var space = candidate.IndexOfAny([' ', '\t', '\n']);
            return space < 0 ? Absolute(page, candidate) : Absolute(page, candidate[..space]) + candidate[space..];
        }));
}
