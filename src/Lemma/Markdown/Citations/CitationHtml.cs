using System.Text;
using Lemma.Bibliography;
using Lemma.Diagnostics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Lemma.Markdown.Citations;

/// <summary>
/// Citations of one page as links to their references (<c>#ref-KEY</c>), each with the full reference in its title,
/// so that hovering shows it without script. Author-year: "(Vaswani et al., 2017, p. 3; Hoffmann et al., 2022)" and
/// "Vaswani et al. (2017)" in running text; numeric: "[1, 2]", "[1, p. 3; 2]" and "Vaswani et al. [1]".
/// An unknown key in brackets is an error at its '@'; a bare "@name" that is no key stays text, with a warning.
/// </summary>
public sealed class CitationHtml(PageContext context) : HtmlObjectRenderer<CitationInline>
{
    protected override void Write(HtmlRenderer renderer, CitationInline citation)
    {
        var citations = context.Citations;
        if (citations is null || !citations.HasBibliography)
        {
            if (citation.Bracketed)
                context.Diagnostics.Add(Diagnostic.Error(context.At(citation.Line, citation.Column),
                    $"citation: '{citation.Items[0].Key}' is cited but no bibliography applies to this page (add references.bib or a .bib beside the page)"));
            renderer.Write(ReferenceFormatter.Escape(citation.Source));
            return;
        }

        if (!citation.Bracketed && !citations.Entries.ContainsKey(citation.Items[0].Key))
        {
            var item = citation.Items[0];
            context.Diagnostics.Add(Diagnostic.Warning(context.At(item.Line, item.Column),
                $"citation: no bibliography entry '{item.Key}'; '@{item.Key}' is left as text"));
            renderer.Write(ReferenceFormatter.Escape(citation.Source));
            return;
        }

        // Inside a link's text a citation cannot be a link itself: its label is written as text.
        inLink = citation.FirstParentOfType<Markdig.Syntax.Inlines.LinkInline>() is not null;
        var html = new StringBuilder();
        html.Append("<span class=\"citation\" data-cites=\"")
            .Append(ReferenceFormatter.Escape(string.Join(' ', citation.Items.Select(i => i.Key)))).Append("\">");
        if (citation.Bracketed)
        {
            var numeric = citations.Style == CitationStyle.Numeric;
            // "[5, 6]", but "[2, ch. 10; 3]" once a locator holds a comma of its own.
            var separator = numeric && citation.Items.All(i => i.Prefix.Length == 0 && i.Locator.Length == 0) ? ", " : "; ";
            html.Append(numeric ? '[' : '(');
            for (var i = 0; i < citation.Items.Length; i++)
            {
                if (i > 0) html.Append(separator);
                Parenthetical(html, citation.Items[i], citations);
            }
            html.Append(citations.Style == CitationStyle.Numeric ? ']' : ')');
        }
        else Narrative(html, citation.Items[0], citations);
        html.Append("</span>");
        renderer.Write(html.ToString());
    }

    private void Parenthetical(StringBuilder html, CitationItem item, PageCitations citations)
    {
        if (item.Prefix.Length > 0) html.Append(ReferenceFormatter.Escape(item.Prefix)).Append(' ');
        if (!citations.Entries.TryGetValue(item.Key, out var entry))
        {
            context.Diagnostics.Add(Diagnostic.Error(context.At(item.Line, item.Column), $"citation: no bibliography entry '{item.Key}'"));
            html.Append("<span class=\"citation-unknown\">").Append(ReferenceFormatter.Escape("@" + item.Key + "?")).Append("</span>");
        }
        else
        {
            var label = citations.Style == CitationStyle.Numeric
                ? citations.Number(entry.Key).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : (item.SuppressAuthor ? "" : ReferenceFormatter.AuthorLabel(entry) + ", ") + ReferenceFormatter.YearOrNd(entry) + citations.Suffix(entry.Key);
            Link(html, entry, label, citations);
        }
        if (item.Locator.Length > 0) html.Append(", ").Append(ReferenceFormatter.Escape(item.Locator));
    }

    private void Narrative(StringBuilder html, CitationItem item, PageCitations citations)
    {
        var entry = citations.Entries[item.Key];
        var label = citations.Style == CitationStyle.Numeric
            ? ReferenceFormatter.AuthorLabel(entry) + " [" + citations.Number(entry.Key).ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"
            : ReferenceFormatter.AuthorLabel(entry) + " (" + ReferenceFormatter.YearOrNd(entry) + citations.Suffix(entry.Key) + ")";
        Link(html, entry, label, citations);
    }

    private bool inLink;

    private void Link(StringBuilder html, BibEntry entry, string label, PageCitations citations)
    {
        if (inLink)
        {
            html.Append(ReferenceFormatter.Escape(label));
            return;
        }
        html.Append("<a href=\"#").Append(ReferenceFormatter.Escape(ReferenceId(entry.Key))).Append("\" title=\"")
            .Append(ReferenceFormatter.Escape(ReferenceFormatter.Text(entry, citations.Suffix(entry.Key)))).Append("\">")
            .Append(ReferenceFormatter.Escape(label)).Append("</a>");
    }

    /// <summary>The id of a reference list item: "ref-" and the key.</summary>
    public static string ReferenceId(string key) => "ref-" + key;

    /// <summary>The "References" section ending a page that cites, or "" when it cites nothing.</summary>
    public static string References(PageCitations citations)
    {
        var references = citations.References;
        if (references.IsEmpty) return "";
        var numeric = citations.Style == CitationStyle.Numeric;
        var html = new StringBuilder();
        html.Append("<section class=\"references\">\n<h2 id=\"references\">References</h2>\n")
            .Append(numeric ? "<ol class=\"references-numeric\">\n" : "<ul class=\"references-author-year\">\n");
        foreach (var entry in references)
        {
            html.Append("<li id=\"").Append(ReferenceFormatter.Escape(ReferenceId(entry.Key))).Append("\">");
            html.Append(ReferenceFormatter.Html(entry, citations.Suffix(entry.Key)));
            html.Append("</li>\n");
        }
        html.Append(numeric ? "</ol>\n" : "</ul>\n").Append("</section>\n");
        return html.ToString();
    }
}
