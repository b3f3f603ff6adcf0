using System.Globalization;
using System.Text;
using Markdig.Extensions.Footnotes;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Markdown.Sidenotes;

/// <summary>Which footnotes can be sidenotes, and how to take sidenotes out of HTML that is shown elsewhere (summaries).</summary>
public static class SidenoteHtml
{
    public const string Open = "<span class=\"sidenote\" role=\"note\">";

    /// <summary>A note of paragraphs only (and at least one): it can be flattened into a span.</summary>
    public static bool CanBeSidenote(Footnote note) => note.Count > 0 && note.All(b => b is ParagraphBlock { Inline: not null });

    /// <summary>
    /// The reference that carries a note's sidenote: its first one in the text. A reference from inside another
    /// note does not count (the footnote list it sits in is hidden where sidenotes show).
    /// </summary>
    public static FootnoteLink? Anchor(Footnote note) => note.Links.FirstOrDefault(l => !l.IsBackLink && !InFootnote(l));

    /// <summary>Whether a note is shown as a sidenote (and its footnote hidden on wide screens).</summary>
    public static bool IsSidenote(Footnote note) => CanBeSidenote(note) && Anchor(note) is not null;

    private static bool InFootnote(Markdig.Syntax.Inlines.Inline inline)
    {
        var top = inline.Parent;
        while (top?.Parent is not null) top = top.Parent;
        for (Block? block = top?.ParentBlock; block is not null; block = block.Parent)
            if (block is Footnote) return true;
        return false;
    }

    /// <summary>
    /// <paramref name="html"/> without its sidenotes, for a summary shown on list pages and in feeds, where the note's
    /// reference leads nowhere. Sidenotes are this renderer's own balanced spans.
    /// </summary>
    public static string Strip(string html)
    {
        var start = html.IndexOf(Open, StringComparison.Ordinal);
        if (start < 0) return html;
        var result = new StringBuilder(html.Length);
        var position = 0;
        while (start >= 0)
        {
            result.Append(html, position, start - position);
            var depth = 0;
            var i = start;
            do
            {
                var open = html.IndexOf("<span", i, StringComparison.Ordinal);
                var close = html.IndexOf("</span>", i, StringComparison.Ordinal);
                if (close < 0) return result.Append(html, start, html.Length - start).ToString(); // unbalanced: leave it
                if (open >= 0 && open < close) { depth++; i = open + 5; }
                else { depth--; i = close + 7; }
            } while (depth > 0);
            position = i;
            start = html.IndexOf(Open, position, StringComparison.Ordinal);
        }
        return result.Append(html, position, html.Length - position).ToString();
    }

    internal static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A footnote reference as Markdig writes it (<c>&lt;a id="fnref:1" href="#fn:1" class="footnote-ref"&gt;</c>),
/// followed at the note's first reference by the note as a sidenote. Inside a sidenote, a reference to another note
/// is a plain link (no id, no nested sidenote) and the back link is left out.
/// </summary>
public sealed class SidenoteLinkHtml : HtmlObjectRenderer<FootnoteLink>
{
    private bool inSidenote;

    protected override void Write(HtmlRenderer renderer, FootnoteLink link)
    {
        var order = SidenoteHtml.Number(link.Footnote.Order);
        if (link.IsBackLink)
        {
            if (!inSidenote) renderer.Write("<a href=\"#fnref:").Write(SidenoteHtml.Number(link.Index)).Write("\" class=\"footnote-back-ref\">&#8617;</a>");
            return;
        }
        if (inSidenote)
        {
            renderer.Write("<a href=\"#fn:").Write(order).Write("\" class=\"footnote-ref\"><sup>").Write(order).Write("</sup></a>");
            return;
        }
        renderer.Write("<a id=\"fnref:").Write(SidenoteHtml.Number(link.Index)).Write("\" href=\"#fn:").Write(order)
            .Write("\" class=\"footnote-ref\"><sup>").Write(order).Write("</sup></a>");
        if (!SidenoteHtml.CanBeSidenote(link.Footnote) || !ReferenceEquals(SidenoteHtml.Anchor(link.Footnote), link)) return;

        inSidenote = true;
        renderer.Write(SidenoteHtml.Open).Write("<span class=\"sidenote-number\">").Write(order).Write("</span> ");
        var first = true;
        foreach (var block in link.Footnote)
        {
            if (!first) renderer.Write("<br>");
            first = false;
            renderer.WriteChildren(((ParagraphBlock)block).Inline!);
        }
        renderer.Write("</span>");
        inSidenote = false;
    }
}

/// <summary>
/// The footnote list as Markdig writes it, marked for the theme: <c>class="footnotes sidenoted"</c> when every note is
/// also a sidenote (the list is hidden where sidenotes show); otherwise the notes that are sidenotes carry
/// <c>class="sidenoted"</c> and every item its number in <c>value</c>, so the numbers hold when those are hidden.
/// </summary>
public sealed class SidenoteGroupHtml : HtmlObjectRenderer<FootnoteGroup>
{
    protected override void Write(HtmlRenderer renderer, FootnoteGroup group)
    {
        var notes = group.OfType<Footnote>().ToList();
        var sidenoted = notes.Select(SidenoteHtml.IsSidenote).ToList();
        var all = sidenoted.All(s => s);
        var some = !all && sidenoted.Any(s => s);
        renderer.EnsureLine();
        renderer.WriteLine(all ? "<div class=\"footnotes sidenoted\">" : "<div class=\"footnotes\">");
        renderer.WriteLine("<hr />");
        renderer.WriteLine("<ol>");
        for (var i = 0; i < notes.Count; i++)
        {
            var order = SidenoteHtml.Number(notes[i].Order);
            renderer.Write("<li id=\"fn:").Write(order).Write('"');
            if (some)
            {
                if (sidenoted[i]) renderer.Write(" class=\"sidenoted\"");
                renderer.Write(" value=\"").Write(order).Write('"');
            }
            renderer.WriteLine(">");
            renderer.WriteChildren(notes[i]);
            renderer.WriteLine("</li>");
        }
        renderer.WriteLine("</ol>");
        renderer.WriteLine("</div>");
    }
}
