using System.Collections.Immutable;
using System.Globalization;
using Lemma.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Comments;

/// <summary>
/// The comment endpoints, all plain HTML forms that work without JavaScript (and the approved comments as JSON):
/// GET /_lemma/comments?post=/posts/a/ (JSON), GET /_lemma/comments/form?post=/posts/a/ (the form with a fresh token), POST /_lemma/comments (a comment: a 303
/// back to the post, or the form again with each problem beside its field), GET /_lemma/comments/moderate (a signed
/// link's confirm page) and POST /_lemma/comments/moderate (its button).
/// </summary>
public static class CommentEndpoints
{
    public const string Path = "/_lemma/comments";
    private const long MaxBody = 64 * 1024;

    public static void MapComments(this WebApplication app, Task<CommentService> opening, SiteHost host)
    {
        // Production runs requests inline on Kestrel's socket threads (LemmaServer.RunRequestsOnSocketThreads). These
        // handlers read forms, render Markdown and wait for the database, so each starts on the thread pool instead;
        // the database's own statements run on its thread (Storage/Database.cs), which throws if called from elsewhere.
        app.MapGet(Path, context => OffSocket(context, opening, service => Approved(context, service, host)));
        app.MapGet(Path + "/form", context => OffSocket(context, opening, service => Form(context, service, host)));
        app.MapPost(Path, context => OffSocket(context, opening, service => Post(context, service, host)));
        app.MapGet(Path + "/moderate", context => OffSocket(context, opening, service => ConfirmPage(context, service)));
        app.MapPost(Path + "/moderate", context => OffSocket(context, opening, service => Moderate(context, service)));
        app.MapErasure(opening);
        app.MapAuthorEdit(opening);
        app.MapSubscriptions(opening);
    }

    internal static Task OffSocket(HttpContext context, Task<CommentService> opening, Func<CommentService, Task> handle) =>
        Task.Run(async () =>
        {
            var service = await opening;
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "same-origin";
            // A form's redirect must pass form-action too: for a site hosted elsewhere, posting here leads back to its pages.
            var site = service.Settings.Server.Length > 0 ? CrossSite.SiteOrigin(service.Config.BaseUrl) : null;
            context.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'{(site is null ? "" : " " + site)}; frame-ancestors 'none'; base-uri 'none'";
            await handle(service);
        });

    /// <summary>
    /// GET /_lemma/comments?post=/posts/a/: the post's approved comments as JSON, for a page served elsewhere (a CDN)
    /// that loads them with a script. No email, by design; the body is sanitized HTML, author and website plain text.
    /// Readable cross-origin by the site's base URL only.
    /// </summary>
    private static async Task Approved(HttpContext context, CommentService service, SiteHost host)
    {
        var post = context.Request.Query["post"].ToString();
        CrossSite.AllowSite(context, service.Config.BaseUrl);
        if (!CommentService.TakesComments(host.Current, post)) { await NoSuchPost(context, service); return; }
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(await service.Json.For(post));
    }

    /// <summary>GET /_lemma/comments/form?post=/posts/a/: the form with a fresh token, also read by the theme's script
    /// (from the site's own origin when it is hosted elsewhere) for the token alone.</summary>
    private static Task Form(HttpContext context, CommentService service, SiteHost host)
    {
        CrossSite.AllowSite(context, service.Config.BaseUrl);
        var post = context.Request.Query["post"].ToString();
        if (!CommentService.TakesComments(host.Current, post)) return NoSuchPost(context, service);
        var form = new CommentForm(post, context.Request.Query["parent"].ToString(), "", "", "", "", "", "");
        return Html(context, 200, CommentPages.Form(service.Config.Title, form, service.Tokens.Issue(post), ImmutableDictionary<string, string>.Empty, null, service.Settings.MaxLength, service.PostUrl(post)));
    }

    /// <summary>A comment: refused (another site, not a form, no such post), given back (a problem, a token to renew),
    /// or stored and answered with a 303 back to the post.</summary>
    private static async Task Post(HttpContext context, CommentService service, SiteHost host)
    {
        if (await Read(context, service) is not { } form) return;
        if (!CommentService.TakesComments(host.Current, form.Post)) { await NoSuchPost(context, service); return; }
        // A filled honeypot: answer as for a comment awaiting approval, store nothing.
        if (form.Trap.Length > 0) { Back(context, service, form.Post, null, CommentStatus.Pending); return; }

        var problems = form.Problems(service.Settings);
        string? notice = service.Tokens.Check(form.Token, form.Post, TimeSpan.FromSeconds(service.Settings.MinSeconds)) switch
        {
            TokenCheck.Valid => null,
            TokenCheck.TooQuick => "That was quick! Please check your comment and send it again.",
            _ => "Please check your comment and send it again.",
        };
        if (problems.Count > 0 || notice is not null) { await Again(context, service, form, problems, notice, 400); return; }

        var comment = new NewComment(form.Post, form.ParentId, form.Name, form.NormalEmail, form.Website, form.Body,
            service.Text.Render(form.Body), service.AddressHash(CommentService.ClientAddress(context)), CommentService.BodyHash(form.Body), service.Spam.IsSpam(form));
        var to = service.NotifyAddress;
        var result = await service.Store.Submit(comment, service.Settings,
            stored => to.Length == 0 ? null : service.Notification.For(stored, to, service.Mail()),
            (sql, stored, now) => service.Subscriptions.Notify(sql, stored, service.Mail(), now));
        var task = result.Outcome switch
        {
            SubmitOutcome.TooMany => Again(context, service, form, problems, "You have sent several comments in a short time; please wait a few minutes and send this one again.", 429),
            SubmitOutcome.RepeatedElsewhere => Again(context, service, form, problems.SetItem("body", "You have posted this comment already, on another post."), null, 400),
            SubmitOutcome.NoSuchParent => Again(context, service, form, problems.SetItem("parent", "The comment you reply to is not there (any more)."), null, 400),
            _ => Task.CompletedTask,
        };
        long? editableUntil = null;
        if (result.Outcome == SubmitOutcome.Stored)
        {
            editableUntil = AuthorEdit.Grant(context, service, result.Id);
            if (form.Subscribe && result.Status != CommentStatus.Spam)
                await service.Subscriptions.Request(form.Post, form.NormalEmail, () => service.Subscriptions.Confirmation(form.Post, form.NormalEmail, service.Mail()));
            service.Sender.Wake();
        }
        if (result.Outcome is SubmitOutcome.Stored or SubmitOutcome.Repeated) Back(context, service, form.Post, result.Id, result.Status, editableUntil);
        await task;
    }

    /// <summary>The posted form, or null after answering a request that is not one from this site (403), not a form
    /// (415), too large (413) or unreadable (400).</summary>
    private static async Task<CommentForm?> Read(HttpContext context, CommentService service)
    {
        var request = context.Request;
        var (status, why) = CrossSite.Refused(request, service.Config.BaseUrl) ? (403, "Comments are taken only from this site's own pages.")
            : request.ContentLength is > MaxBody ? (413, "A comment fits in 64 KB.")
            : !request.HasFormContentType ? (415, "A comment is sent with the comment form.")
            : (0, "");
        if (status == 0)
        {
            try
            {
                return CommentForm.Read(await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueLengthLimit = (int)MaxBody, MultipartBodyLengthLimit = MaxBody }));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                (status, why) = (400, "The form could not be read.");
            }
        }
        await Html(context, status, CommentPages.Message(service.Config.Title, "Comment refused", why));
        return null;
    }

    /// <summary>303 to the post: #comment-N when it shows, else to the comments with a notice that it awaits approval.
    /// A new comment's answer also says, in <c>?mine=N.until</c>, that this browser may change it until then (Unix ms):
    /// a hint for the theme's script to show an Edit link, not a key (the key is the HttpOnly cookie).</summary>
    private static void Back(HttpContext context, CommentService service, string post, long? id, CommentStatus status, long? editableUntil = null)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        var mine = editableUntil is { } until && id is { } own
            ? $"?mine={own.ToString(CultureInfo.InvariantCulture)}.{until.ToString(CultureInfo.InvariantCulture)}"
            : "";
        context.Response.Headers.Location = service.PostUrl(post) + mine + (status == CommentStatus.Approved && id is { } shown
            ? $"#comment-{shown.ToString(CultureInfo.InvariantCulture)}"
            : "#comment-pending");
    }

    /// <summary>The form again, as the reader filled it. Its token counts all but a second of the minimum as spent: the
    /// text is written already, and a person reads the page before sending it again.</summary>
    private static Task Again(HttpContext context, CommentService service, CommentForm form, ImmutableDictionary<string, string> problems, string? notice, int status)
    {
        var credit = TimeSpan.FromSeconds(System.Math.Max(0, service.Settings.MinSeconds - 1));
        return Html(context, status, CommentPages.Form(service.Config.Title, form, service.Tokens.Issue(form.Post, credit), problems, notice, service.Settings.MaxLength, service.PostUrl(form.Post)));
    }

    private static async Task ConfirmPage(HttpContext context, CommentService service)
    {
        var query = context.Request.Query;
        var (id, action, signature) = (query["id"].ToString(), query["action"].ToString(), query["sig"].ToString());
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !service.Notification.Verify(number, action, signature)
            || await service.Store.Find(number) is not { } comment)
        {
            await BadLink(context, service);
            return;
        }
        await Html(context, 200, CommentPages.Confirm(service.Config.Title, comment, action, signature, service.PostUrl(comment.Post)));
    }

    private static async Task Moderate(HttpContext context, CommentService service)
    {
        if (CrossSite.Refused(context.Request, service.Config.BaseUrl) || !context.Request.HasFormContentType || context.Request.ContentLength is > MaxBody)
        {
            await Html(context, 403, CommentPages.Message(service.Config.Title, "Refused", "Moderation is done from this site's own confirm page."));
            return;
        }
        var form = await context.Request.ReadFormAsync();
        var (id, action, signature) = (form["id"].ToString(), form["action"].ToString(), form["sig"].ToString());
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !service.Notification.Verify(number, action, signature))
        {
            await BadLink(context, service);
            return;
        }
        var status = action switch
        {
            "approve" => CommentStatus.Approved,
            "reject" => CommentStatus.Rejected,
            "spam" => CommentStatus.Spam,
            _ => CommentStatus.Deleted,
        };
        var wasShown = await service.Store.Find(number) is { State: CommentStatus.Approved };
        if (await service.Store.Moderate(number, status, "email") is not { } done) { await BadLink(context, service); return; }
        if (status == CommentStatus.Approved && !wasShown) await service.Shown(done);
        await Html(context, 200, CommentPages.Message(service.Config.Title, $"Comment {CommentStore.Name(status)}",
            $"The comment by {done.Name} is now {CommentStore.Name(status)}.", service.PostUrl(done.Post), "Back to the post"));
    }

    private static Task BadLink(HttpContext context, CommentService service) =>
        Html(context, 403, CommentPages.Message(service.Config.Title, "This link is not valid", "It may have been changed or cut short: open it from the notification mail again."));

    private static Task NoSuchPost(HttpContext context, CommentService service) =>
        Html(context, 404, CommentPages.Message(service.Config.Title, "No such post", "There is no post here that takes comments.", service.PostUrl("/"), "Home"));

    internal static Task Html(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html);
    }
}
