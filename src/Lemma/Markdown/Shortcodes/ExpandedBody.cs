using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Lemma.Diagnostics;

namespace Lemma.Markdown.Shortcodes;

/// <summary>
/// A body with its shortcodes expanded: the Markdown to render, the body line each of its lines came from (so that
/// positions Markdown reports are the file's), and the HTML set aside behind placeholders until Markdown is done.
/// </summary>
public sealed partial record ExpandedBody(string Markdown, ImmutableArray<int> Lines, ImmutableArray<string> Placeholders,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Images and links the shortcodes' HTML points to, at their shortcodes' positions.</summary>
    public ImmutableArray<LinkReference> Links { get; init; } = [];

    /// <summary>A word Markdown leaves alone (letters and digits), which no writer types.</summary>
    public static string Placeholder(int index) => $"LEMMASHORTCODE{index}END";

    /// <summary>The rendered page with every placeholder replaced by its HTML (a placeholder alone in a paragraph loses
    /// the paragraph, as in Hugo) and the expansion's warnings added.</summary>
    public RenderedContent Apply(RenderedContent rendered)
    {
        if (Placeholders.IsEmpty && Diagnostics.IsEmpty && Links.IsEmpty) return rendered;
        var html = Fill(rendered.Html);
        return rendered with
        {
            Html = html,
            SummaryHtml = rendered.SummaryHtml is { } summary ? Fill(summary) : null,
            Toc = [.. rendered.Toc.Select(t => t with { Text = Token().Replace(t.Text, m => Tags().Replace(Html(m), "")) })],
            Anchors = MarkdownFormat.AnchorsIn(html),
            Diagnostics = Diagnostics.AddRange(rendered.Diagnostics),
            Links = rendered.Links.AddRange(Links),
        };
    }

    private string Fill(string html) => Placeholders.IsEmpty ? html : Token().Replace(html, m =>
        m.Groups["open"].Success && m.Groups["close"].Success ? Html(m) : m.Groups["open"].Value + Html(m) + m.Groups["close"].Value);

    private string Html(Match m) => int.TryParse(m.Groups["n"].ValueSpan, out var n) && n < Placeholders.Length ? Placeholders[n] : m.Value;

    [GeneratedRegex("(?<open><p>)?LEMMASHORTCODE(?<n>[0-9]+)END(?<close></p>)?")]
    private static partial Regex Token();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
