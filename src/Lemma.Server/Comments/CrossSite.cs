using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Comments;

/// <summary>
/// Which other pages may talk to the comment endpoints. A POST another site's page made is refused: a browser says
/// where a form came from (Origin, else Sec-Fetch-Site and Referer), and that must be this server's own host or the
/// site's base URL (a site hosted elsewhere posts its form here). A request that says nothing (an old client, a privacy
/// setting) passes here, and still needs the form's signed token. Reading (the approved comments, a form token) is
/// allowed cross-origin to the site's base URL only, by CORS.
/// </summary>
public static class CrossSite
{
    public static bool Refused(HttpRequest request, string baseUrl)
    {
        // A browser's Origin cannot be set by a page, so it decides first: a site on a CDN (another site, Sec-Fetch-Site:
        // cross-site) posts to its comment server with its own base URL as Origin.
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return !Ours(origin, request, baseUrl);
        if (request.Headers["Sec-Fetch-Site"].ToString() == "cross-site") return true;
        var referer = request.Headers.Referer.ToString();
        return referer.Length > 0 && !Ours(referer, request, baseUrl);
    }

    /// <summary>
    /// Lets the site's own pages read this GET's answer from another origin (a site hosted elsewhere): the request's
    /// Origin is echoed when it is the base URL's, never <c>*</c>, and without credentials. The answer varies by Origin
    /// either way, so a shared cache keeps one per origin.
    /// </summary>
    public static void AllowSite(HttpContext context, string baseUrl)
    {
        var headers = context.Response.Headers;
        headers.Vary = "Origin";
        var origin = context.Request.Headers.Origin.ToString();
        if (HttpMethods.IsGet(context.Request.Method) && origin.Length > 0 && SiteOrigin(baseUrl) is { } site
            && origin.Equals(site, StringComparison.OrdinalIgnoreCase))
            headers.AccessControlAllowOrigin = site;
    }

    /// <summary>The scheme, host and port of the site's base URL; null when it has none.</summary>
    public static string? SiteOrigin(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var site) && site.Scheme is "http" or "https" ? site.GetLeftPart(UriPartial.Authority) : null;

    private static bool Ours(string address, HttpRequest request, string baseUrl)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var from) || from.Scheme is not ("http" or "https")) return false; // "null" too
        // Behind a TLS proxy the request arrives as http for an https page: the host (with its port) decides.
        if (from.Authority.Equals(request.Host.Value, StringComparison.OrdinalIgnoreCase)) return true;
        return SiteOrigin(baseUrl) is { } site && from.GetLeftPart(UriPartial.Authority).Equals(site, StringComparison.OrdinalIgnoreCase);
    }
}
