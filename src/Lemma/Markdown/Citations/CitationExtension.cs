using Lemma.Bibliography;
using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Lemma.Markdown.Citations;

/// <summary>
/// Pandoc citations in Markdig: the parser goes before the link parser (a citation is tried first, and a bracket
/// that is not one stays a link). Without a page's bibliography a citation renders as written;
/// <see cref="MarkdownFormat"/> installs a <see cref="CitationHtml"/> per page.
/// </summary>
public sealed class CitationExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (pipeline.InlineParsers.Contains<CitationParser>()) return;
        var link = pipeline.InlineParsers.FindIndex(p => p is LinkInlineParser);
        pipeline.InlineParsers.Insert(link < 0 ? 0 : link, new CitationParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<AsWritten>()) html.ObjectRenderers.Insert(0, new AsWritten());
    }

    /// <summary>A citation with no bibliography behind it: its source text.</summary>
    private sealed class AsWritten : HtmlObjectRenderer<CitationInline>
    {
        protected override void Write(HtmlRenderer renderer, CitationInline citation) => renderer.Write(ReferenceFormatter.Escape(citation.Source));
    }
}

public static class CitationPipelineExtensions
{
    /// <summary>Parses Pandoc's <c>[@key]</c>, <c>[@a; @b, p. 3]</c> and <c>@key</c> citations.</summary>
    public static MarkdownPipelineBuilder UsePandocCitations(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<CitationExtension>();
        return pipeline;
    }
}
