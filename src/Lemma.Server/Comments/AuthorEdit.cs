using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Comments;

/// <summary>
/// A commenter changes or deletes their comment for 15 minutes after posting it, from the browser that posted it: the
/// answer to a stored comment carries a cookie for that one comment (HttpOnly, Secure, SameSite=Strict, path
/// /_lemma/comments, 15 minutes), signed with the site's secret over the comment's id and the end of the window.
/// GET /_lemma/comments/edit?id=N shows the text with Save and Delete; POST /_lemma/comments/edit does it.
/// </summary>
public static class AuthorEdit
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const string Purpose = "comment-author";

    public static string CookieName(long id) => "lemma_comment_" + id.ToString(CultureInfo.InvariantCulture);

    public static void MapAuthorEdit(this WebApplication app, Task<CommentService> opening)
    {
        app.MapGet(CommentEndpoints.Path + "/edit", context => CommentEndpoints.OffSocket(context, opening, service => Show(context, service)));
        app.MapPost(CommentEndpoints.Path + "/edit", context => CommentEndpoints.OffSocket(context, opening, service => Change(context, service)));
    }

    /// <summary>Gives the browser that posted comment <paramref name="id"/> its cookie.</summary>
    public static void Grant(HttpContext context, CommentService service, long id)
    {
        var until = (service.Clock.GetUtcNow() + Window).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.Response.Cookies.Append(CookieName(id), $"{until}.{service.Secret.Sign(Purpose, $"{id}|{until}")}", new CookieOptions
        {
            HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = CommentEndpoints.Path, MaxAge = Window,
        });
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

    private static async Task Show(HttpContext context, CommentService service)
    {
        if (await Own(context, service, context.Request.Query["id"].ToString()) is not { } comment) { await Closed(context, service); return; }
        await CommentEndpoints.Html(context, 200, CommentPages.Edit(service.Config.Title, comment, comment.Body, null, service.Settings.MaxLength));
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
            context.Response.Cookies.Delete(CookieName(comment.Id), new CookieOptions { Path = CommentEndpoints.Path, Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict });
            Back(context, comment.Post, "#comments", "deleted");
            return;
        }
        // The new text passes the checks a new comment's text passes; the rest of the comment stays as it was.
        var edited = new CommentForm(comment.Post, "", comment.Name, comment.Email, comment.Website, form["body"].ToString().Replace("\r\n", "\n").Trim(), "", "");
        if (edited.Problems(service.Settings).TryGetValue("body", out var problem))
        {
            await CommentEndpoints.Html(context, 400, CommentPages.Edit(service.Config.Title, comment, edited.Body, problem, service.Settings.MaxLength));
            return;
        }
        var status = service.Spam.IsSpam(edited) ? CommentStatus.Spam
            : service.Settings.Moderation == Lemma.Configuration.Moderation.All ? CommentStatus.Pending // what was approved was the old text
            : comment.State;
        await service.Store.EditByAuthor(comment.Id, edited.Body, service.Text.Render(edited.Body), CommentService.BodyHash(edited.Body), status);
        Back(context, comment.Post, status == CommentStatus.Approved ? $"#comment-{comment.Id}" : "#comments", status == CommentStatus.Approved ? "edited" : "pending");
    }

    private static void Back(HttpContext context, string post, string fragment, string notice)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = $"{post}?comment={notice}{fragment}";
    }

    private static Task Closed(HttpContext context, CommentService service) =>
        CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "This comment can no longer be changed",
            "A comment can be changed or deleted for 15 minutes, from the browser that posted it."));
}
