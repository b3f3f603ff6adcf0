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
    /// <summary>The policy of a site that adds nothing to it: no inline script; style attributes (code line starts, table alignment) allowed.</summary>
    public const string ContentSecurityPolicy = Lemma.Output.ContentSecurityPolicy.Header;

    /// <summary>
    /// Answers every request that no endpoint took (the preview maps /_lemma/) from the current snapshot. A middleware
    /// rather than a catch-all route: every path is a file lookup, so routing has nothing to decide and a production
    /// server runs without it.
    /// </summary>
    /// <param name="policy">The Content-Security-Policy header of production responses: the site's, with what its
    /// site.yaml added (<see cref="Lemma.Output.ContentSecurityPolicy.HeaderWith"/>).</param>
    public static void MapSiteFiles(this WebApplication app, SiteHost host, bool production, Func<string, string>? transformHtml = null, string policy = ContentSecurityPolicy)
    {
        var files = new Responder(host, production, transformHtml, policy);
        app.Use((context, next) => context.GetEndpoint() is null ? files.Serve(context) : next(context));
    }

    /// <summary>"/" and "/posts/x/" to their index.html; "/posts/x" redirects to "/posts/x/" when that is a page.</summary>
    public static (ServedFile? File, string? Redirect) Resolve(SiteSnapshot snapshot, string urlPath)
    {
        var path = Uri.UnescapeDataString(urlPath).TrimStart('/');
        if (path.Contains("..", StringComparison.Ordinal)) return (null, null);
        if (path.Length == 0 || path.EndsWith('/')) return (snapshot.Files.GetValueOrDefault(path + "index.html"), null);
        if (snapshot.Files.TryGetValue(path, out var file)) return (file, null);
        if (snapshot.Files.ContainsKey(path + "/index.html")) return (null, "/" + path + "/");
        if (snapshot.InFolder(path) is { } made) return (made, null);
        return (null, null);
    }

    /// <summary>True when an If-None-Match value names <paramref name="etag"/> (weakly or strongly) or is "*".</summary>
    public static bool Matches(StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
            foreach (var range in value.AsSpan().Split(','))
            {
                var tag = value.AsSpan()[range].Trim();
                if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
                if (tag is "*" || tag.SequenceEqual(etag)) return true;
            }
        return false;
    }

    /// <summary>"br" or "gzip" when Accept-Encoding lists it with a weight above 0, Brotli first; else null (identity).</summary>
    /// <remarks>An entry whose parameters are not one weight (RFC 9110, 12.4.2: <c>;q=</c> and a qvalue such as 0.5, at
    /// most three decimals, at most 1) does not match the field's grammar, so it is skipped as if absent; and a coding
    /// the field does not list is not acceptable (12.5.3). So <c>br;q=x</c> gets no Brotli, whatever else it meant.</remarks>
    public static string? PickEncoding(StringValues acceptEncoding)
    {
        bool br = false, gzip = false;
        foreach (var value in acceptEncoding)
            foreach (var range in value.AsSpan().Split(','))
            {
                var item = value.AsSpan()[range];
                var semicolon = item.IndexOf(';');
                var name = (semicolon < 0 ? item : item[..semicolon]).Trim(" \t");
                if (semicolon >= 0 && Weight(item[(semicolon + 1)..]) is not > 0) continue;
                br |= name.Equals("br", StringComparison.OrdinalIgnoreCase);
                gzip |= name.Equals("gzip", StringComparison.OrdinalIgnoreCase);
            }
        return br ? "br" : gzip ? "gzip" : null;
    }

    /// <summary>The weight in <c>q=0.5</c> (after the semicolon), or null when it is not exactly
    /// <c>OWS "q=" qvalue</c>, qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).</summary>
    public static double? Weight(ReadOnlySpan<char> parameter)
    {
        var q = parameter.Trim(" \t");
        if (q.Length < 3 || (q[0] != 'q' && q[0] != 'Q') || q[1] != '=') return null;
        var number = q[2..];
        if (number[0] is not ('0' or '1')) return null;
        var fraction = number[1..];
        if (fraction.Length > 0 && (fraction[0] != '.' || fraction.Length > 4)) return null;
        if (fraction.Length > 0) fraction = fraction[1..];
        foreach (var digit in fraction)
            if (!char.IsAsciiDigit(digit) || (number[0] == '1' && digit != '0')) return null;
        return double.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The request handler, with what it keeps between requests: the compressed versions of files.</summary>
    private sealed class Responder(SiteHost host, bool production, Func<string, string>? transformHtml, string policy)
    {
        private const string Immutable = "public, max-age=31536000, immutable";
        private const string Revalidate = "public, max-age=0, must-revalidate";
        private readonly ConcurrentDictionary<(string ETag, string Encoding), byte[]> compressed = new();

        public Task Serve(HttpContext context)
        {
            var request = context.Request;
            var response = context.Response;
            var head = HttpMethods.IsHead(request.Method);
            if (!head && !HttpMethods.IsGet(request.Method))
            {
                response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                response.Headers.Allow = "GET, HEAD";
                return Task.CompletedTask;
            }

            var snapshot = host.Current;
            var path = request.Path.Value ?? "/";
            var (file, redirect) = Resolve(snapshot, path);
            if (redirect is not null)
            {
                response.StatusCode = StatusCodes.Status301MovedPermanently;
                response.Headers.Location = redirect + request.QueryString;
                return Task.CompletedTask;
            }
            // An image's copy is made on its first request, which may take a while: not on a socket thread.
            return file is null && ImageCopies.Names(path) ? CopyThenServe(context, snapshot, path, head) : Serve(context, snapshot, file, path, head);
        }

        private async Task CopyThenServe(HttpContext context, SiteSnapshot snapshot, string path, bool head) =>
            await Serve(context, snapshot, await Task.Run(() => ImageCopies.Find(host, path)), path, head);

        private Task Serve(HttpContext context, SiteSnapshot snapshot, ServedFile? file, string path, bool head)
        {
            var response = context.Response;
            var headers = response.Headers;
            if (production) Secure(headers);
            response.StatusCode = file is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
            file ??= snapshot.Files.GetValueOrDefault("404.html");
            if (file is null)
            {
                response.ContentType = "text/plain; charset=utf-8";
                return head ? Task.CompletedTask : response.WriteAsync("Not found");
            }
            // A page the preview renders on request may wait for a rebuild under way: not on a socket thread.
            return file.IsRendered ? Respond(context, file, path, head) : RenderThenRespond(context, file, path, head);
        }

        private async Task RenderThenRespond(HttpContext context, ServedFile file, string path, bool head)
        {
            await Task.Run(() => file.Bytes);
            await Respond(context, file, path, head);
        }

        private Task Respond(HttpContext context, ServedFile file, string path, bool head)
        {
            var request = context.Request;
            var response = context.Response;
            var headers = response.Headers;

            headers.ETag = file.ETag;
            headers.CacheControl = !production ? "no-cache" : HashedAsset(path, request) ? Immutable : Revalidate;
            if (response.StatusCode == StatusCodes.Status200OK && Matches(request.Headers.IfNoneMatch, file.ETag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            var bytes = Body(file, request, headers);
            response.ContentType = file.ContentType;
            response.ContentLength = bytes.Length;
            return head ? Task.CompletedTask : Send(response, bytes);
        }

        private void Secure(IHeaderDictionary headers)
        {
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = policy;
        }

        /// <summary>Theme assets are linked as /assets/x.css?v=HASH: the URL changes with the content, so it never goes stale.</summary>
        private static bool HashedAsset(string path, HttpRequest request) =>
            path.StartsWith("/assets/", StringComparison.Ordinal) && request.Query.ContainsKey("v");

        // Straight into Kestrel's output pipe: no response stream in between.
        private static async Task Send(HttpResponse response, byte[] bytes) => await response.BodyWriter.WriteAsync(bytes);

        /// <summary>The bytes to send: the file's own, with the preview script, or compressed for this client.</summary>
        private byte[] Body(ServedFile file, HttpRequest request, IHeaderDictionary headers)
        {
            if (file.IsCompressible) headers.Vary = "Accept-Encoding";
            if (transformHtml is not null && file.IsHtml)
                return System.Text.Encoding.UTF8.GetBytes(transformHtml(System.Text.Encoding.UTF8.GetString(file.Bytes)));
            if (!file.IsCompressible) return file.Bytes;
            var encoding = production && file.Bytes.Length > 256 ? PickEncoding(request.Headers.AcceptEncoding) : null;
            if (encoding is null) return file.Bytes;
            headers.ContentEncoding = encoding;
            return compressed.GetOrAdd((file.ETag, encoding), static (key, bytes) => Compress(bytes, key.Encoding), file.Bytes);
        }
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
