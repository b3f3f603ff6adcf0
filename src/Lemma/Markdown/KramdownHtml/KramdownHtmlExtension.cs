using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;

namespace Lemma.Markdown.KramdownHtml;

/// <summary>
/// HTML in a Jekyll page's Markdown, read as kramdown reads it rather than as CommonMark: a line that starts with a span
/// element (<c>&lt;br/&gt;</c>, <c>&lt;img&gt;</c>, <c>&lt;span&gt;</c>) starts a paragraph, so the Markdown on the lines after it
/// is read; an element with <c>markdown="1"</c> (or <c>block</c>, <c>span</c>) has its content read as Markdown up to its
/// end tag. Only on pages whose dialect is kramdown's; Lemma's and Hugo's pages keep CommonMark's HTML blocks.
/// </summary>
public sealed class KramdownHtmlExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (pipeline.BlockParsers.Contains<KramdownHtmlParser>()) return;
        var html = pipeline.BlockParsers.FindIndex(p => p is HtmlBlockParser);
        pipeline.BlockParsers.Insert(html < 0 ? 0 : html, new KramdownHtmlParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html || html.ObjectRenderers.Contains<KramdownHtmlRenderer>()) return;
        html.ObjectRenderers.Add(new KramdownHtmlRenderer());
        html.ObjectRenderers.Add(new KramdownHtmlSpanRenderer());
    }
}

public static class KramdownHtmlPipeline
{
    public static MarkdownPipelineBuilder UseKramdownHtml(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<KramdownHtmlExtension>();
        return pipeline;
    }
}
