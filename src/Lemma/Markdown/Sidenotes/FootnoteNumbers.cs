using Markdig.Extensions.Footnotes;
using Markdig.Syntax;

namespace Lemma.Markdown.Sidenotes;

/// <summary>
/// Footnote numbers that run on across the parts of one page. Markdig numbers each document's notes from 1; a notebook
/// renders each Markdown cell as a document, so its second cell's first note would reuse the id <c>fn:1</c>.
/// </summary>
public sealed class FootnoteNumbers
{
    private int notes;
    private int links;

    /// <summary>Moves a freshly parsed part's notes and references past those of the parts before it.</summary>
    public void Continue(MarkdownDocument document)
    {
        var (lastNote, lastLink) = (notes, links);
        foreach (var group in document.Descendants<FootnoteGroup>())
            foreach (var note in group.OfType<Footnote>())
            {
                note.Order += lastNote;
                notes = System.Math.Max(notes, note.Order);
                foreach (var link in note.Links)
                {
                    link.Index += lastLink;
                    links = System.Math.Max(links, link.Index);
                }
            }
    }
}
