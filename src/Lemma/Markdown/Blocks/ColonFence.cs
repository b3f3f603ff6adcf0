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
/// <see cref="UnknownContainer"/>, rendered as a plain div with a warning. A block nested inside another takes a
/// shorter fence (<c>::::theorem</c> around <c>:::proof</c>), as with code fences.
/// </summary>
public static partial class ColonFence
{
    /// <summary>Adds <paramref name="parser"/> ahead of the catch-all parser for unknown kinds.</summary>
    public static void Add(MarkdownPipelineBuilder pipeline, BlockParser parser)
    {
        if (!pipeline.BlockParsers.Contains<UnknownContainerParser>()) pipeline.BlockParsers.Add(new UnknownContainerParser());
        pipeline.BlockParsers.Insert(pipeline.BlockParsers.FindIndex(p => p is UnknownContainerParser), parser);
    }

    /// <summary>The kind word after the colons of an opening fence ("theorem" in ":::theorem[x]"), lower-cased; null when none.</summary>
    public static string? KindOf(StringSlice line)
    {
        var text = line.Text;
        var i = line.Start;
        var end = line.End;
        var colons = 0;
        while (i <= end && text[i] == ':') { i++; colons++; }
        if (colons < 3) return null;
        while (i <= end && text[i] is ' ' or '\t') i++;
        var start = i;
        while (i <= end && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '_')) i++;
        return i > start ? text[start..i].ToLowerInvariant() : null;
    }

    /// <summary>The title of <c>:::kind[Title]</c> or <c>:::kind Title</c> (null when none); a <c>{#label}</c> was taken off by generic attributes.</summary>
    public static string? TitleOf(CustomContainer block)
    {
        var text = (block.Info ?? "") + (block.Arguments is { Length: > 0 } a ? " " + a : "");
        var m = InfoLine().Match(text.Trim());
        if (!m.Success) return null;
        var title = m.Groups["bracket"].Success ? m.Groups["bracket"].Value : m.Groups["rest"].Value;
        title = title.Trim();
        return title.Length > 0 ? title : null;
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
        return kind is not null && Takes(kind) ? base.TryOpen(processor) : BlockState.None;
    }
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
        page.Diagnostics.Add(Diagnostic.Warning(page.At(block.Line, block.Column),
            $"markdown: unknown block ':::{kind}' (known: note, tip, warning, important, caution, theorem, lemma, proposition, corollary, definition, example, remark, proof, figure, details); it is rendered as a plain div"));
        renderer.EnsureLine();
        renderer.Write("<div class=\"").WriteEscape(kind).Write('"').WriteAttributes(block).WriteLine(">");
        renderer.WriteChildren(block);
        renderer.EnsureLine();
        renderer.WriteLine("</div>");
    }
}
