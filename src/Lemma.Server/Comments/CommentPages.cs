using System.Collections.Immutable;
using System.Text;
using static System.Net.WebUtility;

namespace Lemma.Server.Comments;

/// <summary>
/// The server's own small pages: the comment form (given out fresh, or again with what the reader typed and each
/// problem beside its field), and the moderation confirm and result pages. Plain HTML and no script; every value
/// from a reader is HTML-encoded, and a comment's body is only ever its sanitized HTML.
/// </summary>
public static class CommentPages
{
    /// <summary>The form for <paramref name="form"/>'s post, filled with what it holds, problems beside their fields.
    /// <paramref name="postUrl"/> is where readers see the post (<see cref="CommentService.PostUrl"/>).</summary>
    public static string Form(string siteTitle, CommentForm form, string token, ImmutableDictionary<string, string> problems, string? notice, int maxLength, string postUrl)
    {
        var html = new StringBuilder();
        html.Append($"<h1>Leave a comment</h1>\n<p>On <a href=\"{HtmlEncode(postUrl)}\">{HtmlEncode(form.Post)}</a>. Your email address will not be published. Required fields are marked *.</p>\n");
        if (notice is not null) html.Append($"<p class=\"notice\" role=\"alert\">{HtmlEncode(notice)}</p>\n");
        if (problems.Count > 0) html.Append("<p class=\"notice\" role=\"alert\">Please correct the fields marked below.</p>\n");
        html.Append("<form method=\"post\" action=\"/_lemma/comments\">\n");
        html.Append($"<input type=\"hidden\" name=\"post\" value=\"{HtmlEncode(form.Post)}\">\n");
        html.Append($"<input type=\"hidden\" name=\"token\" value=\"{HtmlEncode(token)}\">\n");
        if (form.Parent.Length > 0) html.Append($"<input type=\"hidden\" name=\"parent\" value=\"{HtmlEncode(form.Parent)}\">\n");
        Field(html, "name", "Name *", "text", form.Name, CommentForm.MaxName, problems, "name");
        Field(html, "email", "Email * (never published)", "email", form.Email, CommentForm.MaxEmail, problems, "email");
        Field(html, "website", "Website", "url", form.Website, CommentForm.MaxWebsite, problems, "url");
        html.Append($"<p><label for=\"body\">Comment * (Markdown: *emphasis*, `code`, links, lists, &gt; quotes)</label><br>\n");
        html.Append($"<textarea id=\"body\" name=\"body\" rows=\"8\" cols=\"60\" maxlength=\"{maxLength}\" required{Described("body", problems)}>{HtmlEncode(form.Body)}</textarea>{Problem("body", problems)}</p>\n");
        html.Append($"<p><label><input type=\"checkbox\" name=\"subscribe\" value=\"on\"{(form.Subscribe ? " checked" : "")}> Email me replies (confirmed by mail; every mail has a link to stop)</label></p>\n");
        if (problems.TryGetValue("parent", out var parent)) html.Append($"<p class=\"error\">{HtmlEncode(parent)}</p>\n");
        // The honeypot: hidden from people (and from screen readers), a field machines fill.
        html.Append($"<div hidden aria-hidden=\"true\"><label>Leave this empty <input name=\"{CommentForm.TrapField}\" tabindex=\"-1\" autocomplete=\"off\"></label></div>\n");
        html.Append("<p><button type=\"submit\">Post comment</button></p>\n</form>\n");
        return Page(siteTitle, "Leave a comment", html.ToString());
    }

    private static void Field(StringBuilder html, string name, string label, string type, string value, int max, ImmutableDictionary<string, string> problems, string autocomplete)
    {
        var required = name == "website" ? "" : " required";
        html.Append($"<p><label for=\"{name}\">{HtmlEncode(label)}</label><br>\n<input id=\"{name}\" name=\"{name}\" type=\"{type}\" value=\"{HtmlEncode(value)}\" maxlength=\"{max}\" autocomplete=\"{autocomplete}\"{required}{Described(name, problems)}>{Problem(name, problems)}</p>\n");
    }

    private static string Described(string name, ImmutableDictionary<string, string> problems) =>
        problems.ContainsKey(name) ? $" aria-invalid=\"true\" aria-describedby=\"{name}-error\"" : "";

    private static string Problem(string name, ImmutableDictionary<string, string> problems) =>
        problems.TryGetValue(name, out var message) ? $"<br><span class=\"error\" id=\"{name}-error\">{HtmlEncode(message)}</span>" : "";

    /// <summary>A page that says one thing, with a link onward.</summary>
    public static string Message(string siteTitle, string heading, string text, string? link = null, string? linkText = null) =>
        Page(siteTitle, heading, $"<h1>{HtmlEncode(heading)}</h1>\n<p>{HtmlEncode(text)}</p>\n"
            + (link is null ? "" : $"<p><a href=\"{HtmlEncode(link)}\">{HtmlEncode(linkText ?? link)}</a></p>\n"));

    /// <summary>The page a moderation link opens: the comment, and a button that does what the link says (a GET changes nothing).</summary>
    public static string Confirm(string siteTitle, StoredComment comment, string action, string signature, string postUrl)
    {
        var verb = Verb(action);
        var html = new StringBuilder();
        html.Append($"<h1>{HtmlEncode(verb)} this comment?</h1>\n");
        html.Append($"<p>By <strong>{HtmlEncode(comment.Name)}</strong>{(comment.Website.Length > 0 ? $" ({HtmlEncode(comment.Website)})" : "")} on <a href=\"{HtmlEncode(postUrl)}\">{HtmlEncode(comment.Post)}</a>, now {HtmlEncode(comment.Status)}.</p>\n");
        html.Append($"<blockquote>{comment.Html}</blockquote>\n");
        html.Append("<form method=\"post\" action=\"/_lemma/comments/moderate\">\n");
        html.Append($"<input type=\"hidden\" name=\"id\" value=\"{comment.Id}\">\n<input type=\"hidden\" name=\"action\" value=\"{HtmlEncode(action)}\">\n<input type=\"hidden\" name=\"sig\" value=\"{HtmlEncode(signature)}\">\n");
        html.Append($"<p><button type=\"submit\">{HtmlEncode(verb)}</button></p>\n</form>\n");
        return Page(siteTitle, verb + " comment", html.ToString());
    }

    /// <summary>The commenter's own comment, its text to change (with <paramref name="problem"/> beside it) and a Delete button.</summary>
    public static string Edit(string siteTitle, StoredComment comment, string body, string? problem, int maxLength, string postUrl)
    {
        var html = new StringBuilder();
        html.Append($"<h1>Your comment</h1>\n<p>On <a href=\"{HtmlEncode(postUrl)}\">{HtmlEncode(comment.Post)}</a>. You can change or delete it for 15 minutes after posting it.</p>\n");
        html.Append("<form method=\"post\" action=\"/_lemma/comments/edit\">\n");
        html.Append($"<input type=\"hidden\" name=\"id\" value=\"{comment.Id}\">\n");
        html.Append("<p><label for=\"body\">Comment *</label><br>\n");
        html.Append($"<textarea id=\"body\" name=\"body\" rows=\"8\" cols=\"60\" maxlength=\"{maxLength}\" required{(problem is null ? "" : " aria-invalid=\"true\" aria-describedby=\"body-error\"")}>{HtmlEncode(body)}</textarea>");
        html.Append(problem is null ? "" : $"<br><span class=\"error\" id=\"body-error\">{HtmlEncode(problem)}</span>").Append("</p>\n");
        html.Append("<p><button type=\"submit\" name=\"action\" value=\"save\">Save</button> <button type=\"submit\" name=\"action\" value=\"delete\" formnovalidate>Delete</button></p>\n</form>\n");
        return Page(siteTitle, "Your comment", html.ToString());
    }

    /// <summary>The commenter's comments that this browser may still change (several, posted within 15 minutes), each
    /// linked to its own edit page.</summary>
    public static string Yours(string siteTitle, IReadOnlyList<StoredComment> comments, Func<string, string> postUrl)
    {
        var html = new StringBuilder("<h1>Your comments</h1>\n<p>You can change or delete each for 15 minutes after posting it.</p>\n<ul>\n");
        foreach (var c in comments)
            html.Append($"<li><a href=\"{CommentEndpoints.Path}/edit?id={c.Id}\">Your comment {c.Id}</a> on <a href=\"{HtmlEncode(postUrl(c.Post))}\">{HtmlEncode(c.Post)}</a></li>\n");
        return Page(siteTitle, "Your comments", html.Append("</ul>\n").ToString());
    }

    /// <summary>A question and the one button that does it: a POST of <paramref name="fields"/> to <paramref name="action"/>.</summary>
    public static string Button(string siteTitle, string verb, string question, string action, IReadOnlyDictionary<string, string> fields)
    {
        var html = new StringBuilder();
        html.Append($"<h1>{HtmlEncode(verb)}</h1>\n<p>{HtmlEncode(question)}</p>\n<form method=\"post\" action=\"{HtmlEncode(action)}\">\n");
        foreach (var (name, value) in fields) html.Append($"<input type=\"hidden\" name=\"{HtmlEncode(name)}\" value=\"{HtmlEncode(value)}\">\n");
        html.Append($"<p><button type=\"submit\">{HtmlEncode(verb)}</button></p>\n</form>\n");
        return Page(siteTitle, verb, html.ToString());
    }

    public static string Verb(string action) => action switch
    {
        "approve" => "Approve",
        "reject" => "Reject",
        "spam" => "Mark as spam",
        _ => "Delete",
    };

    private static string Page(string siteTitle, string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{HtmlEncode(title)} · {HtmlEncode(siteTitle)}</title>
        <style>body{"{"}font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem{"}"} .error,.notice{"{"}color:#b00020{"}"} input,textarea{"{"}max-width:100%;font:inherit{"}"} @media (prefers-color-scheme:dark){"{"}body{"{"}background:#111;color:#eee{"}"} a{"{"}color:#8cf{"}"} .error,.notice{"{"}color:#ff8a80{"}"}{"}"}</style>
        </head>
        <body>
        <main>
        {body}</main>
        </body>
        </html>

        """;
}
