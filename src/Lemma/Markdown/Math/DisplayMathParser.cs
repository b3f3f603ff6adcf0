using System.Text;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace Lemma.Markdown.Math;

/// <summary>Display math that starts a line: <c>$$…$$</c>, <c>\[…\]</c>, or an environment such as <c>\begin{align}</c>.</summary>
public sealed class DisplayMathBlock : MathBlock
{
    // Nothing opens inside math: a \begin{align*} line within $$…$$ is part of it.
    public DisplayMathBlock(BlockParser parser) : base(parser) => IsBreakable = false;

    internal StringBuilder Source { get; } = new();
    internal string Close { get; init; } = "";
    /// <summary>The delimiters are part of the TeX (an environment), not around it.</summary>
    internal bool KeepsClose { get; init; }
    public bool Unescape { get; init; }
    /// <summary>Body line and column (0-based) where the TeX starts.</summary>
    public int TexLine { get; init; }
    public int TexColumn { get; init; }
    public string Tex => Source.ToString();
    /// <summary>Quarto's <c>$$ … $$ {#eq-x}</c>: the equation is numbered and named "x", so <c>@eq-x</c> and <c>\eqref{x}</c> find it at #eq-x.</summary>
    public string? Label { get; internal set; }
}

/// <summary>
/// Opens display math at the start of a line and reads to its closing delimiter, which may share a line with the
/// opening one (<c>$$ x = 1 $$</c>) or with text after it (<c>x$$ and so</c>: that text follows as a paragraph). In a
/// kramdown page a <c>$$</c> block needs a blank line before it and nothing after its close, or it is inline math.
/// </summary>
public sealed class DisplayMathParser : BlockParser
{
    /// <summary>Environments MathJax typesets when they stand in the page's text.</summary>
    private static readonly string[] Environments =
    [
        "equation", "equation*", "align", "align*", "alignat", "alignat*", "flalign", "flalign*", "gather", "gather*",
        "multline", "multline*", "eqnarray", "eqnarray*", "displaymath", "split",
    ];

    public DisplayMathParser() => OpeningCharacters = ['$', '\\'];

    // kramdown: $$ after a paragraph's line, with no blank line between, is inline math in that paragraph.
    public override bool CanInterrupt(BlockProcessor processor, Block block) =>
        block is not ParagraphBlock || !MathDialect.Of(processor).Kramdown || processor.CurrentChar != '$';

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var dialect = MathDialect.Of(processor);
        var line = processor.Line;
        var text = line.Text.AsSpan(line.Start, line.End - line.Start + 1);
        string open, close;
        var keep = false;
        var dollars = false;
        if (text.StartsWith("$$") && !text.StartsWith("$$$")) (open, close, dollars) = ("$$", "$$", true);
        else if (dialect.MarkdownEscapes ? text.StartsWith(@"\\[") : text.StartsWith(@"\[")) (open, close) = dialect.MarkdownEscapes ? (@"\\[", @"\\]") : (@"\[", @"\]");
        else if (Environment(text) is { } name) (open, close, keep) = ("", @"\end{" + name + "}", true);
        else return BlockState.None;
        var end = TexScan.Find(text, close, open.Length + (keep ? 7 : 0));
        // $$x$$ followed by text on its line is math in a paragraph (inline for kramdown, display for MathJax).
        if (end >= 0 && dollars && !text[(end + close.Length)..].IsWhiteSpace() && EquationLabel(text[(end + close.Length)..]) is null) return BlockState.None;
        var block = new DisplayMathBlock(this)
        {
            Close = close, KeepsClose = keep, Unescape = dialect.Unescapes(dollars),
            TexLine = processor.LineIndex, TexColumn = processor.Column + open.Length,
            Line = processor.LineIndex, Column = processor.Column, Span = new SourceSpan(line.Start, line.End),
        };
        processor.NewBlocks.Push(block);
        return Take(processor, block, line.Start + open.Length);
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block) =>
        Take(processor, (DisplayMathBlock)block, processor.Line.Start);

    /// <summary>Takes the TeX of the current line from <paramref name="from"/>, up to the close if it is on this line.</summary>
    private static BlockState Take(BlockProcessor processor, DisplayMathBlock block, int from)
    {
        var line = processor.Line;
        var text = line.Text.AsSpan(from, System.Math.Max(0, line.End - from + 1));
        var end = TexScan.Find(text, block.Close, 0);
        if (block.Source.Length > 0 || block.TexLine != processor.LineIndex) block.Source.Append('\n');
        if (end < 0)
        {
            block.Source.Append(text);
            block.UpdateSpanEnd(line.End);
            return BlockState.Continue;
        }
        block.Source.Append(text[..(end + (block.KeepsClose ? block.Close.Length : 0))]);
        var after = from + end + block.Close.Length;
        block.UpdateSpanEnd(after - 1);
        var tail = line.Text.AsSpan(after, System.Math.Max(0, line.End - after + 1));
        if (tail.IsWhiteSpace()) return BlockState.BreakDiscard;
        if (block.Close == "$$" && EquationLabel(tail) is { } label)
        {
            block.Label = label;
            return BlockState.BreakDiscard;
        }
        // Text after the close ($$ so that...) is a paragraph of its own, its inlines read like any other.
        var rest = new StringSlice(line.Text, after, line.End);
        rest.TrimStart();
        var paragraph = new ParagraphBlock(processor.Parsers.Find<ParagraphBlockParser>())
        {
            Line = processor.LineIndex, Column = processor.Column + (rest.Start - line.Start), Span = new SourceSpan(rest.Start, rest.End),
        };
        paragraph.AppendLine(ref rest, paragraph.Column, processor.LineIndex, processor.CurrentLineStartPosition, processor.TrackTrivia);
        block.Parent?.Add(paragraph);
        return BlockState.BreakDiscard;
    }

    /// <summary>The name in a Quarto equation label after the close, <c>$$ {#eq-name}</c>: "name"; null when the text is not one.</summary>
    private static string? EquationLabel(ReadOnlySpan<char> text)
    {
        var label = text.Trim();
        if (!label.StartsWith("{#eq-") || !label.EndsWith("}")) return null;
        var name = label[5..^1];
        foreach (var c in name)
            if (!(char.IsLetterOrDigit(c) || c is '-' or '_' or ':' or '.')) return null;
        return name.Length > 0 ? name.ToString() : null;
    }

    private static string? Environment(ReadOnlySpan<char> text)
    {
        if (!text.StartsWith(@"\begin{")) return null;
        var end = text.IndexOf('}');
        if (end < 0) return null;
        var name = text[7..end].ToString().Replace(@"\*", "*", StringComparison.Ordinal);
        return Array.IndexOf(Environments, name) >= 0 ? text[7..end].ToString() : null;
    }
}
