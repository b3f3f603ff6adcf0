using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Markdown;

/// <summary>Renders paragraphs as usual and keeps the HTML of the first top-level one as the page's fallback summary.</summary>
public sealed class FirstParagraphHtml(PageContext page, StringWriter writer) : ParagraphRenderer
{
    protected override void Write(HtmlRenderer renderer, ParagraphBlock block)
    {
        var capture = page.FirstParagraphHtml is null && block.Parent is MarkdownDocument;
        var start = writer.GetStringBuilder().Length;
        base.Write(renderer, block);
        if (capture) page.FirstParagraphHtml = writer.GetStringBuilder().ToString(start, writer.GetStringBuilder().Length - start).Trim();
    }
}
