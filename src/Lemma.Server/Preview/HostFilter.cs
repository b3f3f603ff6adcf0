using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Preview;

/// <summary>
/// The preview serves drafts and its own endpoints to whoever reaches it. Bound to loopback, only this machine can;
/// but a web page can point a name it controls at 127.0.0.1 (DNS rebinding) and read the preview through the reader's
/// browser. Such requests carry the attacker's name in Host, so a preview on loopback answers only its own names.
/// Production answers any Host: it sits behind a proxy that chose which names reach it.
/// </summary>
public static class HostFilter
{
    public static void UseHostFilter(this WebApplication app, ServerOptions options)
    {
        if (options.Production || !options.BindsLoopback) return;
        app.Use((context, next) => Allowed(context.Request.Host, options.Bind) ? next(context) : Misdirected(context));
    }

    /// <summary>True for localhost (and its subdomains, which browsers resolve to loopback themselves), a loopback
    /// address, or the bound name, with any port.</summary>
    public static bool Allowed(HostString host, string bind)
    {
        var name = host.Host;
        if (name.Length == 0) return false;
        if (name.Equals(bind, StringComparison.OrdinalIgnoreCase) || name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    // 421: this server does not answer for that name (RFC 9110, 15.5.20), rather than 400: the request itself is well formed.
    private static Task Misdirected(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("lemma serve answers only localhost, 127.0.0.1 and [::1] in preview.\n");
    }

    /// <summary>What to tell the writer when the preview is reachable from the network, or null when it is not.</summary>
    public static string? NetworkWarning(ServerOptions options) => options.Production || options.BindsLoopback ? null :
        $"warning: the preview on {options.Bind} is visible to the network: anyone who can reach it sees drafts, future posts " +
        "and /_lemma/ (build status and errors, with file paths). Use --production to serve readers.";
}
