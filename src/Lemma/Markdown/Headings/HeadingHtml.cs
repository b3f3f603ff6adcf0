using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.Headings;

/// <summary>
/// Headings with their auto or given id, a "#" link to themselves, and an entry in the page's table of contents.
/// </summary>
public sealed class HeadingHtml(PageContext page) : HtmlObjectRenderer<HeadingBlock>
{
    private static readonly string[] Tags = ["h1", "h2", "h3", "h4", "h5", "h6"];

    protected override void Write(HtmlRenderer renderer, HeadingBlock block)
    {
        var tag = Tags[System.Math.Clamp(block.Level, 1, 6) - 1];
        var id = block.GetAttributes().Id;
        renderer.EnsureLine();
        renderer.Write('<').Write(tag).WriteAttributes(block).Write('>');
        // Jupyter's id for the heading ("Sorted-and-unsorted-indices": its text, spaces as '-'), which links between
        // notebooks use, beside Lemma's own.
        if (page.JupyterAnchors && id is { Length: > 0 } && PlainText(block.Inline).Trim().Replace(' ', '-') is { Length: > 0 } jupyter && jupyter != id)
            renderer.Write("<span id=\"").WriteEscape(jupyter).Write("\"></span>");
        renderer.WriteLeafInline(block);
        if (id is { Length: > 0 })
        {
            renderer.Write(" <a class=\"anchor\" href=\"#").WriteEscapeUrl(id).Write("\" aria-label=\"Link to this section\">#</a>");
            // kramdown's .no_toc keeps a heading (the TOC's own "Contents") out of the table of contents
            if (block.Level is >= 2 and <= 4 && block.GetAttributes().Classes?.Contains("no_toc") != true) page.Toc.Add(new TocEntry(block.Level, id, PlainText(block.Inline).Trim()));
        }
        renderer.Write("</").Write(tag).WriteLine(">");
    }

    internal static string PlainText(ContainerInline? inline)
    {
        if (inline is null) return "";
        var text = new System.Text.StringBuilder();
        foreach (var child in inline)
        {
            switch (child)
            {
                case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                case CodeInline code: text.Append(code.Content); break;
                case Markdig.Extensions.Mathematics.MathInline math: text.Append(math.Content.ToString()); break;
                case LineBreakInline: text.Append(' '); break;
                case ContainerInline container: text.Append(PlainText(container)); break;
            }
        }
        return text.ToString();
    }
}
