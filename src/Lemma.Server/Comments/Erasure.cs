using System.Globalization;
using Lemma.Server.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static System.Net.WebUtility;

namespace Lemma.Server.Comments;

/// <summary>
/// A reader erases everything tied to their email: GET /_lemma/comments/forget (a form asking for the address),
/// POST there (a signed link is mailed to that address, if it posted anything), GET /_lemma/comments/forget/confirm
/// (the link's confirm page) and POST there (the erasure). The answer to the first POST is the same whether or not
/// the address commented, so the form tells no one who did.
/// </summary>
public static class Erasure
{
    private const string Purpose = "erase";
    private const string Path = CommentEndpoints.Path + "/forget";
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(2);

    public static void MapErasure(this WebApplication app, Task<CommentService> opening)
    {
        // As every comment endpoint: off the socket thread (see CommentEndpoints.MapComments).
        app.MapGet(Path, context => CommentEndpoints.OffSocket(context, opening, service => CommentEndpoints.Html(context, 200, Ask(service, null))));
        app.MapPost(Path, context => CommentEndpoints.OffSocket(context, opening, service => Request(context, service)));
        app.MapGet(Path + "/confirm", context => CommentEndpoints.OffSocket(context, opening, service => Confirm(context, service)));
        app.MapPost(Path + "/confirm", context => CommentEndpoints.OffSocket(context, opening, service => Erase(context, service)));
    }

    private static async Task Request(HttpContext context, CommentService service)
    {
        if (CrossSite.Refused(context.Request, service.Config.BaseUrl) || !context.Request.HasFormContentType || context.Request.ContentLength is > 4096)
        {
            await CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "Refused", "Ask from this site's own page."));
            return;
        }
        var email = (await context.Request.ReadFormAsync())["email"].ToString().Trim().ToLowerInvariant();
        if (!CommentForm.IsEmail(email))
        {
            await CommentEndpoints.Html(context, 400, Ask(service, "This does not look like an email address, such as ada@example.org."));
            return;
        }
        var expires = (service.Clock.GetUtcNow() + LinkLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var link = $"{service.BaseUrl().TrimEnd('/')}{Path}/confirm?email={Uri.EscapeDataString(email)}&expires={expires}&sig={service.Secret.Sign(Purpose, $"{email}|{expires}")}";
        var taken = await service.Store.RequestErasure(email, service.AddressHash(CommentService.ClientAddress(context)), () => new MailMessage(email,
            $"[{service.Config.Title}] Erase your comments",
            $"Someone, hopefully you, asked to erase every comment posted with this address on {service.Config.Title}{AndSubscription(service)}.\n\nTo erase them, open this link within two days:\n{link}\n\nIf it was not you, ignore this mail: nothing changes.",
            $"<p>Someone, hopefully you, asked to erase every comment posted with this address on {HtmlEncode(service.Config.Title)}{AndSubscription(service)}.</p><p><a href=\"{HtmlEncode(link)}\">Erase my comments</a> (within two days)</p><p>If it was not you, ignore this mail: nothing changes.</p>"));
        if (!taken)
        {
            await CommentEndpoints.Html(context, 429, CommentPages.Message(service.Config.Title, "Please wait", "Several requests came from your address in a short time; please try again in a few minutes."));
            return;
        }
        service.Sender.Wake();
        await CommentEndpoints.Html(context, 200, CommentPages.Message(service.Config.Title, "Check your mail",
            $"If comments were posted with this address{(service.Config.Newsletter.Enabled ? " (or it subscribed to the newsletter)" : "")}, a link to erase them has been sent to it."));
    }

    private static async Task Confirm(HttpContext context, CommentService service)
    {
        if (Verified(context.Request.Query["email"], context.Request.Query["expires"], context.Request.Query["sig"], service) is not { } request)
        {
            await BadLink(context, service);
            return;
        }
        var html = CommentPages.Message(service.Config.Title, "Erase your comments",
            $"Every comment posted with {request.Email} will be erased: its name, address, website and text{AndSubscription(service)}. This cannot be undone.")
            .Replace("</main>", $"""
                <form method="post" action="{Path}/confirm">
                <input type="hidden" name="email" value="{HtmlEncode(request.Email)}">
                <input type="hidden" name="expires" value="{HtmlEncode(request.Expires)}">
                <input type="hidden" name="sig" value="{HtmlEncode(request.Signature)}">
                <p><button type="submit">Erase my comments</button></p>
                </form>
                </main>
                """, StringComparison.Ordinal);
        await CommentEndpoints.Html(context, 200, html);
    }

    private static async Task Erase(HttpContext context, CommentService service)
    {
        if (CrossSite.Refused(context.Request, service.Config.BaseUrl) || !context.Request.HasFormContentType || context.Request.ContentLength is > 4096)
        {
            await CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "Refused", "Confirm from this site's own page."));
            return;
        }
        var form = await context.Request.ReadFormAsync();
        if (Verified(form["email"], form["expires"], form["sig"], service) is not { } request)
        {
            await BadLink(context, service);
            return;
        }
        var count = await service.Store.Erase(request.Email);
        await CommentEndpoints.Html(context, 200, CommentPages.Message(service.Config.Title, "Erased",
            $"{count.ToString(CultureInfo.InvariantCulture)} comment{(count == 1 ? " was" : "s were")} erased.", service.PostUrl("/"), "Home"));
    }

    // The newsletter's subscription is erased with the comments (CommentStore.Erase); the pages say so where there is one.
    private static string AndSubscription(CommentService service) => service.Config.Newsletter.Enabled ? ", and its newsletter subscription" : "";

    private sealed record Signed(string Email, string Expires, string Signature);

    private static Signed? Verified(string? email, string? expires, string? signature, CommentService service)
    {
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(signature) || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var until)
            || !service.Secret.Verify(Purpose, $"{email}|{expires}", signature)
            || DateTimeOffset.FromUnixTimeSeconds(until) < service.Clock.GetUtcNow())
            return null;
        return new Signed(email, expires!, signature);
    }

    private static Task BadLink(HttpContext context, CommentService service) =>
        CommentEndpoints.Html(context, 403, CommentPages.Message(service.Config.Title, "This link is not valid",
            "It may have expired (after two days) or been cut short: ask again.", Path, "Ask again"));

    private static string Ask(CommentService service, string? problem) =>
        CommentPages.Message(service.Config.Title, "Erase your comments",
            "Give the email address you commented with: a link to erase every comment posted with it will be sent there.")
            .Replace("</main>", $"""
                <form method="post" action="{Path}">
                <p><label for="email">Email</label><br><input id="email" name="email" type="email" maxlength="{CommentForm.MaxEmail}" autocomplete="email" required{(problem is null ? "" : " aria-invalid=\"true\" aria-describedby=\"email-error\"")}>{(problem is null ? "" : $"<br><span class=\"error\" id=\"email-error\">{HtmlEncode(problem)}</span>")}</p>
                <p><button type="submit">Send me the link</button></p>
                </form>
                </main>
                """, StringComparison.Ordinal);
}
