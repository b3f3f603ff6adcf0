using Markdig.Syntax;

namespace Lemma.Markdown.Attributes;

/// <summary>
/// Gives each attribute line's list to its block, before inlines are read (so that a given id wins over the automatic
/// one), and removes the line. kramdown's rule: the block directly above, else the block directly below, else nothing,
/// with a warning. A list naming "toc" on a list makes it the page's table of contents (<see cref="TocList"/>).
/// </summary>
internal static class AttributeLines
{
    public static void Attach(MarkdownDocument document)
    {
        var notes = AttributeNotes.Of(document);
        var lines = document.Descendants<AttributeLineBlock>().ToList();
        foreach (var line in lines)
        {
            if (line.List.Definition is null)
            {
                var target = Target(line.Parent!, line.Parent!.IndexOf(line), line);
                if (target is null)
                    notes.Warn(line.Line, line.Column, "kramdown: this attribute list has no block right above or below it (blank lines on both sides); it is left out");
                else
                {
                    AttributeRules.Apply(line.List, target, notes, line.Line, line.Column);
                    if (line.List.References.Contains("toc"))
                    {
                        if (target is ListBlock list) TocList.Mark(list);
                        else notes.Warn(line.Line, line.Column, "kramdown: {:toc} applies to a list (* TOC on the line above it); ignored here");
                    }
                }
            }
        }
        // only now, so that every line of a run of lists still sees the others
        foreach (var line in lines) line.Parent!.Remove(line);
    }

    /// <summary>The block above when there is no blank line between, else the one right below the run of lists.</summary>
    private static Block? Target(ContainerBlock parent, int index, AttributeLineBlock line)
    {
        var above = index - 1;
        while (above >= 0 && parent[above] is AttributeLineBlock) above--;
        var first = above + 1 < parent.Count ? (AttributeLineBlock)parent[above + 1] : line;
        if (above >= 0 && !first.BlankBefore) return parent[above];
        var below = index + 1;
        var last = line;
        while (below < parent.Count && parent[below] is AttributeLineBlock next && next.Line == last.Line + 1) { last = next; below++; }
        if (below < parent.Count && parent[below] is not AttributeLineBlock && parent[below].Line == last.Line + 1) return parent[below];
        return null;
    }
}
