using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Comments;

/// <summary>
/// Refuses a POST another site's page made: a browser says where a form came from (Sec-Fetch-Site, Origin, else
/// Referer), and that must be this server's own host or the site's base URL. A request that says nothing (an old
/// client, a privacy setting) passes here, and still needs the form's signed token.
/// </summary>
public static class CrossSite
{
    public static bool Refused(HttpRequest request, string baseUrl)
    {
        // same-site passes on to the Origin check: a page on example.org may post to a server on comments.example.org.
        if (request.Headers["Sec-Fetch-Site"].ToString() == "cross-site") return true;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return !Ours(origin, request, baseUrl);
        var referer = request.Headers.Referer.ToString();
        return referer.Length > 0 && !Ours(referer, request, baseUrl);
    }

    private static bool Ours(string address, HttpRequest request, string baseUrl)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var from) || from.Scheme is not ("http" or "https")) return false; // "null" too
        // Behind a TLS proxy the request arrives as http for an https page: the host (with its port) decides.
        if (from.Authority.Equals(request.Host.Value, StringComparison.OrdinalIgnoreCase)) return true;
        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var site)
            && from.GetLeftPart(UriPartial.Authority).Equals(site.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }
}
