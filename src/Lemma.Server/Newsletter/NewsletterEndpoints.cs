using System.Globalization;
using Lemma.Server.Comments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Newsletter;

/// <summary>
/// The newsletter's reader endpoints, plain HTML forms that work without JavaScript: GET /_lemma/newsletter/subscribe (the
/// form), POST there (double opt-in: a confirmation link is mailed), GET/POST /_lemma/newsletter/confirm (the link's page
/// and its button) and GET/POST /_lemma/newsletter/unsubscribe (the same; a POST of <c>List-Unsubscribe=One-Click</c> to
/// the link itself unsubscribes at once, RFC 8058). A GET never changes anything, and no answer says whether an address
/// is subscribed.
/// </summary>
public static class NewsletterEndpoints
{
    private const string Path = SubscriberLinks.Path;
    private const long MaxBody = 4096;

    public static void MapNewsletter(this WebApplication app, Task<CommentService> opening)
    {
        // As the comment endpoints: off Kestrel's socket threads (database and mail work).
        app.MapGet(Path + "/subscribe", context => CommentEndpoints.OffSocket(context, opening, service => CommentEndpoints.Html(context, 200, NewsletterPages.Form(service, "", "", null))));
        app.MapPost(Path + "/subscribe", context => CommentEndpoints.OffSocket(context, opening, service => Subscribe(context, service)));
        app.MapGet(Path + "/confirm", context => CommentEndpoints.OffSocket(context, opening, service => ConfirmPage(context, service)));
        app.MapPost(Path + "/confirm", context => CommentEndpoints.OffSocket(context, opening, service => Confirm(context, service)));
        app.MapGet(Path + "/unsubscribe", context => CommentEndpoints.OffSocket(context, opening, service => UnsubscribePage(context, service)));
        app.MapPost(Path + "/unsubscribe", context => CommentEndpoints.OffSocket(context, opening, service => Unsubscribe(context, service)));
    }

    private static async Task Subscribe(HttpContext context, CommentService service)
    {
        if (await ReadForm(context, service, "Subscribe from this site's own page.") is not { } form) return;
        var email = form["email"].ToString().Trim();
        var name = form["name"].ToString().Trim();
        // A filled honeypot: the same answer as for a person, nothing stored or mailed.
        if (form[CommentForm.TrapField].ToString().Length > 0) { await CheckYourMail(context, service); return; }
        var problem = !CommentForm.IsEmail(email) ? ("email", "This does not look like an email address, such as ada@example.org.")
            : name.Length > CommentForm.MaxName || name.Any(char.IsControl) ? ("name", $"Your name must be one line of at most {CommentForm.MaxName} characters.")
            : ((string, string)?)null;
        if (problem is { } wrong) { await CommentEndpoints.Html(context, 400, NewsletterPages.Form(service, email, name, wrong)); return; }

        var outcome = await service.Subscribers.Request(email.ToLowerInvariant(), name, service.AddressHash(CommentService.ClientAddress(context)),
            service.Config.Newsletter, subscriber => NewsletterMail.ForRequest(service, subscriber));
        if (outcome == SubscribeOutcome.TooMany)
        {
            await CommentEndpoints.Html(context, 429, NewsletterPages.Form(service, email, name, null,
                "Several requests came from your address in a short time; please wait a few minutes and send this one again."));
            return;
        }
        service.Sender.Wake();
        await CheckYourMail(context, service);
    }

    private static Task CheckYourMail(HttpContext context, CommentService service) =>
        CommentEndpoints.Html(context, 200, CommentPages.Message(service.Config.Title, "Check your mail",
            "A link to confirm your subscription is on its way to that address, unless one was sent in the last hour. Nothing is sent to you until you confirm.",
            service.PostUrl("/"), "Home"));

    private static async Task ConfirmPage(HttpContext context, CommentService service)
    {
        var query = context.Request.Query;
        if (await Signed(service, query["id"], (s, sig) => service.SubscriberLinks.VerifyConfirm(s, query["expires"].ToString(), sig, service.Clock.GetUtcNow()), query["sig"]) is not { } subscriber)
        {
            await BadLink(context, service);
            return;
        }
        await CommentEndpoints.Html(context, 200, CommentPages.Button(service.Config.Title, "Confirm my subscription",
            $"Mail new posts of {NewsletterMail.Name(service)} to {subscriber.Email}?", Path + "/confirm",
            new Dictionary<string, string> { ["id"] = query["id"].ToString(), ["expires"] = query["expires"].ToString(), ["sig"] = query["sig"].ToString() }));
    }

    private static async Task Confirm(HttpContext context, CommentService service)
    {
        if (await ReadForm(context, service, "Confirm from this site's own page.") is not { } form) return;
        if (await Signed(service, form["id"], (s, sig) => service.SubscriberLinks.VerifyConfirm(s, form["expires"].ToString(), sig, service.Clock.GetUtcNow()), form["sig"]) is not { } subscriber)
        {
            await BadLink(context, service);
            return;
        }
        // Confirmed already (the button pressed twice): the same page, and no second welcome.
        if (await service.Subscribers.Confirm(subscriber.Id, subscriber.Email, s => NewsletterMail.Welcome(service, s)) is not null) service.Sender.Wake();
        await CommentEndpoints.Html(context, 200, CommentPages.Message(service.Config.Title, "Subscribed",
            $"New posts of {NewsletterMail.Name(service)} will be mailed to you; each mail has a link to unsubscribe.", service.PostUrl("/"), "Home"));
    }

    private static async Task UnsubscribePage(HttpContext context, CommentService service)
    {
        var query = context.Request.Query;
        if (await Signed(service, query["id"], service.SubscriberLinks.VerifyUnsubscribe, query["sig"]) is not { } subscriber)
        {
            await BadLink(context, service);
            return;
        }
        await CommentEndpoints.Html(context, 200, CommentPages.Button(service.Config.Title, "Unsubscribe",
            $"Stop mailing {NewsletterMail.Name(service)} to {subscriber.Email}?", Path + "/unsubscribe",
            new Dictionary<string, string> { ["id"] = query["id"].ToString(), ["sig"] = query["sig"].ToString() }));
    }

    /// <summary>
    /// The page's button (id and sig in the form), or a mail provider's one-click unsubscribe (RFC 8058): a POST of
    /// <c>List-Unsubscribe=One-Click</c> to the List-Unsubscribe link, id and sig in its query. That one comes from the
    /// provider's servers, with no Origin of this site, so the signature is what authorizes it.
    /// </summary>
    private static async Task Unsubscribe(HttpContext context, CommentService service)
    {
        var request = context.Request;
        if (!request.HasFormContentType || request.ContentLength is > MaxBody) { await Refused(context, service, "Unsubscribe from this site's own page."); return; }
        var form = await request.ReadFormAsync();
        var oneClick = form["List-Unsubscribe"].ToString() == "One-Click";
        if (!oneClick && CrossSite.Refused(request, service.Config.BaseUrl)) { await Refused(context, service, "Unsubscribe from this site's own page."); return; }
        var (id, sig) = oneClick ? (request.Query["id"], request.Query["sig"]) : (form["id"], form["sig"]);
        if (await Signed(service, id, service.SubscriberLinks.VerifyUnsubscribe, sig) is not { } subscriber)
        {
            await BadLink(context, service);
            return;
        }
        await service.Subscribers.Unsubscribe(subscriber.Id, subscriber.Email);
        await CommentEndpoints.Html(context, 200, CommentPages.Message(service.Config.Title, "Unsubscribed",
            $"No more mail of {NewsletterMail.Name(service)} will be sent to you.", service.PostUrl("/"), "Home"));
    }

    /// <summary>The subscriber a signed link names, or null when the row is gone or the signature does not fit it.</summary>
    private static async Task<Subscriber?> Signed(CommentService service, string? id, Func<Subscriber, string, bool> verify, string? signature) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && !string.IsNullOrEmpty(signature)
            && await service.Subscribers.Find(number) is { } subscriber && verify(subscriber, signature)
            ? subscriber
            : null;

    /// <summary>The posted form, or null after refusing a post from another site (403), not a form or too large.</summary>
    private static async Task<IFormCollection?> ReadForm(HttpContext context, CommentService service, string why)
    {
        var request = context.Request;
        if (CrossSite.Refused(request, service.Config.BaseUrl) || !request.HasFormContentType || request.ContentLength is > MaxBody)
        {
            await Refused(context, service, why);
            return null;
        }
        try { return await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueLengthLimit = (int)MaxBody, MultipartBodyLengthLimit = MaxBody }); }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            await CommentEndpoints.Html(context, 400, CommentPages.Message(service.Config.Title, "Refused", "The form could not be read."));
            return null;
        }
    }

    private static Task Refused(HttpContext context, CommentService service, string why) =>
        CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "Refused", why));

    private static Task BadLink(HttpContext context, CommentService service) =>
        CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "This link is not valid",
            "It may have expired (a confirm link lasts two days) or been cut short: subscribe again, or open the link from the mail again.",
            Path + "/subscribe", "Subscribe"));
}
