using System.Collections.Concurrent;
using Lemma.Build;
using Lemma.Server.Hosting;
using Lemma.Server.Preview;

namespace Lemma.Server.Tests;

/// <summary>Live reload keeps going whatever a save does to the build: failures show, and the next good save rebuilds.</summary>
public sealed class WatcherTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("lemma-watch-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static string Post(string body) => $"---\ntitle: A\ndate: 2024-01-01\n---\n\n{body}\n";

    [Fact]
    public async Task A_build_that_throws_is_shown_as_an_error_and_the_next_good_save_rebuilds()
    {
        Write("site.yaml", "title: Watched\nbase_url: https://example.org/\n");
        Write("content/posts/a.md", Post("First version."));
        var failing = false;
        var host = new SiteHost(new ServerOptions { Source = root, Port = 0 },
            (options, store) => failing ? throw new InvalidOperationException("injected failure") : SiteBuilder.Run(options, store: store));
        host.Rebuild();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = host.Subscribe(cancel.Token);
        var announced = 0;
        // The first announcement throws too, as a listener might: the watcher must survive that as well.
        using var watcher = new SourceWatcher(root, TimeSpan.FromMilliseconds(10), host,
            _ => { if (Interlocked.Increment(ref announced) == 1) throw new IOException("console closed"); });

        failing = true;
        Write("content/posts/a.md", Post("Second version."));
        var problem = await events.ReadAsync(cancel.Token);
        Assert.Equal("problems", problem.Kind);
        Assert.Contains("injected failure", problem.Data);
        Assert.Contains("\"failed\":true", SiteHost.Status(host.Current));
        Assert.Contains("First version.", Page(host));

        failing = false;
        Write("content/posts/a.md", Post("Third version."));
        await UntilPageShows("Third version.", host, events, cancel.Token);
        Assert.False(host.Current.Failed);
    }

    [Fact]
    public async Task A_dangling_symlink_added_while_serving_does_not_rebuild_in_a_loop_and_the_next_save_rebuilds()
    {
        Write("site.yaml", "title: Watched\nbase_url: https://example.org/\n");
        Write("content/posts/a.md", Post("First version."));
        var host = new SiteHost(new ServerOptions { Source = root, Port = 0 });
        host.Rebuild();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = host.Subscribe(cancel.Token);
        var rebuilds = new ConcurrentQueue<SiteEvent?>();
        using var watcher = new SourceWatcher(root, TimeSpan.FromMilliseconds(10), host, rebuilds.Enqueue);

        File.CreateSymbolicLink(Path.Combine(root, "content/posts/gone.md"), Path.Combine(root, "no/such/file.md"));
        await Task.Delay(TimeSpan.FromSeconds(2), cancel.Token);
        // Whatever the build makes of the link (an error, a warning or nothing), it is one rebuild, not a loop.
        Assert.InRange(rebuilds.Count, 1, 2);

        File.Delete(Path.Combine(root, "content/posts/gone.md"));
        Write("content/posts/a.md", Post("Second version."));
        await UntilPageShows("Second version.", host, events, cancel.Token);
        Assert.False(host.Current.Failed);
    }

    private static string Page(SiteHost host) => System.Text.Encoding.UTF8.GetString(host.Current.Files["posts/a/index.html"].Bytes);

    /// <summary>
    /// Waits for the reload that shows <paramref name="text"/>. A save may arrive as several file events (the delete of
    /// a link, a truncate, then the write), so earlier reloads can show an older page; only the deadline fails the test.
    /// </summary>
    private static async Task UntilPageShows(string text, SiteHost host, System.Threading.Channels.ChannelReader<SiteEvent> events, CancellationToken cancel)
    {
        while (!(Page(host).Contains(text) && !host.Current.Failed))
            await events.ReadAsync(cancel);
    }
}
