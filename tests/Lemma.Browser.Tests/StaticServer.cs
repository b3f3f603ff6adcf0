using System.Net;

namespace Lemma.Browser.Tests;

/// <summary>
/// Serves a built site on http://127.0.0.1:PORT/ the way a static host does: a folder URL serves its index.html,
/// a missing file serves /404.html with status 404, query strings (asset fingerprints) are ignored.
/// </summary>
public sealed class StaticServer : IDisposable
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".webp"] = "image/webp",
        [".ico"] = "image/x-icon",
        [".woff"] = "font/woff",
        [".woff2"] = "font/woff2",
        [".txt"] = "text/plain; charset=utf-8",
    };

    private readonly string _root;
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public Uri BaseUri { get; }

    public StaticServer(string root)
    {
        _root = Path.GetFullPath(root);
        // Ask the OS for a free port, then listen on it; retry if another process takes it in between.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            BaseUri = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(BaseUri.ToString());
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
        _loop = Task.Run(Serve);
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Respond(context));
        }
    }

    private void Respond(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var (path, status) = Resolve(Uri.UnescapeDataString(context.Request.Url!.AbsolutePath));
            response.StatusCode = status;
            response.Headers["Cache-Control"] = "no-store";
            if (path is null)
            {
                response.ContentType = "text/plain";
                response.OutputStream.Write("not found"u8);
                return;
            }
            response.ContentType = Types.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            var bytes = File.ReadAllBytes(path);
            response.ContentLength64 = bytes.Length;
            if (context.Request.HttpMethod != "HEAD") response.OutputStream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or HttpListenerException)
        {
            // The browser went away mid-response; nothing to do.
        }
        finally
        {
            try { response.Close(); } catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException) { }
        }
    }

    private (string? Path, int Status) Resolve(string urlPath)
    {
        var full = Path.GetFullPath(Path.Combine(_root, urlPath.TrimStart('/')));
        if (full.StartsWith(_root, StringComparison.Ordinal))
        {
            if (Directory.Exists(full)) full = Path.Combine(full, "index.html");
            if (File.Exists(full)) return (full, 200);
        }
        var notFound = Path.Combine(_root, "404.html");
        return (File.Exists(notFound) ? notFound : null, 404);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
