using Lemma.Markdown.Blocks;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.Figures;

/// <summary>
/// Figures: an image alone in its paragraph, with a title or alt text (other than a bare file name), becomes an <see cref="ImageFigureBlock"/>;
/// <c>:::figure[Caption] {#fig-label}</c> wraps anything else (a table, a code block). <see cref="MarkdownFormat"/>
/// installs a <see cref="FigureHtml"/> per page, which numbers them.
/// </summary>
public sealed partial class FigureExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (pipeline.BlockParsers.Contains<FigureParser>()) return;
        ColonFence.Add(pipeline, new FigureParser());
        pipeline.DocumentProcessed += Promote;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) => ColonFence.Setup(renderer);

    /// <summary>Turns each paragraph that is one captioned image into an <see cref="ImageFigureBlock"/>.</summary>
    private static void Promote(MarkdownDocument document)
    {
        foreach (var paragraph in document.Descendants<ParagraphBlock>().ToList())
        {
            if (paragraph.Parent is not { } parent || parent is FigureBlock || Lone(paragraph) is not { } image) continue;
            if (string.IsNullOrWhiteSpace(image.Title) && (image.FirstChild is null || FileName().IsMatch(Headings.HeadingHtml.PlainText(image)))) continue;
            var figure = new ImageFigureBlock(image)
            {
                Line = paragraph.Line,
                Column = paragraph.Column,
                Span = paragraph.Span,
            };
            var inline = paragraph.Inline;
            paragraph.Inline = null;
            figure.Inline = inline;
            var index = parent.IndexOf(paragraph);
            parent.RemoveAt(index);
            parent.Insert(index, figure);
        }
    }

    /// <summary>Alt text that is only a file name ("image.png", what Jupyter writes for a pasted image) is no caption.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[\w.-]+\.(?:png|jpe?g|gif|svg|webp|avif)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex FileName();

    /// <summary>The paragraph's only inline when it is an image (blank text around it aside).</summary>
    private static LinkInline? Lone(ParagraphBlock paragraph)
    {
        LinkInline? image = null;
        for (var inline = paragraph.Inline?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            if (inline is LiteralInline literal && literal.Content.IsEmptyOrWhitespace()) continue;
            if (inline is LinkInline { IsImage: true } link && image is null) image = link;
            else return null;
        }
        return image;
    }
}

/// <summary>An image alone in its paragraph, with a caption (its title, else its alt text).</summary>
public sealed class ImageFigureBlock(LinkInline image) : LeafBlock(null)
{
    public LinkInline Image { get; } = image;
}

/// <summary>A <c>:::figure</c> block: any content with a caption.</summary>
public sealed class FigureBlock(BlockParser parser) : CustomContainer(parser);

public sealed class FigureParser : ColonFenceParser<FigureBlock>
{
    protected override bool Takes(string kind) => kind == "figure";
    protected override FigureBlock CreateFencedBlock(BlockProcessor processor) => new(this);
}

public static class FigurePipelineExtensions
{
    /// <summary>Makes captioned lone images and <c>:::figure</c> blocks numbered figures.</summary>
    public static MarkdownPipelineBuilder UseNumberedFigures(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<FigureExtension>();
        return pipeline;
    }
}
