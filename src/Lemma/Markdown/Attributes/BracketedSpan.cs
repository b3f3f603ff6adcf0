using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.Attributes;

/// <summary>Pandoc's bracketed span, <c>[text]{.smallcaps}</c>: text in brackets that is no link, with an attribute list right after.</summary>
public sealed class BracketedSpan : ContainerInline;

/// <summary><c>&lt;span attributes&gt;text&lt;/span&gt;</c>.</summary>
public sealed class BracketedSpanHtml : HtmlObjectRenderer<BracketedSpan>
{
    protected override void Write(HtmlRenderer renderer, BracketedSpan span)
    {
        renderer.Write("<span").WriteAttributes(span).Write('>');
        renderer.WriteChildren(span);
        renderer.Write("</span>");
    }
}
