using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.DefinitionLists;
using Markdig.Extensions.Tables;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Markdown.TableCaptions;

/// <summary>
/// Pandoc's table captions: a line <c>: Caption {#tbl-label}</c> after a table (a blank line between or not). The table
/// and its caption become a <see cref="TableFigureBlock"/>; a labelled one is numbered "Table N" for <c>@tbl-label</c>.
/// Without this, Markdig reads the caption line as a definition and the table above it as the term.
/// </summary>
public sealed class TableCaptionExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (pipeline.BlockParsers.Contains<TableCaptionParser>()) return;
        var at = pipeline.BlockParsers.FindIndex(p => p is DefinitionListParser);
        pipeline.BlockParsers.Insert(at < 0 ? pipeline.BlockParsers.Count : at, new TableCaptionParser());
        pipeline.DocumentProcessed += Attach;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }

    /// <summary>Puts each caption and the table before it into one <see cref="TableFigureBlock"/>.</summary>
    private static void Attach(MarkdownDocument document)
    {
        foreach (var caption in document.Descendants<TableCaptionBlock>().ToList())
        {
            if (caption.Parent is not { } parent) continue;
            var index = parent.IndexOf(caption);
            if (index < 1 || parent[index - 1] is not Table table) continue; // a caption Lemma keeps as a paragraph of its own
            parent.RemoveAt(index);
            parent.RemoveAt(index - 1);
            var figure = new TableFigureBlock(caption) { Line = table.Line, Column = table.Column, Span = table.Span };
            figure.Add(table);
            parent.Insert(index - 1, figure);
        }
    }
}

/// <summary>The caption line, its inlines read like any text; <see cref="Label"/> from a trailing <c>{#tbl-x}</c>.</summary>
public sealed class TableCaptionBlock(BlockParser parser) : LeafBlock(parser)
{
    public string? Label { get; init; }
}

/// <summary>A table with its caption.</summary>
public sealed class TableFigureBlock(TableCaptionBlock caption) : ContainerBlock(null)
{
    public TableCaptionBlock Caption { get; } = caption;
}

public sealed partial class TableCaptionParser : BlockParser
{
    public TableCaptionParser() => OpeningCharacters = [':'];

    // A caption line right under a table ends the table's paragraph; under any other paragraph it is that paragraph's text.
    public override bool CanInterrupt(BlockProcessor processor, Block block) => block is not ParagraphBlock paragraph || IsPipeTable(paragraph);

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent || processor.PeekChar(1) != ' ') return BlockState.None;
        var previous = processor.LastBlock ?? processor.CurrentContainer?.LastChild;
        if (!(previous is Table || previous is ParagraphBlock paragraph && IsPipeTable(paragraph))) return BlockState.None;
        var line = processor.Line;
        var text = line.ToString()[1..].Trim();
        string? label = null;
        if (TrailingLabel().Match(text) is { Success: true } m)
        {
            label = m.Groups["id"].Value;
            text = text[..m.Index].TrimEnd();
        }
        var block = new TableCaptionBlock(this)
        {
            Label = label, Line = processor.LineIndex, Column = processor.Column,
            Span = new SourceSpan(line.Start, line.End), ProcessInlines = true,
        };
        var slice = new StringSlice(text);
        block.AppendLine(ref slice, processor.Column + 2, processor.LineIndex, line.Start + 2, false);
        processor.NewBlocks.Push(block);
        return BlockState.BreakDiscard;
    }

    /// <summary>A paragraph that will be a pipe table: a header row, then a delimiter row such as <c>|---|:--:|</c>.</summary>
    private static bool IsPipeTable(ParagraphBlock paragraph) =>
        paragraph.Lines.Count >= 2 && paragraph.Lines.Lines[0].Slice.ToString().Contains('|')
        && DelimiterRow().IsMatch(paragraph.Lines.Lines[1].Slice.ToString());

    [GeneratedRegex(@"\s*\{#(?<id>[\w:.-]+)\}\s*$")]
    private static partial Regex TrailingLabel();

    [GeneratedRegex(@"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")]
    private static partial Regex DelimiterRow();
}

/// <summary>
/// <c>&lt;figure class="table" id="tbl-x"&gt;&lt;figcaption&gt;&lt;span class="figure-label"&gt;Table N:&lt;/span&gt;
/// caption&lt;/figcaption&gt;&lt;table&gt;…&lt;/figure&gt;</c>: the caption above its table, as Quarto puts it.
/// </summary>
public sealed class TableFigureHtml(PageContext page) : HtmlObjectRenderer<TableFigureBlock>
{
    protected override void Write(HtmlRenderer renderer, TableFigureBlock block)
    {
        var label = block.Caption.Label;
        string? name = null;
        if (label is not null)
        {
            name = $"Table {page.Numbers.Next("table")}";
            if (!page.Numbers.Define(label, name))
                page.Diagnostics.Add(Lemma.Diagnostics.Diagnostic.Error(page.At(block.Caption.Line, block.Caption.Column), $"reference: the label '{label}' is used twice on this page"));
        }
        renderer.EnsureLine();
        renderer.Write("<figure class=\"table\"");
        if (label is not null) renderer.Write(" id=\"").WriteEscape(label).Write('"');
        renderer.WriteLine(">");
        renderer.Write("<figcaption>");
        if (name is not null) renderer.Write("<span class=\"figure-label\">").Write(name).Write(":</span> ");
        renderer.WriteLeafInline(block.Caption);
        renderer.WriteLine("</figcaption>");
        renderer.WriteChildren(block);
        renderer.EnsureLine();
        renderer.WriteLine("</figure>");
    }
}

public static class TableCaptionPipelineExtensions
{
    /// <summary>Reads Pandoc's <c>: Caption {#tbl-x}</c> lines after tables.</summary>
    public static MarkdownPipelineBuilder UseTableCaptions(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<TableCaptionExtension>();
        return pipeline;
    }
}
