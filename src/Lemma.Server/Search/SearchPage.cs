using System.Net;
using System.Text;
using Lemma.Search;
using Lemma.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Search;

/// <summary>
/// <c>/search/?q=</c> under <c>serve --production</c>: the site's search page with the results filled in by the server,
/// from the index the build wrote (<see cref="Searcher"/>, as the browser's client ranks), so search works with
/// JavaScript off. Without <c>q</c> the page is served as it was built. The work runs off the socket threads and an
/// answer takes at most <see cref="Limit"/>; a query is cut to <see cref="Searcher.MaxQuery"/> characters.
/// </summary>
public static class SearchPage
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);
    private const int Shown = 20;

    /// <summary>Before the site's files: it answers only GET or HEAD /search/ with a q parameter.</summary>
    public static void MapSearch(this WebApplication app, SiteHost host, string policy) =>
        app.Use((context, next) => context.Request is { Path.Value: "/search/" } request && request.Query.ContainsKey("q")
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && host.Current.Files.ContainsKey("search/index.html")
            ? Answer(context, host, policy) : next(context));

    private static async Task Answer(HttpContext context, SiteHost host, string policy)
    {
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        response.Headers.ContentSecurityPolicy = policy;
        response.Headers.CacheControl = "no-cache";
        response.ContentType = "text/html; charset=utf-8";
        var query = context.Request.Query["q"].ToString();
        var snapshot = host.Current;
        byte[] body;
        try
        {
            body = await Task.Run(() => Encoding.UTF8.GetBytes(Render(snapshot, query)), context.RequestAborted).WaitAsync(Limit, context.RequestAborted);
        }
        catch (TimeoutException)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            body = "Search took too long; try fewer words."u8.ToArray();
            response.ContentType = "text/plain; charset=utf-8";
        }
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await response.BodyWriter.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The built search page with the query in its box and the results where the template marked them.</summary>
    internal static string Render(SiteSnapshot snapshot, string query)
    {
        if (query.Length > Searcher.MaxQuery) query = query[..Searcher.MaxQuery];
        byte[]? Read(string path) => snapshot.Files.TryGetValue(path, out var file) ? file.Bytes : null;
        var words = Searcher.Words(query);
        var hits = Searcher.Run(query, Read, Shown);
        var results = new StringBuilder();
        var shown = 0;
        foreach (var hit in hits)
        {
            if (Read(IndexFormat.DocPath(hit.Doc)) is not { } bytes) continue;
            var page = IndexFormat.ReadDoc(bytes);
            if (shown++ == 0) results.Append("<ol>");
            var meta = string.Join(" · ", new[] { page.Date, page.Section }.Where(s => s.Length > 0));
            results.Append("<li><a href=\"").Append(Escape(page.Url)).Append("\">").Append(Escape(page.Title)).Append("</a>");
            if (meta.Length > 0) results.Append("<span class=\"search-meta\">").Append(Escape(meta)).Append("</span>");
            results.Append("<p>").Append(Snippet.Html(page.Text, words)).Append("</p></li>");
        }
        if (shown > 0) results.Append("</ol>");
        else if (query.Trim().Length > 0) results.Append("<p class=\"search-none\">No results for “").Append(Escape(query.Trim())).Append("”.</p>");
        var html = Encoding.UTF8.GetString(Read("search/index.html")!);
        return html.Replace("<!--search-results-->", results.ToString())
            .Replace("name=\"q\" value=\"\" autocomplete=\"off\" maxlength=\"200\" data-search-page", $"name=\"q\" value=\"{Escape(query)}\" autocomplete=\"off\" maxlength=\"200\" data-search-page");
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
