using Lemma.Markdown.Blocks;
using Markdig;
using Markdig.Extensions.Alerts;
using Markdig.Extensions.CustomContainers;
using Markdig.Parsers;
using Markdig.Renderers;

namespace Lemma.Markdown.Callouts;

/// <summary>
/// Callouts: <c>:::note</c>, <c>:::tip</c>, <c>:::warning</c>, <c>:::important</c>, <c>:::caution</c> (with an optional
/// title, <c>:::note[Title]</c> or <c>:::note Title</c>), and GitHub's alerts, <c>&gt; [!NOTE]</c> and the same four others,
/// which Markdig's alert extension parses. Both render as <see cref="CalloutHtml"/>.
/// </summary>
public sealed class CalloutExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (pipeline.BlockParsers.Contains<CalloutParser>()) return;
        ColonFence.Add(pipeline, new CalloutParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        ColonFence.Setup(renderer);
        if (renderer is not HtmlRenderer html) return;
        html.ObjectRenderers.RemoveAll(r => r is AlertBlockRenderer);
        if (!html.ObjectRenderers.Contains<CalloutHtml>()) html.ObjectRenderers.Insert(0, new CalloutHtml());
        if (!html.ObjectRenderers.Contains<AlertHtml>()) html.ObjectRenderers.Insert(0, new AlertHtml());
    }
}

/// <summary>A <c>:::note</c> (or tip, warning, important, caution) block.</summary>
public sealed class CalloutBlock(BlockParser parser) : CustomContainer(parser);

public sealed class CalloutParser : ColonFenceParser<CalloutBlock>
{
    protected override bool Takes(string kind) => CalloutHtml.Titles.ContainsKey(kind);
    protected override CalloutBlock CreateFencedBlock(BlockProcessor processor) => new(this);
}

public static class CalloutPipelineExtensions
{
    /// <summary>Parses <c>:::note</c>-style callouts and GitHub's <c>&gt; [!NOTE]</c> alerts.</summary>
    public static MarkdownPipelineBuilder UseCallouts(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.UseAlertBlocks(); // first: its renderer is replaced by ours
        pipeline.Extensions.AddIfNotAlready<CalloutExtension>();
        return pipeline;
    }
}
