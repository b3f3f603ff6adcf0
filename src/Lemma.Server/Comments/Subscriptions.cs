using System.Globalization;
using Lemma.Server.Mail;
using Lemma.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static System.Net.WebUtility;

namespace Lemma.Server.Comments;

/// <summary>
/// "Email me replies": a commenter who ticks the box is mailed a link to confirm (nothing is sent to an address that did
/// not confirm, so the box cannot be used to mail someone else); once confirmed, every comment approved on that post
/// by another email is mailed to them, each mail with a link to stop. Links are signed with the site's secret for
/// their action, post and email; they open a page whose one button does it (a GET changes nothing). A reply mail also
/// carries its stop link as List-Unsubscribe, which a mail provider may POST to at once (RFC 8058); and, when the site has
/// an address of its own (<paramref name="replyAddress"/>: smtp.from or the author's email), a mailto to it.
/// </summary>
public sealed class Subscriptions(Database database, SiteSecret secret, TimeProvider clock, string replyAddress)
{
    private const string Purpose = "subscription";
    private static readonly string[] Actions = ["confirm", "stop"];

    public string Link(string baseUrl, string action, string post, string email) =>
        $"{baseUrl.TrimEnd('/')}/_lemma/comments/subscription?action={action}&post={Uri.EscapeDataString(post)}&email={Uri.EscapeDataString(email)}&sig={secret.Sign(Purpose, $"{action}|{post}|{email}")}";

    public bool Verify(string action, string post, string email, string signature) =>
        Actions.Contains(action) && secret.Verify(Purpose, $"{action}|{post}|{email}", signature);

    /// <summary>Records the wish and queues the confirmation mail, once: asking again while unconfirmed mails nothing.</summary>
    public Task Request(string post, string email, Func<MailMessage> confirmation) => database.Run(sql =>
    {
        if (sql.Single<long?>("SELECT id FROM subscriptions WHERE post = @post AND email = @email", new { post, email }) is not null) return 0;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        sql.Execute("INSERT INTO subscriptions (post, email, confirmed, created) VALUES (@post, @email, 0, @now)", new { post, email, now });
        Outbox.Enqueue(sql, confirmation(), now);
        return 1;
    });

    public Task Confirm(string post, string email) =>
        database.Run(sql => sql.Execute("UPDATE subscriptions SET confirmed = 1 WHERE post = @post AND email = @email", new { post, email }));

    public Task Stop(string post, string email) =>
        database.Run(sql => sql.Execute("DELETE FROM subscriptions WHERE post = @post AND email = @email", new { post, email }));

    /// <summary>Queues a mail about <paramref name="comment"/>, now shown, to each confirmed subscriber of its post but its author.</summary>
    public Task<int> Notify(StoredComment comment, MailSite site) =>
        database.Run(sql => Notify(sql, comment, site, clock.GetUtcNow().ToUnixTimeMilliseconds()));

    /// <summary>The same, inside a piece of database work already running (the comment's own insert).</summary>
    public int Notify(Sql sql, StoredComment comment, MailSite site, long now)
    {
        var to = sql.Query<string>("SELECT email FROM subscriptions WHERE post = @Post AND confirmed = 1 AND email <> @Email ORDER BY id", new { comment.Post, comment.Email }).ToList();
        foreach (var email in to) Outbox.Enqueue(sql, Reply(comment, email, site), now);
        return to.Count;
    }

    public MailMessage Confirmation(string post, string email, MailSite site)
    {
        var link = Link(site.Server, "confirm", post, email);
        return new MailMessage(email, $"[{site.Title}] Confirm: email me replies on {post}",
            $"You asked to be mailed the replies to {site.Post(post)}. To confirm, open:\n\n{link}\n\nIf you did not ask, do nothing: no more mail comes.",
            $"<p>You asked to be mailed the replies to <a href=\"{HtmlEncode(site.Post(post))}\">{HtmlEncode(post)}</a>.</p>\n<p><a href=\"{HtmlEncode(link)}\">Confirm</a></p>\n<p>If you did not ask, do nothing: no more mail comes.</p>");
    }

    /// <summary>The List-Unsubscribe value of a reply mail: its signed stop link first (the one a provider should use),
    /// then a mail to the site, whose body holds the same link for the writer to open.</summary>
    private string ListUnsubscribe(string stop, string post) => replyAddress.Length == 0 ? $"<{stop}>"
        : $"<{stop}>, <mailto:{replyAddress}?subject={Uri.EscapeDataString("Stop replies on " + post)}&body={Uri.EscapeDataString(stop)}>";

    private MailMessage Reply(StoredComment comment, string email, MailSite site)
    {
        var stop = Link(site.Server, "stop", comment.Post, email);
        var at = $"{site.Post(comment.Post)}#comment-{comment.Id.ToString(CultureInfo.InvariantCulture)}";
        return new MailMessage(email, $"[{site.Title}] New comment on {comment.Post} by {comment.Name}",
            $"{comment.Name} commented on {at}:\n\n{comment.Body}\n\nStop these mails: {stop}",
            $"<p><strong>{HtmlEncode(comment.Name)}</strong> commented on <a href=\"{HtmlEncode(at)}\">{HtmlEncode(comment.Post)}</a>:</p>\n<blockquote>{comment.Html}</blockquote>\n<p><a href=\"{HtmlEncode(stop)}\">Stop these mails</a></p>",
            ListUnsubscribe(stop, comment.Post));
    }
}

/// <summary>GET /_lemma/comments/subscription (a mailed link's page) and POST (its button, or a mail provider's
/// one-click stop: RFC 8058's <c>List-Unsubscribe=One-Click</c> posted to the link itself).</summary>
public static class SubscriptionEndpoints
{
    public static void MapSubscriptions(this WebApplication app, Task<CommentService> opening)
    {
        app.MapGet(CommentEndpoints.Path + "/subscription", context => CommentEndpoints.OffSocket(context, opening, service => Page(context, service)));
        app.MapPost(CommentEndpoints.Path + "/subscription", context => CommentEndpoints.OffSocket(context, opening, service => Change(context, service)));
    }

    private static Task Page(HttpContext context, CommentService service)
    {
        var query = context.Request.Query;
        var (action, post, email, signature) = (query["action"].ToString(), query["post"].ToString(), query["email"].ToString(), query["sig"].ToString());
        if (!service.Subscriptions.Verify(action, post, email, signature)) return BadLink(context, service);
        var verb = action == "confirm" ? "Email me replies" : "Stop these mails";
        return CommentEndpoints.Html(context, 200, CommentPages.Button(service.Config.Title, verb,
            action == "confirm" ? $"Mail the replies to {post} to {email}?" : $"Stop mailing the replies to {post} to {email}?",
            "/_lemma/comments/subscription", new Dictionary<string, string> { ["action"] = action, ["post"] = post, ["email"] = email, ["sig"] = signature }));
    }

    private static async Task Change(HttpContext context, CommentService service)
    {
        if (!context.Request.HasFormContentType || context.Request.ContentLength is > 64 * 1024)
        {
            await CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "Refused", "This is done from this site's own page."));
            return;
        }
        var form = await context.Request.ReadFormAsync();
        if (form["List-Unsubscribe"].ToString() == "One-Click") { await OneClick(context, service); return; }
        if (CrossSite.Refused(context.Request, service.Config.BaseUrl))
        {
            await CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "Refused", "This is done from this site's own page."));
            return;
        }
        var (action, post, email, signature) = (form["action"].ToString(), form["post"].ToString(), form["email"].ToString(), form["sig"].ToString());
        if (!service.Subscriptions.Verify(action, post, email, signature)) { await BadLink(context, service); return; }
        if (action == "confirm") await service.Subscriptions.Confirm(post, email);
        else await service.Subscriptions.Stop(post, email);
        await CommentEndpoints.Html(context, 200, CommentPages.Message(service.Config.Title, action == "confirm" ? "Confirmed" : "Stopped",
            action == "confirm" ? "You will be mailed the replies to this post; each mail has a link to stop." : "No more replies to this post will be mailed to you.",
            service.PostUrl(post), "Back to the post"));
    }

    /// <summary>
    /// A mail provider's one-click stop (RFC 8058): a POST to the reply mail's List-Unsubscribe link, whose query names
    /// the subscription and carries its signature. It comes from the provider's servers, with no cookie, form token or
    /// Origin of this site, so the signature is what authorizes it; and it can only stop, never confirm.
    /// </summary>
    private static async Task OneClick(HttpContext context, CommentService service)
    {
        var query = context.Request.Query;
        var (post, email, signature) = (query["post"].ToString(), query["email"].ToString(), query["sig"].ToString());
        if (query["action"].ToString() != "stop" || !service.Subscriptions.Verify("stop", post, email, signature)) { await BadLink(context, service); return; }
        await service.Subscriptions.Stop(post, email);
        await CommentEndpoints.Html(context, 200, CommentPages.Message(service.Config.Title, "Stopped", "No more replies to this post will be mailed to you.", post, "Back to the post"));
    }

    private static Task BadLink(HttpContext context, CommentService service) =>
        CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "This link is not valid", "It may have been changed or cut short: open it from the mail again."));
}
