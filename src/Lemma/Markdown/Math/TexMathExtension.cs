using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;

namespace Lemma.Markdown.Math;

/// <summary>
/// Math as writers for MathJax, KaTeX, Goldmark and kramdown write it (Markdig's <c>$</c> parser kept, its
/// <c>$$</c> fence replaced); which dialect a page speaks comes with each parse (<see cref="MathDialect"/>).
/// Renderers are installed per page by <see cref="MarkdownFormat"/>.
/// </summary>
public sealed class TexMathExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<MathInlineParser>())
        {
            var escapes = pipeline.InlineParsers.FindIndex(p => p is EscapeInlineParser);
            pipeline.InlineParsers.Insert(System.Math.Max(0, escapes), new MathInlineParser());
        }
        pipeline.InlineParsers.InsertBefore<MathInlineParser>(new KramdownDollarParser());
        pipeline.InlineParsers.InsertBefore<MathInlineParser>(new MultilineDollarParser());
        // Before Markdown's escapes, which would take "\(" as an escaped bracket.
        pipeline.InlineParsers.Insert(0, new TexInlineParser());
        pipeline.BlockParsers.Insert(0, new DisplayMathParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }
}

public static class TexMathPipeline
{
    /// <summary>Math in every dialect of <see cref="MathDialect"/>: <c>$</c>, <c>$$</c>, <c>\(</c>, <c>\[</c>, environments, <c>\eqref</c> in prose.</summary>
    public static MarkdownPipelineBuilder UseTexMath(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<TexMathExtension>();
        return pipeline;
    }
}
