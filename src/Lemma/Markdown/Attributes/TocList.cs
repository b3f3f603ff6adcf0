using System.Net;
using System.Text;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Markdown.Attributes;

/// <summary>
/// kramdown's <c>* TOC</c> / <c>{:toc}</c>: the list is replaced by the page's table of contents, as nested lists
/// (<c>ul#markdown-toc</c>, the id kramdown gives it). Headings come later in the page than the list, so the renderer writes
/// a marker and <see cref="Fill"/> puts the contents in once the whole page is rendered.
/// </summary>
public static class TocList
{
    private static readonly object Key = typeof(TocList);
    internal const string Marker = "<!--lemma:toc-->";

    internal static void Mark(ListBlock list) => list.SetData(Key, true);

    internal static bool IsMarked(ListBlock list) => list.GetData(Key) is true;

    /// <summary>Replaces each marker in <paramref name="html"/> by the table of contents made of <paramref name="toc"/>.</summary>
    public static string Fill(string html, IReadOnlyList<TocEntry> toc)
    {
        if (!html.Contains(Marker, StringComparison.Ordinal)) return html;
        return html.Replace(Marker, Html(toc), StringComparison.Ordinal);
    }

    private static string Html(IReadOnlyList<TocEntry> toc)
    {
        var html = new StringBuilder("<ul id=\"markdown-toc\" class=\"toc\">");
        if (toc.Count == 0) return html.Append("</ul>").ToString();
        var top = toc.Min(e => e.Level);
        var current = top; // the level of the innermost open list
        var open = false; // whether an item of that list is open
        foreach (var entry in toc)
        {
            for (; current < entry.Level; current++, open = false) html.Append(open ? "<ul>" : "<li><ul>");
            for (; current > entry.Level; current--, open = true) html.Append(open ? "</li></ul>" : "</ul>");
            if (open) html.Append("</li>");
            html.Append("<li><a href=\"#").Append(WebUtility.HtmlEncode(entry.Id)).Append("\">").Append(WebUtility.HtmlEncode(entry.Text)).Append("</a>");
            open = true;
        }
        if (open) html.Append("</li>");
        for (; current > top; current--) html.Append("</ul></li>");
        return html.Append("</ul>").ToString();
    }
}

/// <summary>Writes a list marked as the table of contents as <see cref="TocList.Marker"/>, and any other list as before.</summary>
public sealed class TocListHtml(IMarkdownObjectRenderer lists) : HtmlObjectRenderer<ListBlock>
{
    protected override void Write(HtmlRenderer renderer, ListBlock block)
    {
        if (!TocList.IsMarked(block)) { lists.Write(renderer, block); return; }
        renderer.EnsureLine();
        renderer.WriteLine(TocList.Marker);
    }
}
