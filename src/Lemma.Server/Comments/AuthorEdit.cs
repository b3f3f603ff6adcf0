using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Comments;

/// <summary>
/// A commenter changes or deletes their comment for 15 minutes after posting it, from the browser that posted it: the
/// answer to a stored comment carries a cookie for that one comment (HttpOnly, Secure, SameSite=Strict, or Lax for a
/// site hosted elsewhere, path /_lemma/comments, 15 minutes), signed with the site's secret over the comment's id and
/// the end of the window; its redirect carries a hint the script can read (?mine=N.until, see CommentEndpoints).
/// GET /_lemma/comments/edit?id=N shows the text with Save and Delete; POST /_lemma/comments/edit does it.
/// </summary>
public static class AuthorEdit
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const string Purpose = "comment-author";

    private const string CookiePrefix = "lemma_comment_";

    public static string CookieName(long id) => CookiePrefix + id.ToString(CultureInfo.InvariantCulture);

    public static void MapAuthorEdit(this WebApplication app, Task<CommentService> opening)
    {
        app.MapGet(CommentEndpoints.Path + "/edit", context => CommentEndpoints.OffSocket(context, opening, service => Show(context, service)));
        app.MapPost(CommentEndpoints.Path + "/edit", context => CommentEndpoints.OffSocket(context, opening, service => Change(context, service)));
    }

    /// <summary>Gives the browser that posted comment <paramref name="id"/> its cookie; returns the end of its window (Unix ms).</summary>
    public static long Grant(HttpContext context, CommentService service, long id)
    {
        var until = (service.Clock.GetUtcNow() + Window).ToUnixTimeMilliseconds();
        var text = until.ToString(CultureInfo.InvariantCulture);
        context.Response.Cookies.Append(CookieName(id), $"{text}.{service.Secret.Sign(Purpose, $"{id}|{text}")}", new CookieOptions
        {
            HttpOnly = true, Secure = true, SameSite = SameSite(service), Path = CommentEndpoints.Path, MaxAge = Window,
        });
        return until;
    }

    // A site hosted elsewhere may be another site than its comment server (a CDN's domain): its Edit link is then a
    // cross-site navigation, which a Strict cookie does not follow. Lax follows links but not cross-site POSTs, and only
    // the POST changes anything (and it needs this site's Origin as well).
    private static SameSiteMode SameSite(CommentService service) => service.Settings.Server.Length > 0 ? SameSiteMode.Lax : SameSiteMode.Strict;

    /// <summary>This request's comments that it may still change, newest last.</summary>
    private static async Task<List<StoredComment>> AllOwn(HttpContext context, CommentService service)
    {
        var own = new List<StoredComment>();
        foreach (var name in context.Request.Cookies.Keys.Where(k => k.StartsWith(CookiePrefix, StringComparison.Ordinal)).Take(20))
            if (await Own(context, service, name[CookiePrefix.Length..]) is { } comment) own.Add(comment);
        return [.. own.OrderBy(c => c.Id)];
    }

    /// <summary>The comment when this request's cookie for it is valid and its window is open; else null.</summary>
    private static async Task<StoredComment?> Own(HttpContext context, CommentService service, string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return null;
        var parts = (context.Request.Cookies[CookieName(number)] ?? "").Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var until)
            || !service.Secret.Verify(Purpose, $"{number}|{parts[0]}", parts[1]))
            return null;
        var now = service.Clock.GetUtcNow();
        if (now.ToUnixTimeMilliseconds() > until) return null;
        return await service.Store.Find(number) is { State: not CommentStatus.Deleted } comment
            && now - DateTimeOffset.FromUnixTimeMilliseconds(comment.Created) <= Window ? comment : null;
    }

    /// <summary>GET /_lemma/comments/edit?id=N: that comment to change. Without an id (the link of the notice after
    /// posting, which cannot know the id without a script): this browser's one comment, or a list of them.</summary>
    private static async Task Show(HttpContext context, CommentService service)
    {
        var id = context.Request.Query["id"].ToString();
        List<StoredComment> own = id.Length == 0 ? await AllOwn(context, service) : await Own(context, service, id) is { } one ? [one] : [];
        var html = own switch
        {
            [] => null,
            [var comment] => CommentPages.Edit(service.Config.Title, comment, comment.Body, null, service.Settings.MaxLength, service.PostUrl(comment.Post)),
            _ => CommentPages.Yours(service.Config.Title, own, service.PostUrl),
        };
        if (html is null) await Closed(context, service);
        else await CommentEndpoints.Html(context, 200, html);
    }

    private static async Task Change(HttpContext context, CommentService service)
    {
        if (CrossSite.Refused(context.Request, service.Config.BaseUrl) || !context.Request.HasFormContentType || context.Request.ContentLength is > 64 * 1024)
        {
            await CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "Refused", "A comment is changed from this site's own page."));
            return;
        }
        var form = await context.Request.ReadFormAsync();
        if (await Own(context, service, form["id"].ToString()) is not { } comment) { await Closed(context, service); return; }
        if (form["action"].ToString() == "delete")
        {
            await service.Store.DeleteByAuthor(comment.Id);
            context.Response.Cookies.Delete(CookieName(comment.Id), new CookieOptions { Path = CommentEndpoints.Path, Secure = true, HttpOnly = true, SameSite = SameSite(service) });
            Back(context, service, comment.Post, "#comments", "deleted");
            return;
        }
        // The new text passes the checks a new comment's text passes; the rest of the comment stays as it was.
        var edited = new CommentForm(comment.Post, "", comment.Name, comment.Email, comment.Website, form["body"].ToString().Replace("\r\n", "\n").Trim(), "", "");
        if (edited.Problems(service.Settings).TryGetValue("body", out var problem))
        {
            await CommentEndpoints.Html(context, 400, CommentPages.Edit(service.Config.Title, comment, edited.Body, problem, service.Settings.MaxLength, service.PostUrl(comment.Post)));
            return;
        }
        var status = service.Spam.IsSpam(edited) ? CommentStatus.Spam
            : service.Settings.Moderation == Lemma.Configuration.Moderation.All ? CommentStatus.Pending // what was approved was the old text
            : comment.State;
        await service.Store.EditByAuthor(comment.Id, edited.Body, service.Text.Render(edited.Body), CommentService.BodyHash(edited.Body), status);
        Back(context, service, comment.Post, status == CommentStatus.Approved ? $"#comment-{comment.Id}" : "#comments", status == CommentStatus.Approved ? "edited" : "pending");
    }

    private static void Back(HttpContext context, CommentService service, string post, string fragment, string notice)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = $"{service.PostUrl(post)}?comment={notice}{fragment}";
    }

    private static Task Closed(HttpContext context, CommentService service) =>
        CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "This comment can no longer be changed",
            "A comment can be changed or deleted for 15 minutes, from the browser that posted it."));
}
