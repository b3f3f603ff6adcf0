using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace Lemma.Markdown.Attributes;

/// <summary>
/// An attribute list at the end of a heading line (<c>## Title {#id .class}</c>, after closing hashes too) or of a fence's
/// info string (<c>```python {.numberLines #code}</c>, <c>:::note {#n1}</c>), taken off the line. Only a list that runs to the
/// end of the line is one: <c>## The set {x} of all</c> keeps its braces, and Hugo's <c>{hl_lines=[2,3]}</c> and the short
/// <c>{1,3}</c> are not this grammar, so they stay in the fence's arguments for the code options to read.
/// </summary>
internal static class TrailingAttributes
{
    /// <summary>How many '{' from the right are tried: a list is the last one, or close to it when a value holds a brace.</summary>
    private const int Tries = 4;

    public static bool Take(BlockProcessor processor, ref StringSlice line, IBlock block)
    {
        var text = line.Text;
        var end = line.End;
        while (end >= line.Start && text[end] is ' ' or '\t' or '\r' or '\n') end--;
        if (end < line.Start || text[end] != '}') return false;
        var tries = 0;
        for (var i = end - 1; i >= line.Start && tries < Tries; i--)
        {
            if (text[i] != '{') continue;
            tries++;
            if (AttributeList.Parse(text.AsSpan(i, end - i + 1)) is not { } list || list.Length != end - i + 1 || list.Definition is not null) continue;
            if (block is not MarkdownObject target) return false;
            var notes = AttributeNotes.Of(processor.Document);
            AttributeRules.Apply(list, target, notes, processor.LineIndex, i - processor.CurrentLineStartPosition);
            if (list.References.Contains("toc")) notes.Warn(processor.LineIndex, i - processor.CurrentLineStartPosition, "kramdown: {:toc} applies to a list (* TOC on the line before it); ignored here");
            line.End = i - 1;
            while (line.End >= line.Start && text[line.End] is ' ' or '\t') line.End--;
            return true;
        }
        return false;
    }
}
