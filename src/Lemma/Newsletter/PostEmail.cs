using System.Globalization;
using System.Text;
using Lemma.Configuration;
using Lemma.Markdown;
using Lemma.Model;

namespace Lemma.Newsletter;

/// <summary>
/// A post as one newsletter issue: the subject, an HTML part every major mail client shows as the writer meant it
/// (inline styles only, absolute URLs, code coloured on its spans, math as its TeX) and a text/plain part. Made once
/// per issue: only <see cref="UnsubscribeSlot"/> differs between subscribers.
/// </summary>
/// <param name="Cut">True when the post was longer than <see cref="MaxHtmlBytes"/> allows and the email ends with a
/// link to the rest on the web.</param>
public sealed record PostEmail(string Subject, string Html, string Text, string WebUrl, bool Cut)
{
    /// <summary>
    /// Where each subscriber's own unsubscribe link goes, in both parts: the sender replaces this string with the
    /// subscriber's URL (HTML-escaped in <see cref="Html"/>, as it is in <see cref="Text"/>). A reserved name
    /// (RFC 2606), so the unreplaced email is still valid HTML with a link that leads nowhere.
    /// </summary>
    public const string UnsubscribeSlot = "https://unsubscribe.invalid/";

    /// <summary>
    /// Gmail clips a message whose HTML passes 102 KB (102,400 bytes) behind a "view entire message" link, and with it
    /// the unsubscribe footer; the issue stays below with room for the longest subscriber link.
    /// </summary>
    public const int MaxHtmlBytes = 100_000;

    /// <summary>The email of <paramref name="page"/> with its rendered body. Pure: the same inputs give the same bytes.</summary>
    public static PostEmail From(Page page, RenderedContent content, SiteConfig config)
    {
        var webUrl = new Uri(new Uri(config.BaseUrl), page.Url.TrimStart('/')).AbsoluteUri;
        var subject = HeaderText(page.Title);
        var date = page.Date?.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        var blocks = EmailBody.Blocks(content.Html, webUrl);

        var shellHtml = EmailLayout.Html(config, subject, webUrl, date, "", cut: true);
        var budget = MaxHtmlBytes - Encoding.UTF8.GetByteCount(shellHtml);
        var kept = 0;
        var used = 0;
        foreach (var block in blocks)
        {
            var size = Encoding.UTF8.GetByteCount(block.Html);
            if (used + size > budget) break;
            used += size;
            kept++;
        }
        var cut = kept < blocks.Length;
        var html = EmailLayout.Html(config, subject, webUrl, date, string.Concat(blocks.Take(kept).Select(b => b.Html)), cut);
        var text = EmailLayout.Text(config, subject, webUrl, date, string.Join("\n\n", blocks.Take(kept).Select(b => b.Text).Where(t => t.Length > 0)), cut);
        return new PostEmail(subject, html, text, webUrl, cut);
    }

    /// <summary>
    /// A title as a header value: line breaks and other control characters become spaces, so nothing in a post's
    /// front matter can end the Subject line and start a header of its own.
    /// </summary>
    public static string HeaderText(string title)
    {
        var text = new StringBuilder(title.Length);
        foreach (var c in title)
            text.Append(char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' ? ' ' : c);
        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
