using System.Net;
using System.Text.RegularExpressions;
using Lemma.Build;
using Lemma.Content;

namespace Lemma.Markdown;

/// <summary>
/// A Jekyll site's HTML page with front matter (FAQ.html, contact.html): its body is HTML, run through Liquid as Jekyll runs
/// it and then kept as written, not read as Markdown (where an indented line would become code). Lemma's theme draws the
/// page around it, as for any page. Thread-safe.
/// </summary>
public sealed partial class HtmlPageFormat : IContentFormat
{
    public bool Accepts(PageSource page) => page.Format == ContentFormat.Html;

    public RenderedContent Render(PageSource page)
    {
        var html = page.Body;
        var text = WebUtility.HtmlDecode(Tags().Replace(html, " "));
        return new RenderedContent
        {
            Html = html,
            WordCount = MarkdownFormat.Words(text.AsSpan()),
            Anchors = MarkdownFormat.AnchorsIn(html),
        };
    }

    [GeneratedRegex(@"<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>|<[^>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Tags();
}
