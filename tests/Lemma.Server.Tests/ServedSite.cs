using System.Net;
using Lemma.Server;

namespace Lemma.Server.Tests;

/// <summary>A temporary site served by a real <see cref="LemmaServer"/> on a free port, with an HTTP client and its event stream.</summary>
public sealed class ServedSite : IAsyncDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("lemma-serve-").FullName;
    public LemmaServer Server { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public static async Task<ServedSite> Start(IReadOnlyDictionary<string, string> files, bool production = false, Func<ServerOptions, ServerOptions>? configure = null)
    {
        var site = new ServedSite();
        foreach (var (path, text) in files) site.Write(path, text);
        await site.Serve(production, configure);
        return site;
    }

    /// <summary>Stops the server and starts a new one on the same folder (what a restart of `lemma serve` does).</summary>
    public async Task Restart(bool production = false, Func<ServerOptions, ServerOptions>? configure = null)
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Serve(production, configure);
    }

    private async Task Serve(bool production, Func<ServerOptions, ServerOptions>? configure)
    {
        var options = new ServerOptions { Source = Root, Port = 0, Production = production };
        Server = LemmaServer.Create(configure is null ? options : configure(options));
        await Server.StartAsync();
        // Under preview, the pages are rendered in the background after the first build, and an edit announces only the
        // pages rendered (those a browser may show): each test starts once they are, as a writer's browser finds them.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Server.Host.Current.Unrendered.Any(f => f.IsHtml) && DateTime.UtcNow < deadline) await Task.Delay(10);
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = Server.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public Task<string> Get(string path) => Http.GetStringAsync(path);

    /// <summary>Opens /_lemma/events and returns a reader of (event, data) pairs.</summary>
    public async Task<EventStream> Events()
    {
        var response = await Http.GetAsync("_lemma/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = new EventStream(new StreamReader(await response.Content.ReadAsStreamAsync()));
        Assert.Equal("hello", (await stream.Next()).Event);
        return stream;
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

public sealed class EventStream(StreamReader reader)
{
    /// <summary>The next event, or a failure after <paramref name="seconds"/>.</summary>
    public async Task<(string Event, string Data)> Next(int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        string? name = null;
        var data = "";
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("event stream closed");
            if (line.Length == 0)
            {
                if (name is not null) return (name, data);
                continue;
            }
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }
    }
}
