using Lemma.Markdown.Blocks;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Lemma.Markdown.Details;

/// <summary>
/// Collapsible blocks: <c>:::details Summary text</c> (or <c>:::details[Summary text]</c>) … <c>:::</c> becomes
/// <c>&lt;details class="details"&gt;&lt;summary&gt;Summary text&lt;/summary&gt;…&lt;/details&gt;</c>, closed until clicked,
/// with no script. Without a summary it reads "Details".
/// </summary>
public sealed class DetailsExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<DetailsParser>()) ColonFence.Add(pipeline, new DetailsParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        ColonFence.Setup(renderer);
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<DetailsHtml>()) html.ObjectRenderers.Insert(0, new DetailsHtml());
    }
}

public sealed class DetailsBlock(BlockParser parser) : CustomContainer(parser);

public sealed class DetailsParser : ColonFenceParser<DetailsBlock>
{
    protected override bool Takes(string kind) => kind == "details";
    protected override DetailsBlock CreateFencedBlock(BlockProcessor processor) => new(this);
}

public sealed class DetailsHtml : HtmlObjectRenderer<DetailsBlock>
{
    protected override void Write(HtmlRenderer renderer, DetailsBlock block)
    {
        renderer.EnsureLine();
        renderer.Write("<details class=\"details\"");
        if (ColonFence.LabelOf(block) is { } id) renderer.Write(" id=\"").WriteEscape(id).Write('"');
        renderer.Write("><summary>");
        if (!ColonFence.WriteTitle(renderer, block)) renderer.Write("Details");
        renderer.WriteLine("</summary>");
        renderer.WriteChildren(block);
        renderer.EnsureLine();
        renderer.WriteLine("</details>");
    }
}

public static class DetailsPipelineExtensions
{
    /// <summary>Parses <c>:::details Summary</c> blocks.</summary>
    public static MarkdownPipelineBuilder UseDetails(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<DetailsExtension>();
        return pipeline;
    }
}
