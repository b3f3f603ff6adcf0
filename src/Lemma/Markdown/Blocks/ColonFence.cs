using System.Text.RegularExpressions;
using Lemma.Diagnostics;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Markdown.Blocks;

/// <summary>
/// Pandoc-style fenced divs, <c>:::kind[Title] {#label}</c> ... <c>:::</c>, parsed by Markdig's custom-container
/// machinery (only the block form: Markdig's <c>::inline::</c> form would eat C++'s <c>std::vector</c>). Each kind of
/// block has its own parser, tried in turn on a line starting with ':::'; a kind no parser takes is an
/// <see cref="UnknownContainer"/>, rendered as a plain div with a warning. Blocks nest: a bare <c>:::</c> closes the
/// innermost open one (as in Pandoc), and a longer fence around a shorter one (<c>::::theorem</c> around <c>:::proof</c>) reads well.
/// </summary>
public static partial class ColonFence
{
    /// <summary>Adds <paramref name="parser"/> ahead of the catch-all parser for unknown kinds.</summary>
    public static void Add(MarkdownPipelineBuilder pipeline, BlockParser parser)
    {
        if (!pipeline.BlockParsers.Contains<UnknownContainerParser>()) pipeline.BlockParsers.Add(new UnknownContainerParser());
        pipeline.BlockParsers.Insert(pipeline.BlockParsers.FindIndex(p => p is UnknownContainerParser), parser);
    }

    /// <summary>What every extension with <c>:::</c> blocks sets up in a renderer: <see cref="BlockTitleHtml"/>.</summary>
    public static void Setup(IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<BlockTitleHtml>()) html.ObjectRenderers.Insert(0, new BlockTitleHtml());
    }

    /// <summary>
    /// The kind word after the colons of an opening fence ("theorem" in ":::theorem[x]"), lower-cased; null when none.
    /// A Pandoc fenced div, <c>::: {.callout-note #id}</c>, is of the kind of its first class, Quarto's <c>callout-</c> taken
    /// off ("note"), or "div" when it has no class; so is <c>::: callout-note</c>, a div of that one class.
    /// </summary>
    public static string? KindOf(StringSlice line)
    {
        var text = line.Text;
        var i = line.Start;
        var end = line.End;
        var colons = 0;
        while (i <= end && text[i] == ':') { i++; colons++; }
        if (colons < 3) return null;
        while (i <= end && text[i] is ' ' or '\t') i++;
        if (i <= end && text[i] == '{')
            return Attributes.AttributeList.Parse(text.AsSpan(i, end - i + 1)) is { Kramdown: false } list && text.AsSpan(i + list.Length, end - i + 1 - list.Length).IsWhiteSpace()
                ? KindOfClass(list.Classes.FirstOrDefault()) : null;
        var start = i;
        while (i <= end && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '_')) i++;
        // Pandoc's ::: callout-note is a div of that one class: the same kind as ::: {.callout-note}.
        return i > start ? KindOfClass(text[start..i]) : null;
    }

    /// <summary>The kind of a block: its info word, else (a Pandoc div) its first class.</summary>
    public static string? KindOf(CustomContainer block) =>
        block.Info is { Length: > 0 } info ? KindOf(new StringSlice(":::" + info)) : KindOfClass(block.TryGetAttributes()?.Classes?.FirstOrDefault());

    /// <summary>Whether the block was written as a Pandoc div (<c>::: {.class}</c>): a plain div with attributes is what it means.</summary>
    public static bool IsPandocDiv(CustomContainer block) => block.Info is not { Length: > 0 };

    private static string KindOfClass(string? cls) => cls is null ? "div"
        : cls.StartsWith("callout-", StringComparison.OrdinalIgnoreCase) ? cls["callout-".Length..].ToLowerInvariant() : cls.ToLowerInvariant();

    /// <summary>Whether a line is a bare fence: three colons or more and nothing else.</summary>
    public static bool IsClosing(StringSlice line)
    {
        var text = line.Text;
        var i = line.Start;
        while (i <= line.End && text[i] is ' ' or '\t') i++;
        var colons = 0;
        while (i <= line.End && text[i] == ':') { i++; colons++; }
        while (i <= line.End && text[i] is ' ' or '\t' or '\r' or '\n') i++;
        return colons >= 3 && i > line.End;
    }

    /// <summary>
    /// The title of <c>:::kind[Title]</c> or <c>:::kind Title</c> (null when none). A trailing <c>{#label}</c> is not part of it:
    /// generic attributes take it off, except when the title holds braces of its own (<c>$N_{\text{opt}}$</c>), where
    /// <see cref="TakeLabel"/> does.
    /// </summary>
    public static string? TitleOf(CustomContainer block)
    {
        var text = InfoText(block);
        if (TrailingLabel().Match(text) is { Success: true } label) text = text[..label.Index];
        var m = InfoLine().Match(text.Trim());
        if (!m.Success) return null;
        var title = m.Groups["bracket"].Success ? m.Groups["bracket"].Value : m.Groups["rest"].Value;
        title = title.Trim();
        return title.Length > 0 ? title : null;
    }

    /// <summary>Gives the block the id of a trailing <c>{#label}</c> that generic attributes left in its info line.</summary>
    internal static void TakeLabel(CustomContainer block)
    {
        if (block.TryGetAttributes()?.Id is { Length: > 0 }) return;
        if (TrailingLabel().Match(InfoText(block)) is { Success: true } label) block.GetAttributes().Id = label.Groups["id"].Value;
    }

    private static string InfoText(CustomContainer block) => ((block.Info ?? "") + (block.Arguments is { Length: > 0 } a ? " " + a : "")).TrimEnd();

    [GeneratedRegex(@"\s*\{#(?<id>[\w:.-]+)\}$")]
    private static partial Regex TrailingLabel();

    /// <summary>Writes the title of <c>:::kind[Title]</c> as inline HTML; false when the block has none.</summary>
    public static bool WriteTitle(HtmlRenderer renderer, ContainerBlock block)
    {
        if (block.Count == 0 || block[0] is not BlockTitle title) return false;
        renderer.WriteLeafInline(title);
        return true;
    }

    /// <summary>The block's <c>{#label}</c>, if it has one.</summary>
    public static string? LabelOf(Block block) => block.TryGetAttributes()?.Id is { Length: > 0 } id ? id : null;

    [GeneratedRegex(@"^[\w-]+(?:\[(?<bracket>[^\]]*)\])?\s*(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex InfoLine();
}

/// <summary>A parser for the <c>:::</c> blocks of some kinds; it leaves other kinds to the next parser.</summary>
public abstract class ColonFenceParser<T> : FencedBlockParserBase<T> where T : CustomContainer
{
    protected ColonFenceParser()
    {
        OpeningCharacters = [':'];
        InfoPrefix = null;
    }

    /// <summary>Whether this parser takes blocks of <paramref name="kind"/> (lower-case).</summary>
    protected abstract bool Takes(string kind);

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var kind = ColonFence.KindOf(processor.Line);
        if (kind is null || !Takes(kind)) return BlockState.None;
        var state = base.TryOpen(processor);
        // The title becomes the block's first child, a leaf whose inlines Markdig parses like any text (math, emphasis, citations).
        if (state == BlockState.None || processor.NewBlocks.Count == 0 || processor.NewBlocks.Peek() is not T block) return state;
        ColonFence.TakeLabel(block);
        if (ColonFence.TitleOf(block) is { } title)
        {
            var text = new StringSlice(title);
            var heading = new BlockTitle(this, inlines: true) { Line = block.Line, Column = block.Column, Span = block.Span, IsOpen = false };
            heading.AppendLine(ref text, block.Column, block.Line, block.Span.Start, false);
            block.Add(heading);
        }
        return state;
    }

    /// <summary>A bare closing fence closes the innermost open block, so that blocks nest with fences of one length too.</summary>
    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        if (ColonFence.IsClosing(processor.Line) && HasOpenFencedChild(block)) return BlockState.Continue;
        return base.TryContinue(processor, block);
    }

    /// <summary>Whether a fenced block inside this open one still waits for its closing fence (the last child, or its last child...).</summary>
    private static bool HasOpenFencedChild(Block block)
    {
        for (var child = (block as ContainerBlock)?.LastChild; child is not null; child = (child as ContainerBlock)?.LastChild)
            if (child is CustomContainer { ClosingFencedCharCount: 0 }) return true;
        return false;
    }
}

/// <summary>The title of a <c>:::kind[Title]</c> block, its first child, written by the block's renderer (<see cref="ColonFence.WriteTitle"/>).</summary>
public sealed class BlockTitle(BlockParser parser) : LeafBlock(parser)
{
    public BlockTitle(BlockParser parser, bool inlines) : this(parser) => ProcessInlines = inlines;
}

/// <summary>Writes nothing where a <see cref="BlockTitle"/> stands among its block's children: the block wrote it already.</summary>
public sealed class BlockTitleHtml : HtmlObjectRenderer<BlockTitle>
{
    protected override void Write(HtmlRenderer renderer, BlockTitle block) { }
}

/// <summary>A <c>:::kind</c> block of a kind no extension knows.</summary>
public sealed class UnknownContainer(BlockParser parser) : CustomContainer(parser);

public sealed class UnknownContainerParser : ColonFenceParser<UnknownContainer>
{
    protected override bool Takes(string kind) => true;
    protected override UnknownContainer CreateFencedBlock(BlockProcessor processor) => new(this);
}

/// <summary>An unknown kind: a warning at its fence, and its content in <c>&lt;div class="KIND"&gt;</c> as Markdig would write it.</summary>
public sealed class UnknownContainerHtml(PageContext page) : HtmlObjectRenderer<UnknownContainer>
{
    protected override void Write(HtmlRenderer renderer, UnknownContainer block)
    {
        var kind = block.Info is { Length: > 0 } info ? ColonFence.KindOf(new StringSlice(":::" + info)) ?? info : "";
        if (!ColonFence.IsPandocDiv(block)) page.Diagnostics.Add(Diagnostic.Warning(page.At(block.Line, block.Column),
            $"markdown: unknown block ':::{kind}' (known: note, tip, warning, important, caution, theorem, lemma, proposition, corollary, definition, example, remark, proof, figure, details); it is rendered as a plain div"));
        renderer.EnsureLine();
        renderer.Write("<div").WriteAttributes(block).WriteLine(">"); // the parser gave it the kind as its class
        renderer.WriteChildren(block);
        renderer.EnsureLine();
        renderer.WriteLine("</div>");
    }
}
