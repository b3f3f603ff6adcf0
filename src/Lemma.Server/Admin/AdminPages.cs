using System.Globalization;
using System.Text;
using Lemma.Server.Comments;
using static System.Net.WebUtility;

namespace Lemma.Server.Admin;

/// <summary>The admin page's HTML: the login form, and the comments waiting for approval with a button per decision.
/// Every value a reader wrote is HTML-encoded; a comment's body is only its sanitized HTML.</summary>
public static class AdminPages
{
    public static string Login(string siteTitle, string? notice) => CommentPages.Message(siteTitle, "Admin", notice ?? "Log in to moderate comments.")
        .Replace("</main>", """
            <form method="post" action="/_lemma/admin/login">
            <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">Log in</button></p>
            </form>
            </main>
            """, StringComparison.Ordinal);

    public static string Pending(string siteTitle, IReadOnlyList<StoredComment> comments, string formKey, string? notice)
    {
        var html = new StringBuilder();
        html.Append($"<p>{comments.Count.ToString(CultureInfo.InvariantCulture)} comment{(comments.Count == 1 ? "" : "s")} awaiting approval.</p>\n");
        if (notice is not null) html.Append($"<p class=\"notice\">{HtmlEncode(notice)}</p>\n");
        foreach (var c in comments)
        {
            var when = DateTimeOffset.FromUnixTimeMilliseconds(c.Created).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            html.Append($"<article id=\"comment-{c.Id}\">\n<h2>{HtmlEncode(c.Name)} on <a href=\"{HtmlEncode(c.Post)}\">{HtmlEncode(c.Post)}</a></h2>\n");
            html.Append($"<p>{HtmlEncode(c.Email)}{(c.Website.Length > 0 ? " · " + HtmlEncode(c.Website) : "")} · {when}</p>\n");
            html.Append($"<blockquote>{c.Html}</blockquote>\n<form method=\"post\" action=\"/_lemma/admin/moderate\">\n");
            html.Append($"<input type=\"hidden\" name=\"id\" value=\"{c.Id}\">\n<input type=\"hidden\" name=\"key\" value=\"{HtmlEncode(formKey)}\">\n");
            foreach (var action in Notification.Actions)
                html.Append($"<button type=\"submit\" name=\"action\" value=\"{action}\">{HtmlEncode(CommentPages.Verb(action))}</button>\n");
            html.Append("</form>\n</article>\n");
        }
        html.Append("<form method=\"post\" action=\"/_lemma/admin/logout\"><p><button type=\"submit\">Log out</button></p></form>\n");
        return CommentPages.Message(siteTitle, "Comments awaiting approval", "").Replace("<p></p>\n", html.ToString(), StringComparison.Ordinal);
    }
}
