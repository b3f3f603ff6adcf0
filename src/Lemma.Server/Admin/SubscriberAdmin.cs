using System.Globalization;
using System.Text;
using Lemma.Server.Comments;
using Lemma.Server.Newsletter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static System.Net.WebUtility;

namespace Lemma.Server.Admin;

/// <summary>
/// The admin page's subscribers, behind the same login: GET /_lemma/admin/subscribers?q= (search by email or name),
/// POST /_lemma/admin/subscribers/delete (with the session-bound form key, from the site's own page) and GET
/// /_lemma/admin/subscribers.csv (every subscriber). Names are what readers typed: HTML-encoded on the page, and kept
/// from starting a formula in the CSV.
/// </summary>
public static class SubscriberAdmin
{
    private const string Path = AdminEndpoints.Path + "/subscribers";
    private const int Shown = 1000;

    public static void MapSubscriberAdmin(this WebApplication app, Task<CommentService> opening)
    {
        app.MapGet(Path, context => CommentEndpoints.OffSocket(context, opening, service => Page(context, service)));
        app.MapPost(Path + "/delete", context => CommentEndpoints.OffSocket(context, opening, service => Delete(context, service)));
        app.MapGet(Path + ".csv", context => CommentEndpoints.OffSocket(context, opening, service => Export(context, service)));
    }

    private static async Task<string?> Session(HttpContext context, CommentService service)
    {
        var session = context.Request.Cookies[AdminEndpoints.Cookie];
        if (await service.Admin.Valid(session)) return session;
        await CommentEndpoints.Html(context, 403, AdminPages.Login(service.Config.Title, "Please log in."));
        return null;
    }

    private static async Task Page(HttpContext context, CommentService service)
    {
        if (await Session(context, service) is not { } session) return;
        var query = context.Request.Query["q"].ToString();
        var found = await service.Subscribers.Search(query, Shown);
        await CommentEndpoints.Html(context, 200, List(service.Config.Title, query, found, await service.Subscribers.Counts(), AdminEndpoints.FormKey(service, session)));
    }

    private static async Task Delete(HttpContext context, CommentService service)
    {
        if (CrossSite.Refused(context.Request, service.Config.BaseUrl) || !context.Request.HasFormContentType || context.Request.ContentLength is > 4096
            || await Session(context, service) is not { } session)
        {
            if (!context.Response.HasStarted) await CommentEndpoints.Html(context, 403, AdminPages.Login(service.Config.Title, "Please log in again."));
            return;
        }
        var form = await context.Request.ReadFormAsync();
        if (!service.Secret.Verify("admin-form", session, form["key"].ToString())
            || !long.TryParse(form["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !await service.Subscribers.Delete(id))
        {
            await CommentEndpoints.Html(context, 400, AdminPages.Login(service.Config.Title, "That form is out of date: reload the subscribers page."));
            return;
        }
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = Path;
    }

    private static async Task Export(HttpContext context, CommentService service)
    {
        if (await Session(context, service) is null) return;
        var csv = new StringBuilder("email,name,state,source,created,confirmed_at,unsubscribed_at,bounced_at\r\n");
        foreach (var s in await service.Subscribers.Search("", int.MaxValue))
            csv.Append(string.Join(',', Cell(s.Email), Cell(s.Name), s.Status, Cell(s.Source), Time(s.Created), Time(s.ConfirmedAt), Time(s.UnsubscribedAt), Time(s.BouncedAt))).Append("\r\n");
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"subscribers.csv\"";
        await context.Response.WriteAsync(csv.ToString());
    }

    /// <summary>One CSV field (RFC 4180). A value a spreadsheet would read as a formula (=, +, -, @, a tab) gets a leading
    /// apostrophe, since names are what readers typed.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Time(long? at) =>
        at is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    private static string List(string siteTitle, string query, IReadOnlyList<Subscriber> found, IReadOnlyDictionary<string, long> counts, string formKey)
    {
        long Count(string state) => counts.TryGetValue(state, out var n) ? n : 0;
        var html = new StringBuilder();
        html.Append($"<p>{Count("confirmed")} confirmed, {Count("pending")} pending, {Count("unsubscribed")} unsubscribed, {Count("bounced")} bounced. ");
        html.Append($"<a href=\"{Path}.csv\">Export all as CSV</a> · <a href=\"{AdminEndpoints.Path}\">Comments</a></p>\n");
        html.Append($"<form method=\"get\" action=\"{Path}\" role=\"search\">\n<p><label for=\"q\">Search by email or name</label><br>\n");
        html.Append($"<input id=\"q\" name=\"q\" type=\"search\" value=\"{HtmlEncode(query)}\"> <button type=\"submit\">Search</button></p>\n</form>\n");
        if (found.Count == 0) html.Append("<p>No subscriber matches.</p>\n");
        else
        {
            html.Append("<table>\n<caption>Subscribers").Append(found.Count == Shown ? $" (the {Shown} newest; search to find others)" : "").Append("</caption>\n");
            html.Append("<thead><tr><th scope=\"col\">Email</th><th scope=\"col\">Name</th><th scope=\"col\">State</th><th scope=\"col\">Since</th><th scope=\"col\">Action</th></tr></thead>\n<tbody>\n");
            foreach (var s in found)
            {
                html.Append($"<tr><td>{HtmlEncode(s.Email)}</td><td>{HtmlEncode(s.Name)}</td><td>{HtmlEncode(s.Status)}</td><td>{Time(s.ConfirmedAt ?? s.Created)[..10]}</td>\n");
                html.Append($"<td><form method=\"post\" action=\"{Path}/delete\"><input type=\"hidden\" name=\"id\" value=\"{s.Id}\"><input type=\"hidden\" name=\"key\" value=\"{HtmlEncode(formKey)}\">");
                html.Append($"<button type=\"submit\" aria-label=\"Delete {HtmlEncode(s.Email)}\">Delete</button></form></td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        html.Append($"<form method=\"post\" action=\"{AdminEndpoints.Path}/logout\"><p><button type=\"submit\">Log out</button></p></form>\n");
        return CommentPages.Message(siteTitle, "Subscribers", "").Replace("<p></p>\n", html.ToString(), StringComparison.Ordinal);
    }
}
