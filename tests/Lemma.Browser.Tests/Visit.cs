using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Lemma.Browser.Tests;

/// <summary>
/// One browser context and page, with everything that went wrong recorded: console errors, script errors, requests
/// that failed or got an error status, and requests for anything outside the local server (which are blocked).
/// </summary>
public sealed class Visit : IAsyncDisposable
{
    private readonly Uri _base;

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public ConcurrentQueue<string> ConsoleErrors { get; } = new();
    public ConcurrentQueue<string> FailedRequests { get; } = new();
    public ConcurrentQueue<string> ExternalRequests { get; } = new();
    public ConcurrentQueue<IResponse> Responses { get; } = new();

    /// <summary>The URL whose 404 status is expected (the not-found page itself).</summary>
    public string? Expected404 { get; set; }

    internal Visit(IBrowserContext context, IPage page, Uri baseUri)
    {
        Context = context;
        Page = page;
        _base = baseUri;
    }

    internal async Task WatchAsync()
    {
        // Every request goes through this route: local ones proceed, any other is recorded and never sent.
        await Context.RouteAsync("**/*", async route =>
        {
            if (IsLocal(route.Request.Url)) await route.ContinueAsync();
            else
            {
                ExternalRequests.Enqueue(route.Request.Url);
                await route.AbortAsync("blockedbyclient");
            }
        });
        Page.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            // Chromium reports the expected status of the not-found page as a console error; nothing else is excused.
            if (Expected404 is not null && message.Location.StartsWith(Expected404, StringComparison.Ordinal) && message.Text.Contains("404", StringComparison.Ordinal)) return;
            ConsoleErrors.Enqueue($"{message.Text} ({message.Location})");
        };
        Page.PageError += (_, error) => ConsoleErrors.Enqueue("uncaught: " + error);
        Page.RequestFailed += (_, request) =>
        {
            if (IsLocal(request.Url)) FailedRequests.Enqueue($"{request.Url}: {request.Failure}");
        };
        Page.Response += (_, response) =>
        {
            Responses.Enqueue(response);
            if (response.Status >= 400 && response.Url != Expected404) FailedRequests.Enqueue($"{response.Url}: HTTP {response.Status}");
        };
    }

    private bool IsLocal(string url)
    {
        if (url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal)) return true;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme == _base.Scheme && uri.Host == _base.Host && uri.Port == _base.Port;
    }

    public string Url(string path) => new Uri(_base, path).ToString();

    /// <summary>Opens a page and waits until the network is idle and the web fonts it asked for are ready.</summary>
    public async Task<IResponse?> GoAsync(string path)
    {
        var response = await Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        return response;
    }

    /// <summary>Everything recorded, one problem a line; empty when the page loaded cleanly.</summary>
    public string Problems()
    {
        var lines = ConsoleErrors.Select(e => "console: " + e)
            .Concat(FailedRequests.Select(f => "failed: " + f))
            .Concat(ExternalRequests.Select(x => "external: " + x));
        return string.Join("\n", lines);
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
