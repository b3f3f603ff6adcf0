using System.Globalization;
using Lemma.Server.Comments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Admin;

/// <summary>
/// The admin page, behind the password `lemma admin set-password` sets: GET /_lemma/admin (the login form, or the
/// comments waiting for approval and the recent ones), POST /_lemma/admin/login, /_lemma/admin/moderate,
/// /_lemma/admin/reply (the writer's reply, marked as the author's) and /_lemma/admin/logout. The
/// session cookie is HttpOnly, Secure and SameSite=Strict; every POST also needs the site's own Origin, and the
/// moderation form a token bound to the session.
/// </summary>
public static class AdminEndpoints
{
    public const string Path = "/_lemma/admin";
    public const string Cookie = "lemma_admin";
    private const int RecentCount = 20;

    public static void MapAdmin(this WebApplication app, Task<CommentService> opening)
    {
        // As the comment endpoints: off the socket thread (password hashing is CPU work; sessions are database work).
        app.MapGet(Path, context => CommentEndpoints.OffSocket(context, opening, service => Page(context, service, null)));
        app.MapPost(Path + "/login", context => CommentEndpoints.OffSocket(context, opening, service => Login(context, service)));
        app.MapPost(Path + "/moderate", context => CommentEndpoints.OffSocket(context, opening, service => Moderate(context, service)));
        app.MapPost(Path + "/reply", context => CommentEndpoints.OffSocket(context, opening, service => Reply(context, service)));
        app.MapPost(Path + "/logout", context => CommentEndpoints.OffSocket(context, opening, service => Logout(context, service)));
    }

    private static async Task Page(HttpContext context, CommentService service, string? notice)
    {
        var session = context.Request.Cookies[Cookie];
        if (!await service.Admin.Valid(session))
        {
            var set = await service.Admin.PasswordHash() is not null;
            await CommentEndpoints.Html(context, set ? 200 : 403, AdminPages.Login(service.Config.Title, set ? notice : "No admin password is set: run `lemma admin set-password` in the site's folder."));
            return;
        }
        var page = AdminPages.Pending(service.Config.Title, await service.Store.Pending(), await service.Store.Recent(RecentCount),
            AuthorName(service), service.Settings.MaxLength, FormKey(service, session!), notice, service.PostUrl);
        if (service.Config.Newsletter.Enabled)
            page = page.Replace("<main>\n", $"<main>\n<p><a href=\"{Path}/subscribers\">Newsletter subscribers</a></p>\n", StringComparison.Ordinal);
        await CommentEndpoints.Html(context, 200, page);
    }

    private static async Task Login(HttpContext context, CommentService service)
    {
        if (CrossSite.Refused(context.Request, service.Config.BaseUrl) || !context.Request.HasFormContentType)
        {
            await CommentEndpoints.Html(context, 403, AdminPages.Login(service.Config.Title, "Log in from this site's own admin page."));
            return;
        }
        var address = service.AddressHash(CommentService.ClientAddress(context));
        if (await service.Admin.TooManyFailures(address))
        {
            await CommentEndpoints.Html(context, 429, AdminPages.Login(service.Config.Title, "Too many wrong passwords: try again in 15 minutes."));
            return;
        }
        var password = (await context.Request.ReadFormAsync())["password"].ToString();
        var stored = await service.Admin.PasswordHash();
        if (stored is null || password.Length == 0 || !AdminPassword.Verify(password, stored))
        {
            await service.Admin.Failed(address);
            await CommentEndpoints.Html(context, 401, AdminPages.Login(service.Config.Title, stored is null ? "No admin password is set: run `lemma admin set-password` in the site's folder." : "Wrong password."));
            return;
        }
        var token = await service.Admin.Open();
        context.Response.Cookies.Append(Cookie, token, new CookieOptions
        {
            HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = Path, MaxAge = AdminSessions.Lifetime, IsEssential = true,
        });
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = Path;
    }

    private static async Task Moderate(HttpContext context, CommentService service)
    {
        var session = context.Request.Cookies[Cookie];
        if (CrossSite.Refused(context.Request, service.Config.BaseUrl) || !context.Request.HasFormContentType || !await service.Admin.Valid(session))
        {
            await CommentEndpoints.Html(context, 403, AdminPages.Login(service.Config.Title, "Please log in again."));
            return;
        }
        var form = await context.Request.ReadFormAsync();
        var status = form["action"].ToString() switch
        {
            "approve" => CommentStatus.Approved,
            "reject" => CommentStatus.Rejected,
            "spam" => CommentStatus.Spam,
            "delete" => CommentStatus.Deleted,
            _ => (CommentStatus?)null,
        };
        var number = long.TryParse(form["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
        var wasShown = number is { } known && await service.Store.Find(known) is { State: CommentStatus.Approved };
        if (!service.Secret.Verify("admin-form", session!, form["key"].ToString()) || status is null
            || number is not { } id || await service.Store.Moderate(id, status.Value, "admin") is not { } done)
        {
            await CommentEndpoints.Html(context, 400, AdminPages.Login(service.Config.Title, "That form is out of date: reload the admin page."));
            return;
        }
        if (status == CommentStatus.Approved && !wasShown) await service.Shown(done);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = Path;
    }

    /// <summary>
    /// The writer's reply to a comment, stored approved and marked as the author's: the only way a comment gets the mark
    /// (an email that matches the writer's earns nothing, since anyone can type it). Needs the session and the form's
    /// key; the name is the site's author unless one is typed. Answered with a 303 to the reply on the admin page.
    /// </summary>
    private static async Task Reply(HttpContext context, CommentService service)
    {
        var session = context.Request.Cookies[Cookie];
        if (CrossSite.Refused(context.Request, service.Config.BaseUrl) || !context.Request.HasFormContentType || context.Request.ContentLength is > 64 * 1024
            || !await service.Admin.Valid(session))
        {
            await CommentEndpoints.Html(context, 403, AdminPages.Login(service.Config.Title, "Please log in again."));
            return;
        }
        var form = await context.Request.ReadFormAsync();
        var typed = form["name"].ToString().Trim();
        var name = typed.Length > 0 ? typed : AuthorName(service);
        var body = form["body"].ToString().Replace("\r\n", "\n").Trim();
        long parent = 0;
        var problem = !service.Secret.Verify("admin-form", session!, form["key"].ToString()) ? "That form is out of date: reload the admin page."
            : !long.TryParse(form["id"], NumberStyles.None, CultureInfo.InvariantCulture, out parent) ? "Reply to a comment of the admin page."
            : name.Length > CommentForm.MaxName || name.Any(char.IsControl) ? $"The name must be one line of at most {CommentForm.MaxName} characters."
            : body.Length == 0 || body.Length > service.Settings.MaxLength ? $"A reply needs a text of at most {service.Settings.MaxLength} characters."
            : null;
        var reply = problem is null
            ? await service.Store.ReplyAsAuthor(parent, name, service.Config.Author.Email.ToLowerInvariant(), body, service.Text.Render(body),
                (sql, shown, now) => service.Subscriptions.Notify(sql, shown, service.Mail(), now))
            : null;
        if (reply is null)
        {
            await CommentEndpoints.Html(context, 400, AdminPages.Login(service.Config.Title, problem ?? "That comment takes no reply (it was rejected, marked as spam or deleted)."));
            return;
        }
        service.Sender.Wake();
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = $"{Path}#comment-{reply.Id.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The name the writer's replies show: site.yaml's author, else the site's title.</summary>
    private static string AuthorName(CommentService service) =>
        service.Config.Author.Name.Trim() is { Length: > 0 } author ? author : service.Config.Title;

    private static async Task Logout(HttpContext context, CommentService service)
    {
        if (!CrossSite.Refused(context.Request, service.Config.BaseUrl) && context.Request.Cookies[Cookie] is { } session) await service.Admin.Close(session);
        context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = Path, Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict });
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = Path;
    }

    /// <summary>The moderation form's key: bound to the session, so a form from another session (or none) is refused.</summary>
    internal static string FormKey(CommentService service, string session) => service.Secret.Sign("admin-form", session);
}
