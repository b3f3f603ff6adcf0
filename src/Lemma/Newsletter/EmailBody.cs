using System.Collections.Immutable;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Lemma.Templates;

namespace Lemma.Newsletter;

/// <summary>One top-level block of a post's body as it goes in an email: its HTML, styled inline, and its plain text.</summary>
public sealed record EmailBlock(string Html, string Text);

/// <summary>
/// A rendered body made fit for mail clients, block by block (so that a long post can be cut between two): classes,
/// ids and scripts go, each element carries its own style, links and images are absolute, code keeps its colours on
/// its spans, and each formula becomes its TeX (docs/newsletter.md, "The email", says why).
/// </summary>
public static class EmailBody
{
    public static ImmutableArray<EmailBlock> Blocks(string bodyHtml, string webUrl)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var body = document.Body!;
        body.InnerHtml = bodyHtml;
        var rewrite = new Rewrite(document, new Uri(webUrl));
        foreach (var child in body.ChildNodes.ToArray()) rewrite.Node(child);
        var blocks = ImmutableArray.CreateBuilder<EmailBlock>();
        foreach (var child in body.ChildNodes)
        {
            switch (child)
            {
                case IElement element:
                    blocks.Add(new EmailBlock(element.OuterHtml + "\n", EmailText.Of(element)));
                    break;
                case IText text when !string.IsNullOrWhiteSpace(text.Data):
                    var html = "<p style=\"" + EmailStyles.Of("p") + "\">" + System.Net.WebUtility.HtmlEncode(text.Data.Trim()) + "</p>\n";
                    blocks.Add(new EmailBlock(html, EmailText.Wrap(text.Data.Trim(), "")));
                    break;
            }
        }
        return blocks.ToImmutable();
    }

    private sealed class Rewrite(IDocument document, Uri web)
    {
        // Attributes a mail client may read; everything else (class, id, data-*, aria-*, on*, style) goes.
        private static readonly HashSet<string> Kept = ["href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "start", "reversed", "lang", "dir", "datetime", "cite", "abbr", "scope"];

        // Elements that do nothing without a script or a stylesheet, dropped with what they hold.
        private static readonly HashSet<string> Dropped = ["script", "style", "noscript", "template", "button", "input", "select", "textarea", "link", "meta"];

        // What a mail client cannot show: the reader is sent to the post for it.
        private static readonly HashSet<string> WebOnly = ["iframe", "video", "audio", "canvas", "object", "embed", "svg", "form", "dialog"];

        public void Node(INode node)
        {
            if (node is IComment) { node.Parent!.RemoveChild(node); return; }
            if (node is IElement element) Element(element);
        }

        private void Element(IElement element)
        {
            var name = element.LocalName;
            if (name == "math")
            {
                Replace(element, Formula(Tex(element), element.GetAttribute("display") == "block", null));
                return;
            }
            if (element.ClassList.Contains("math-display") || element.ClassList.Contains("equation"))
            {
                var number = element.QuerySelector(".eqno")?.TextContent.Trim();
                var math = element.QuerySelector("math");
                Replace(element, math is null ? Formula(element.TextContent.Trim(), true, number) : Formula(Tex(math), true, number));
                return;
            }
            if (name == "code" && element.ClassList.Contains("math-source"))
            {
                Replace(element, Formula(element.TextContent, false, null));
                return;
            }
            if ((name == "a" && element.ClassList.Contains("anchor")) || Dropped.Contains(name))
            {
                element.Remove();
                return;
            }
            if (WebOnly.Contains(name))
            {
                Replace(element, WebOnlyNote());
                return;
            }
            if (name == "pre")
            {
                CodeBlock(element);
                return;
            }
            if (name == "details") element = Rename(element, "div");
            else if (name == "summary") element = Rename(element, "p");
            else if (name == "figure" && element.ClassList.Contains("code")) element = Rename(element, "div");
            foreach (var child in element.ChildNodes.ToArray()) Node(child);
            Clean(element, EmailStyles.Of(element.LocalName, element.ParentElement?.LocalName));
        }

        /// <summary>A code block: one pre, its lines' wrappers gone and each token's colour on its span.</summary>
        private void CodeBlock(IElement pre)
        {
            foreach (var span in pre.QuerySelectorAll("span").ToArray())
            {
                var style = span.ClassList.Select(c => CodeColours.Styles.GetValueOrDefault(c)).FirstOrDefault(s => s is { Length: > 0 });
                if (style is null) Unwrap(span);
                else
                {
                    foreach (var attribute in span.Attributes.ToArray()) span.RemoveAttribute(attribute.Name);
                    span.SetAttribute("style", style);
                }
            }
            foreach (var code in pre.QuerySelectorAll("code").ToArray()) Unwrap(code);
            foreach (var other in pre.QuerySelectorAll("*").Where(e => e.LocalName != "span").ToArray()) Unwrap(other);
            Clean(pre, EmailStyles.Pre);
        }

        private void Clean(IElement element, string style)
        {
            foreach (var attribute in element.Attributes.ToArray())
                if (!Kept.Contains(attribute.Name)) element.RemoveAttribute(attribute.Name);
            foreach (var name in (string[])["href", "src", "cite"])
                if (element.GetAttribute(name) is { } url) element.SetAttribute(name, Absolute(url));
            if (style.Length > 0) element.SetAttribute("style", style);
        }

        private string Absolute(string url) =>
            Uri.TryCreate(web, url.Trim(), out var absolute) && absolute.Scheme is "http" or "https" or "mailto" ? absolute.AbsoluteUri : web.AbsoluteUri;

        /// <summary>A formula as its TeX between dollars, the way its writer typed it (see docs/newsletter.md).</summary>
        private IElement Formula(string tex, bool display, string? number)
        {
            tex = tex.Trim();
            var element = document.CreateElement(display ? "div" : "span");
            element.SetAttribute("style", display ? EmailStyles.DisplayMath : EmailStyles.InlineMath);
            element.TextContent = display ? "$$" + (tex.Contains('\n') ? "\n" + tex + "\n" : tex) + "$$" + (number is { Length: > 0 } ? "   " + number : "") : "$" + tex + "$";
            return element;
        }

        private static string Tex(IElement math) =>
            math.QuerySelector("annotation[encoding='application/x-tex']")?.TextContent
            ?? math.GetAttribute("alttext")
            ?? math.TextContent;

        private IElement WebOnlyNote()
        {
            var p = document.CreateElement("p");
            p.SetAttribute("style", EmailStyles.Of("p"));
            var a = document.CreateElement("a");
            a.SetAttribute("href", web.AbsoluteUri);
            a.SetAttribute("style", EmailStyles.Of("a"));
            a.TextContent = "This part of the post is interactive: see it on the web.";
            p.AppendChild(a);
            return p;
        }

        private IElement Rename(IElement element, string name)
        {
            var renamed = document.CreateElement(name);
            foreach (var child in element.ChildNodes.ToArray()) renamed.AppendChild(child);
            Replace(element, renamed);
            return renamed;
        }

        private static void Replace(IElement element, INode with) => element.Parent!.ReplaceChild(with, element);

        private static void Unwrap(IElement element)
        {
            var parent = element.Parent!;
            foreach (var child in element.ChildNodes.ToArray()) parent.InsertBefore(child, element);
            parent.RemoveChild(element);
        }
    }
}
