using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Lemma.Markdown.Attributes;

/// <summary>
/// Attribute lists where Pandoc, kramdown and Markdig's docs put them, and nowhere else: after a heading, in a fence's info
/// string, on a line of their own beside a block, right after a span, at the end of a paragraph; with kramdown's
/// definitions, <c>{:toc}</c> and extensions. It replaces Markdig's generic attributes, which read any trailing braces
/// (<c>dict literal {x: y}</c>) as a list and deleted them. Add it last: it hooks the heading and fence parsers the
/// others added.
/// </summary>
public sealed class AttributeExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        foreach (var parser in pipeline.BlockParsers)
            if (parser is IAttributesParseable parseable) parseable.TryParseAttributes = TrailingAttributes.Take;
        var paragraph = pipeline.BlockParsers.FindIndex(p => p is ParagraphBlockParser);
        if (paragraph < 0) paragraph = pipeline.BlockParsers.Count;
        if (!pipeline.BlockParsers.Contains<KramdownExtensionParser>()) pipeline.BlockParsers.Insert(paragraph, new KramdownExtensionParser());
        if (!pipeline.BlockParsers.Contains<AttributeLineParser>()) pipeline.BlockParsers.Insert(paragraph + 1, new AttributeLineParser());
        if (!pipeline.InlineParsers.Contains<KramdownSpanExtensionParser>()) pipeline.InlineParsers.Add(new KramdownSpanExtensionParser());
        // after emphasis and links, whose post-processing must be done before a list can find the span it follows
        if (!pipeline.InlineParsers.Contains<SpanAttributeParser>()) pipeline.InlineParsers.Add(new SpanAttributeParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        if (!html.ObjectRenderers.Contains<KramdownExtensionHtml>()) html.ObjectRenderers.Add(new KramdownExtensionHtml());
        if (!html.ObjectRenderers.Contains<BracketedSpanHtml>()) html.ObjectRenderers.Add(new BracketedSpanHtml());
        var lists = html.ObjectRenderers.FindIndex(r => r is ListRenderer);
        if (lists >= 0) html.ObjectRenderers[lists] = new TocListHtml(html.ObjectRenderers[lists]);
    }
}

public static class AttributePipelineExtensions
{
    /// <summary>Reads attribute lists and kramdown's extensions; call it after every other extension.</summary>
    public static MarkdownPipelineBuilder UseAttributes(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<AttributeExtension>();
        return pipeline;
    }
}
