using System.Net;
using System.Text;
using Lemma.Configuration;
using static Lemma.Newsletter.EmailStyles;

namespace Lemma.Newsletter;

/// <summary>
/// What goes around a post's body in an email: a table layout of one centred column (the one layout Outlook's Word
/// engine, Gmail and Apple Mail all show alike), the site's name, the title linked to the post, and a footer with the
/// link to the web and the subscriber's unsubscribe link.
/// </summary>
public static class EmailLayout
{
    public static string Html(SiteConfig config, string subject, string webUrl, string? date, string body, bool cut)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var site = new Uri(config.BaseUrl).AbsoluteUri;
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{E(config.Language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <title>{E(subject)}</title>
            </head>
            <body style="margin:0;padding:0;background-color:{Page};">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:{Page};">
            <tr><td align="center" style="padding:24px 12px;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;table-layout:fixed;background-color:#ffffff;border:1px solid {Border};border-radius:8px;">
            <tr><td style="padding:24px 28px 0 28px;font-family:{Sans};">
            <p style="margin:0 0 16px 0;font-size:14px;line-height:1.4;"><a href="{E(site)}" style="color:{Muted};text-decoration:none;font-weight:bold;">{E(config.Title)}</a></p>
            <h1 style="margin:0 0 8px 0;font-size:28px;line-height:1.25;font-weight:bold;color:{Ink};"><a href="{E(webUrl)}" style="color:{Ink};text-decoration:none;">{E(subject)}</a></h1>

            """);
        if (date is not null) html.Append($"<p style=\"margin:0 0 8px 0;font-size:14px;line-height:1.4;color:{Muted};\">{E(date)}</p>\n");
        html.Append($"""
            </td></tr>
            <tr><td style="padding:16px 28px 8px 28px;font-family:{Sans};font-size:16px;line-height:1.6;color:{Ink};">

            """);
        html.Append(body);
        var more = cut ? "This post is longer than an email can hold. Read the rest on the web" : "Read this post on the web";
        html.Append($"""
            <p style="margin:8px 0 24px 0;font-size:16px;line-height:1.6;"><a href="{E(webUrl)}" style="color:{Accent};text-decoration:underline;font-weight:bold;">{more} &rarr;</a></p>
            </td></tr>
            <tr><td style="padding:16px 28px 24px 28px;border-top:1px solid {Border};font-family:{Sans};font-size:13px;line-height:1.5;color:{Muted};">
            <p style="margin:0;">You receive this email because you subscribed to <a href="{E(site)}" style="color:{Muted};">{E(config.Title)}</a>. <a href="{PostEmail.UnsubscribeSlot}" style="color:{Muted};text-decoration:underline;">Unsubscribe</a></p>
            </td></tr>
            </table>
            </td></tr>
            </table>
            </body>
            </html>

            """);
        return html.ToString();
    }

    public static string Text(SiteConfig config, string subject, string webUrl, string? date, string body, bool cut)
    {
        var text = new StringBuilder();
        text.Append(config.Title).Append("\n\n");
        text.Append(subject).Append('\n').Append(new string('=', System.Math.Min(subject.Length, 76))).Append('\n');
        if (date is not null) text.Append(date).Append('\n');
        text.Append(webUrl).Append("\n\n");
        if (body.Length > 0) text.Append(body).Append("\n\n");
        text.Append(cut ? "This post is longer than an email can hold. Read the rest on the web: " : "Read this post on the web: ").Append(webUrl).Append("\n\n");
        text.Append("-- \n");
        text.Append($"You receive this email because you subscribed to {config.Title} ({new Uri(config.BaseUrl).AbsoluteUri}).\n");
        text.Append($"Unsubscribe: {PostEmail.UnsubscribeSlot}\n");
        return text.ToString();
    }
}
