using System.Collections.Concurrent;
using System.IO.Compression;
using Lemma.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lemma.Server.Publishing;

/// <summary>
/// Serves the snapshot's files: pretty URLs, ETag and conditional GET, HEAD, Brotli or gzip (compressed once per
/// file version), long caching for content-hashed assets, security headers in production, and the site's 404 page.
/// </summary>
public static class SiteFiles
{
    /// <summary>A strict policy the default theme passes: no inline script; style attributes (code line starts, table alignment) allowed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: https:; media-src 'self' https:; style-src 'self'; style-src-attr 'unsafe-inline'; " +
        "script-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void MapSiteFiles(this WebApplication app, SiteHost host, bool production, Func<string, string>? transformHtml = null)
    {
        var compressed = new ConcurrentDictionary<(string ETag, string Encoding), byte[]>();
        app.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
        {
            var snapshot = host.Current;
            var path = context.Request.Path.Value ?? "/";
            var (file, redirect) = Resolve(snapshot, path);
            if (redirect is not null) return Results.Redirect(redirect + context.Request.QueryString, permanent: true);

            var status = StatusCodes.Status200OK;
            if (file is null)
            {
                status = StatusCodes.Status404NotFound;
                file = snapshot.Files.GetValueOrDefault("404.html");
            }
            var headers = context.Response.Headers;
            if (production)
            {
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }
            if (file is null) return Results.Text("Not found", "text/plain", statusCode: 404);

            var isHtml = file.ContentType.StartsWith("text/html", StringComparison.Ordinal);
            var bytes = file.Bytes;
            if (isHtml && transformHtml is not null)
                bytes = System.Text.Encoding.UTF8.GetBytes(transformHtml(System.Text.Encoding.UTF8.GetString(bytes)));

            headers.ETag = file.ETag;
            headers.CacheControl = !production ? "no-cache"
                : path.StartsWith("/assets/", StringComparison.Ordinal) && context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable"
                : "public, max-age=0, must-revalidate";
            if (status == 200 && context.Request.Headers.IfNoneMatch.Any(v => v is not null && (v == file.ETag || v == "*" || v.Split(',').Select(s => s.Trim()).Contains(file.ETag))))
                return Results.StatusCode(StatusCodes.Status304NotModified);

            var encoding = production && ContentTypes.IsCompressible(file.ContentType) && bytes.Length > 256 ? Pick(context.Request.Headers.AcceptEncoding) : null;
            if (ContentTypes.IsCompressible(file.ContentType)) headers.Vary = "Accept-Encoding";
            if (encoding is not null)
            {
                var source = bytes;
                bytes = compressed.GetOrAdd((file.ETag, encoding), key => Compress(source, key.Encoding));
                headers.ContentEncoding = encoding;
            }
            context.Response.StatusCode = status;
            context.Response.ContentType = file.ContentType;
            context.Response.ContentLength = bytes.Length;
            if (HttpMethods.IsHead(context.Request.Method)) return Results.Empty;
            return Results.Bytes(bytes, file.ContentType);
        });
    }

    /// <summary>"/" and "/posts/x/" to their index.html; "/posts/x" redirects to "/posts/x/" when that is a page.</summary>
    public static (ServedFile? File, string? Redirect) Resolve(SiteSnapshot snapshot, string urlPath)
    {
        var path = Uri.UnescapeDataString(urlPath).TrimStart('/');
        if (path.Contains("..", StringComparison.Ordinal)) return (null, null);
        if (path.Length == 0 || path.EndsWith('/')) return (snapshot.Files.GetValueOrDefault(path + "index.html"), null);
        if (snapshot.Files.TryGetValue(path, out var file)) return (file, null);
        if (snapshot.Files.ContainsKey(path + "/index.html")) return (null, "/" + path + "/");
        return (null, null);
    }

    private static string? Pick(StringValues acceptEncoding)
    {
        var accepted = acceptEncoding.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Split(';')[0].Trim().ToLowerInvariant()).ToHashSet();
        return accepted.Contains("br") ? "br" : accepted.Contains("gzip") ? "gzip" : null;
    }

    private static byte[] Compress(byte[] bytes, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream stream = encoding == "br"
            ? new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true)
            : new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            stream.Write(bytes);
        return output.ToArray();
    }
}
