using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Markdown.KramdownHtml;

/// <summary>Writes a <see cref="KramdownHtmlSpan"/>: its start tag, its content's inlines, its end tag.</summary>
public sealed class KramdownHtmlSpanRenderer : HtmlObjectRenderer<KramdownHtmlSpan>
{
    protected override void Write(HtmlRenderer renderer, KramdownHtmlSpan element)
    {
        renderer.EnsureLine();
        renderer.Write(element.StartTag);
        renderer.WriteLeafInline(element);
        renderer.Write("</").Write(element.Name).WriteLine(">");
    }
}

/// <summary>Writes a <see cref="KramdownHtmlElement"/>: its start tag, its content as Markdown made it, its end tag.</summary>
public sealed class KramdownHtmlRenderer : HtmlObjectRenderer<KramdownHtmlElement>
{
    protected override void Write(HtmlRenderer renderer, KramdownHtmlElement element)
    {
        renderer.EnsureLine();
        renderer.Write(element.StartTag);
        if (element.Inline && element.Count == 1 && element[0] is ParagraphBlock paragraph) renderer.WriteLeafInline(paragraph);
        else
        {
            renderer.WriteLine();
            renderer.WriteChildren(element);
        }
        renderer.Write("</").Write(element.Name).WriteLine(">");
    }
}
