using Markdig.Parsers;
using Markdig.Syntax;

namespace Lemma.Markdown.Attributes;

/// <summary>
/// A line that is only an attribute list: kramdown's block IAL (<c>{: .class #id key="v"}</c>) or attribute list definition
/// (<c>{:name: .class}</c>), or Markdig's list before a block (<c>{.table}</c> on the line above a table). It is removed
/// before inlines are read, its attributes given to the block it belongs to (<see cref="AttributeLines"/>).
/// </summary>
public sealed class AttributeLineBlock(BlockParser parser, AttributeList list, bool blankBefore) : LeafBlock(parser)
{
    public AttributeList List { get; } = list;
    /// <summary>Whether the line before is blank (or there is none): then the list cannot belong to the block above.</summary>
    public bool BlankBefore { get; } = blankBefore;
}

/// <summary>
/// Reads attribute lines. A kramdown line (<c>{:</c>) may end the paragraph above it, as in kramdown; a Pandoc-style one
/// (<c>{.table}</c>) must follow a blank line and precede a block, as in Markdig's docs, or it is a paragraph of text.
/// </summary>
public sealed class AttributeLineParser : BlockParser
{
    public AttributeLineParser() => OpeningCharacters = ['{'];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line;
        var span = line.Text.AsSpan(line.Start, line.Length);
        if (AttributeList.Parse(span) is not { } list || !span[list.Length..].IsWhiteSpace()) return BlockState.None;
        var text = line.Text;
        var blankBefore = LineBlank(text, PreviousLineStart(text, processor.CurrentLineStartPosition), processor.CurrentLineStartPosition);
        if (!list.Kramdown && (!blankBefore || !NextLineHasText(text, line.End + 1) || !list.HasIdOrClass)) return BlockState.None;

        var notes = AttributeNotes.Of(processor.Document);
        if (list.Definition is { } name)
            notes.Definitions[name] = notes.Definitions.TryGetValue(name, out var earlier) ? Merge(earlier, list) : list;
        if (!notes.Hooked)
        {
            notes.Hooked = true;
            processor.Document.ProcessInlinesBegin += (inlines, _) => AttributeLines.Attach(inlines.Document);
        }
        processor.NewBlocks.Push(new AttributeLineBlock(this, list, blankBefore)
        {
            Line = processor.LineIndex, Column = processor.Column, Span = new SourceSpan(line.Start, line.End),
        });
        return BlockState.BreakDiscard;
    }

    /// <summary>Two definitions of one name act as one (kramdown's rule).</summary>
    private static AttributeList Merge(AttributeList a, AttributeList b) => b with
    {
        Id = b.Id ?? a.Id, Classes = a.Classes.AddRange(b.Classes), Properties = a.Properties.AddRange(b.Properties), References = a.References.AddRange(b.References),
    };

    private static int PreviousLineStart(string text, int lineStart)
    {
        if (lineStart <= 0) return -1;
        var i = lineStart - 2; // before the previous line's '\n'
        while (i >= 0 && text[i] != '\n') i--;
        return i + 1;
    }

    /// <summary>Whether text[start..end) is a blank line: whitespace and quote markers only (a line of "&gt;" is blank inside the quote).</summary>
    private static bool LineBlank(string text, int start, int end)
    {
        if (start < 0) return true;
        for (var i = start; i < end; i++)
            if (text[i] is not (' ' or '\t' or '\r' or '\n' or '>')) return false;
        return true;
    }

    private static bool NextLineHasText(string text, int from)
    {
        var i = from;
        while (i < text.Length && text[i] != '\n') i++;
        var start = i + 1;
        var end = start;
        while (end < text.Length && text[end] != '\n') end++;
        return start < text.Length && !LineBlank(text, start, end);
    }
}
