using System.Globalization;
using System.Text;
using Lemma.Server.Comments;
using static System.Net.WebUtility;

namespace Lemma.Server.Admin;

/// <summary>The admin page's HTML: the login form, the comments waiting for approval with a button per decision, and
/// the recent comments with a form to reply as the site's author.
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

    /// <summary>The comments waiting for approval, each with its decisions and an "Approve and reply" form, then the latest
    /// approved ones, each with a form to reply as the site's author (<paramref name="author"/>, the name a reply gets
    /// when none is typed).</summary>
    /// <param name="postUrl">Where readers see a post (for a site hosted elsewhere, at its base URL).</param>
    public static string Pending(string siteTitle, IReadOnlyList<StoredComment> comments, IReadOnlyList<StoredComment> recent, string author,
        int maxLength, string formKey, string? notice, Func<string, string> postUrl)
    {
        var html = new StringBuilder();
        html.Append($"<p>{comments.Count.ToString(CultureInfo.InvariantCulture)} comment{(comments.Count == 1 ? "" : "s")} awaiting approval.</p>\n");
        if (notice is not null) html.Append($"<p class=\"notice\">{HtmlEncode(notice)}</p>\n");
        foreach (var c in comments)
        {
            Article(html, c, "h2", postUrl);
            html.Append("<form method=\"post\" action=\"/_lemma/admin/moderate\">\n");
            html.Append($"<input type=\"hidden\" name=\"id\" value=\"{c.Id}\">\n<input type=\"hidden\" name=\"key\" value=\"{HtmlEncode(formKey)}\">\n");
            foreach (var action in Notification.Actions)
                html.Append($"<button type=\"submit\" name=\"action\" value=\"{action}\">{HtmlEncode(CommentPages.Verb(action))}</button>\n");
            html.Append("</form>\n");
            ReplyForm(html, c.Id, "Approve and reply", author, maxLength, formKey);
            html.Append("</article>\n");
        }
        if (recent.Count > 0)
        {
            html.Append("<h2>Recent comments</h2>\n");
            foreach (var c in recent)
            {
                Article(html, c, "h3", postUrl);
                ReplyForm(html, c.Id, "Reply as the author", author, maxLength, formKey);
                html.Append("</article>\n");
            }
        }
        html.Append("<form method=\"post\" action=\"/_lemma/admin/logout\"><p><button type=\"submit\">Log out</button></p></form>\n");
        return CommentPages.Message(siteTitle, "Comments awaiting approval", "").Replace("<p></p>\n", html.ToString(), StringComparison.Ordinal);
    }

    private static void Article(StringBuilder html, StoredComment c, string heading, Func<string, string> postUrl)
    {
        var when = DateTimeOffset.FromUnixTimeMilliseconds(c.Created).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        html.Append($"<article id=\"comment-{c.Id}\">\n<{heading}>{HtmlEncode(c.Name)}{(c.IsAuthor ? " (Author)" : "")} on <a href=\"{HtmlEncode(postUrl(c.Post))}\">{HtmlEncode(c.Post)}</a></{heading}>\n");
        html.Append($"<p>{HtmlEncode(c.Email)}{(c.Website.Length > 0 ? " · " + HtmlEncode(c.Website) : "")} · {when}</p>\n");
        html.Append($"<blockquote>{c.Html}</blockquote>\n");
    }

    /// <summary>A reply to comment <paramref name="id"/>, in a disclosure so the list stays short; works without script.</summary>
    private static void ReplyForm(StringBuilder html, long id, string verb, string author, int maxLength, string formKey)
    {
        html.Append($"<details>\n<summary>{HtmlEncode(verb)}</summary>\n<form method=\"post\" action=\"/_lemma/admin/reply\">\n");
        html.Append($"<input type=\"hidden\" name=\"id\" value=\"{id}\">\n<input type=\"hidden\" name=\"key\" value=\"{HtmlEncode(formKey)}\">\n");
        html.Append($"<p><label for=\"reply-name-{id}\">Name (empty: {HtmlEncode(author)})</label><br>\n");
        html.Append($"<input id=\"reply-name-{id}\" name=\"name\" maxlength=\"{CommentForm.MaxName}\" autocomplete=\"name\"></p>\n");
        html.Append($"<p><label for=\"reply-body-{id}\">Reply (Markdown)</label><br>\n");
        html.Append($"<textarea id=\"reply-body-{id}\" name=\"body\" rows=\"5\" cols=\"60\" maxlength=\"{maxLength}\" required></textarea></p>\n");
        html.Append($"<p><button type=\"submit\">{HtmlEncode(verb)}</button></p>\n</form>\n</details>\n");
    }
}
