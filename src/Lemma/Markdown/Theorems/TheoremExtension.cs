using Lemma.Markdown.Blocks;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Parsers;
using Markdig.Renderers;

namespace Lemma.Markdown.Theorems;

/// <summary>
/// amsthm-style blocks: <c>:::theorem[Name] {#thm-label}</c> and lemma, proposition, corollary, definition, example,
/// remark, proof. <see cref="MarkdownFormat"/> installs a <see cref="TheoremHtml"/> per page, which numbers them.
/// </summary>
public sealed class TheoremExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<TheoremParser>()) ColonFence.Add(pipeline, new TheoremParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) => ColonFence.Setup(renderer);
}

/// <summary>A theorem-like block or a proof; <see cref="Kind"/> is its lower-case kind ("lemma").</summary>
public sealed class TheoremBlock(BlockParser parser) : CustomContainer(parser)
{
    public string Kind => ColonFence.KindOf(this) ?? "theorem";
}

public sealed class TheoremParser : ColonFenceParser<TheoremBlock>
{
    protected override bool Takes(string kind) => TheoremHtml.Kinds.ContainsKey(kind);
    protected override TheoremBlock CreateFencedBlock(BlockProcessor processor) => new(this);
}

public static class TheoremPipelineExtensions
{
    /// <summary>Parses <c>:::theorem</c>, <c>:::lemma</c>, <c>:::definition</c>, <c>:::proof</c> and their kin.</summary>
    public static MarkdownPipelineBuilder UseTheorems(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<TheoremExtension>();
        return pipeline;
    }
}
