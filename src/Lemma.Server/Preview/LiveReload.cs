using System.Reflection;
using Lemma.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lemma.Server.Preview;

/// <summary>
/// The preview's side channel, under /_lemma/: a server-sent event stream that tells the page to reload, swap its
/// stylesheets or show build problems; the small script that listens; and the current build status.
/// </summary>
public static class LiveReload
{
    public const string ScriptPath = "/_lemma/preview.js";
    private const string ScriptTag = "<script src=\"" + ScriptPath + "\" defer></script>";

    private static readonly byte[] Script = ReadScript();

    /// <summary>Adds the preview script to a page, before &lt;/body&gt; (or at the end).</summary>
    public static string Inject(string html)
    {
        var at = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html + ScriptTag : html.Insert(at, ScriptTag);
    }

    public static void MapLiveReload(this WebApplication app, SiteHost host)
    {
        app.MapGet(ScriptPath, () => Results.Bytes(Script, "text/javascript; charset=utf-8"));
        app.MapGet("/_lemma/status", () => Results.Text(SiteHost.Status(host.Current), "application/json; charset=utf-8"));
        app.MapGet("/_lemma/events", async (HttpContext context) =>
        {
            // The stream ends when the browser leaves or the server stops, so shutdown never waits on it.
            var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            var cancel = linked.Token;
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var events = host.Subscribe(cancel);
            await context.Response.WriteAsync($"event: hello\ndata: {host.Current.Version}\n\n", cancel);
            await context.Response.Body.FlushAsync(cancel);
            try
            {
                while (!cancel.IsCancellationRequested)
                {
                    using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                    beat.CancelAfter(TimeSpan.FromSeconds(15));
                    try
                    {
                        if (!await events.WaitToReadAsync(beat.Token)) break;
                        while (events.TryRead(out var e))
                            await context.Response.WriteAsync($"event: {e.Kind}\nid: {e.Version}\ndata: {e.Data}\n\n", cancel);
                    }
                    catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                    {
                        await context.Response.WriteAsync(": keep-alive\n\n", cancel);
                    }
                    await context.Response.Body.FlushAsync(cancel);
                }
            }
            catch (OperationCanceledException) { }
        });
    }

    private static byte[] ReadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("preview.js")!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
