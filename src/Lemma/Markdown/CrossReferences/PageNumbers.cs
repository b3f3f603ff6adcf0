using System.Net;
using System.Text.RegularExpressions;
using Lemma.Diagnostics;
using Markdig.Syntax;
using SourceSpan = Lemma.Diagnostics.SourceSpan;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.CrossReferences;

/// <summary>
/// Numbers of a page's theorems and figures, and the labels that name them. A Markdown link with no text to a
/// label, <c>[](#thm-cs)</c>, gets the labelled thing's name ("Theorem 1", "Figure 2", or "(3)" for an equation's
/// <c>eq-</c> anchor) once the whole page is rendered, so it may point further down or into another notebook cell.
/// A link with no text to an id the page does not have is an error at the link.
/// </summary>
public sealed partial class PageNumbers
{
    private readonly Dictionary<string, int> counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> labels = new(StringComparer.Ordinal);
    private readonly List<(string Target, SourceSpan Span)> references = [];
    private readonly List<(CrossReferenceInline Reference, SourceSpan[] Spans)> crossReferences = [];
    private const char CrossStart = '\uE010';
    private const char CrossEnd = '\uE011';

    /// <summary>The next number of <paramref name="counter"/> on this page, from 1.</summary>
    public int Next(string counter)
    {
        var n = counters.GetValueOrDefault(counter) + 1;
        counters[counter] = n;
        return n;
    }

    /// <summary>Names the element with id <paramref name="label"/> ("Theorem 1"); returns false when the label was already used.</summary>
    public bool Define(string label, string text) => labels.TryAdd(label, text);

    /// <summary>What a text-less link to <paramref name="label"/> shows, if the label is defined.</summary>
    public string? TextOf(string label) => labels.GetValueOrDefault(label);

    /// <summary>Notes the text-less links to "#id" of a parsed document, with their positions, for <see cref="Resolve"/>.</summary>
    public void Collect(MarkdownDocument document, PageContext page)
    {
        foreach (var link in document.Descendants<LinkInline>())
            if (!link.IsImage && link.FirstChild is null && link.Url is ['#', _, ..] url)
                references.Add((Uri.UnescapeDataString(url[1..]), page.At(link.Line, link.Column)));
    }

    /// <summary>
    /// Fills the text of each <c>&lt;a href="#id"&gt;&lt;/a&gt;</c> in a page's HTML: a theorem's or figure's name, an
    /// equation's number in parentheses, or a heading's text; a link to anything else stays as it is.
    /// </summary>
    public string Fill(string html, PageContext page)
    {
        if (references.Count == 0) return html;
        var headings = page.Toc.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal);
        return EmptyLink().Replace(html, m =>
        {
            var id = WebUtility.HtmlDecode(m.Groups["id"].Value);
            var text = TextFor(id, page) ?? headings.GetValueOrDefault(id);
            return text is null ? m.Value : $"{m.Value[..^4]}{WebUtility.HtmlEncode(text)}</a>";
        });
    }

    /// <summary>An error for each text-less link to an id that names nothing numbered and is no element id of the page (<paramref name="anchors"/>).</summary>
    public void Check(PageContext page, IReadOnlySet<string> anchors)
    {
        foreach (var (target, span) in references)
            if (TextFor(target, page) is null && !anchors.Contains(target))
                page.Diagnostics.Add(Diagnostic.Error(span, $"reference: no theorem, figure, equation or heading has the id '{target}'"));
    }

    /// <summary>Notes a Quarto reference (<c>@fig-x</c>) and returns the placeholder its text will replace.</summary>
    public string AddCrossReference(CrossReferenceInline reference, PageContext page)
    {
        crossReferences.Add((reference, [.. reference.Targets.Select(t => page.At(t.Line, t.Column))]));
        return $"{CrossStart}{crossReferences.Count - 1}{CrossEnd}";
    }

    /// <summary>
    /// Fills each Quarto reference with a link in Quarto's words ("Figure 2", "Equation 1", "Section 3", "Table 1"); a
    /// label the page does not have is a warning at it, and the reference stays as written, marked.
    /// </summary>
    public string FillCrossReferences(string html, PageContext page, bool report)
    {
        if (crossReferences.Count == 0 || html.IndexOf(CrossStart) < 0) return html;
        var sections = SectionNumbers(page);
        return CrossPlaceholder().Replace(html, m =>
        {
            var (reference, spans) = crossReferences[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)];
            var parts = new List<string>();
            for (var i = 0; i < reference.Targets.Length; i++)
            {
                var label = reference.Targets[i].Label;
                var dash = label.IndexOf('-');
                var kind = label[..dash].ToLowerInvariant();
                var id = kind + label[dash..];
                string? number;
                string anchor;
                if (kind == "eq") { number = page.Math.NumberOf(id[3..]); anchor = Lemma.Math.MathDocument.AnchorId(id[3..]); }
                else
                {
                    anchor = id;
                    number = kind == "sec" ? sections.GetValueOrDefault(id) : NumberIn(labels.GetValueOrDefault(id));
                }
                if (number is null)
                {
                    if (report) page.Diagnostics.Add(Diagnostic.Warning(spans[i], $"reference: no {CrossReferenceInline.Kinds[kind].ToLowerInvariant()} is labelled '{id}'; '@{label}' is shown as written"));
                    return $"<span class=\"xref-unknown\" title=\"no such label on this page\">{WebUtility.HtmlEncode(reference.Source)}</span>";
                }
                var shown = reference.NumberOnly ? (kind == "eq" ? $"({number})" : number) : $"{CrossReferenceInline.Kinds[kind]} {number}";
                parts.Add($"<a class=\"xref\" href=\"#{WebUtility.HtmlEncode(anchor)}\">{WebUtility.HtmlEncode(shown)}</a>");
            }
            var prefix = reference.Prefix.Length > 0 ? WebUtility.HtmlEncode(reference.Prefix) + " " : "";
            return prefix + string.Join(", ", parts);
        });
    }

    /// <summary>The number in a theorem's or figure's name ("Figure 2" is "2").</summary>
    private static string? NumberIn(string? name) => name is null ? null : name[(name.LastIndexOf(' ') + 1)..];

    /// <summary>Each heading's number as Quarto counts sections (2, 2.1, ...), from the page's top heading level, by id.</summary>
    private static Dictionary<string, string> SectionNumbers(PageContext page)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (page.Toc.Count == 0) return result;
        var top = page.Toc.Min(t => t.Level);
        var counts = new int[7];
        foreach (var entry in page.Toc)
        {
            var depth = System.Math.Clamp(entry.Level - top, 0, 6);
            counts[depth]++;
            for (var d = depth + 1; d < counts.Length; d++) counts[d] = 0;
            result.TryAdd(entry.Id, string.Join('.', counts.Take(depth + 1).Select(c => System.Math.Max(c, 1))));
        }
        return result;
    }

    [GeneratedRegex("\uE010(\\d+)\uE011")]
    private static partial Regex CrossPlaceholder();

    private string? TextFor(string id, PageContext page)
    {
        if (labels.TryGetValue(id, out var text)) return text;
        return id.StartsWith("eq-", StringComparison.Ordinal) && page.Math.NumberOf(id[3..]) is { } number ? $"({number})" : null;
    }

    [GeneratedRegex("""<a href="#(?<id>[^"]+)"(?: [^>]*)?></a>""")]
    private static partial Regex EmptyLink();
}
