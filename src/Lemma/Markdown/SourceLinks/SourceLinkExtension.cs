using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.SourceLinks;

/// <summary>
/// A relative link to a Quarto source, <c>[About](../about.qmd#team)</c>, leads to the page Quarto made of it:
/// <c>../about.html#team</c>. Lemma publishes a Quarto page at Quarto's URL, so the link keeps its relative form; a
/// .qmd is never published as a file, so a link to one can mean nothing else.
/// </summary>
public sealed class SourceLinkExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.DocumentProcessed += Rewrite;

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }

    private static void Rewrite(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>())
            if (!link.IsImage && link.Url is { } url && PageOf(url) is { } page) link.Url = page;
    }

    /// <summary>The page URL for a relative link to a .qmd file, else null.</summary>
    public static string? PageOf(string url)
    {
        if (url.Contains("://", StringComparison.Ordinal) || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith('#')
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) return null;
        var cut = url.IndexOfAny(['#', '?']);
        var path = cut < 0 ? url : url[..cut];
        if (!path.EndsWith(".qmd", StringComparison.OrdinalIgnoreCase)) return null;
        return path[..^4] + ".html" + (cut < 0 ? "" : url[cut..]);
    }
}

public static class SourceLinkPipelineExtensions
{
    /// <summary>Rewrites relative links to .qmd sources to the pages made of them.</summary>
    public static MarkdownPipelineBuilder UseSourceLinks(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<SourceLinkExtension>();
        return pipeline;
    }
}
