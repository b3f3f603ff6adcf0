using System.Threading.Channels;
using Lemma.Server.Hosting;

namespace Lemma.Server.Preview;

/// <summary>
/// Watches the site's folder and rebuilds after a quiet period, so an editor's burst of writes (temp file, rename,
/// write) is one rebuild. Output and cache folders, version control and editor swap files are ignored. Nothing that
/// goes wrong stops the watching: a failure is shown like a build error, and the next save rebuilds.
/// </summary>
public sealed class SourceWatcher : IDisposable
{
    private readonly FileSystemWatcher watcher;
    private readonly SiteHost host;
    private readonly Action<SiteEvent?>? rebuilt;
    private readonly Channel<string> events = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource stop = new();
    private int disposed;
    private readonly Task loop;

    public SourceWatcher(string root, TimeSpan debounce, SiteHost host, Action<SiteEvent?>? rebuilt = null)
    {
        this.host = host;
        this.rebuilt = rebuilt;
        watcher = new FileSystemWatcher(root) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        FileSystemEventHandler onChange = (_, e) => Offer(root, e.FullPath);
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, e) => { Offer(root, e.OldFullPath); Offer(root, e.FullPath); };
        watcher.Error += (_, e) => OnError(e.GetException());
        watcher.EnableRaisingEvents = true;
        loop = Task.Run(() => Watch(debounce, stop.Token));
    }

    /// <summary>Stands for "anything may have changed".</summary>
    private const string Overflow = "\0";

    private async Task Watch(TimeSpan debounce, CancellationToken token)
    {
        try
        {
            while (await events.Reader.WaitToReadAsync(token))
            {
                // Coalesce: wait until no event arrived for one debounce period.
                var changed = new HashSet<string>(StringComparer.Ordinal);
                var unknown = false;
                while (true)
                {
                    while (events.Reader.TryRead(out var path)) unknown |= !Collect(changed, path);
                    await Task.Delay(debounce, token);
                    if (!events.Reader.TryRead(out var late)) break;
                    unknown |= !Collect(changed, late);
                }
                Rebuild(unknown ? null : changed);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>One rebuild, announced. A failure is not retried here: the same files would fail the same way, in a loop;
    /// the next save (whose event the failure may already have queued, if a file vanished mid-build) rebuilds.</summary>
    private void Rebuild(HashSet<string>? changed)
    {
        SiteEvent? result;
        try { result = host.Rebuild(changed); }
        catch (Exception e) { result = host.Fail(e); }
        Announce(result);
    }

    private void Announce(SiteEvent? result)
    {
        try { rebuilt?.Invoke(result); }
        catch (Exception e) { host.Fail(e); } // the listener failed (say, its console closed): the overlay still shows it
    }

    /// <summary>The watcher's buffer overflowed (events were lost, so the next rebuild cannot trust the list of changes),
    /// or the watcher itself failed: show that, and watch again.</summary>
    private void OnError(Exception error)
    {
        if (error is not InternalBufferOverflowException)
        {
            Announce(host.Fail(error));
            try { watcher.EnableRaisingEvents = true; }
            catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        }
        events.Writer.TryWrite(Overflow);
    }

    private static bool Collect(HashSet<string> changed, string path)
    {
        if (path == Overflow) return false;
        changed.Add(path);
        return true;
    }

    private void Offer(string root, string fullPath)
    {
        var rel = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
        if (Ignored(rel)) return;
        events.Writer.TryWrite(rel);
    }

    /// <summary>Paths whose changes never affect the site.</summary>
    public static bool Ignored(string relativePath)
    {
        var first = relativePath.Split('/')[0];
        if (first is "public" or ".lemma" or ".git" or "node_modules" or "resources") return true;
        var name = Path.GetFileName(relativePath);
        return name.StartsWith(".#", StringComparison.Ordinal) || name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal)
            || name.EndsWith(".swx", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.Ordinal) || name == "4913"
            || name.EndsWith(".lemma-tmp", StringComparison.Ordinal)
            // The comment database (data/comments.db and its -wal, -shm, -journal files) changes on every comment.
            || name.EndsWith(".db", StringComparison.Ordinal) || name.EndsWith(".db-wal", StringComparison.Ordinal)
            || name.EndsWith(".db-shm", StringComparison.Ordinal) || name.EndsWith(".db-journal", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        // The server may be disposed from a test's teardown and its own shutdown at once: the second call does nothing.
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        watcher.Dispose();
        stop.Cancel();
        events.Writer.TryComplete();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        stop.Dispose();
    }
}
