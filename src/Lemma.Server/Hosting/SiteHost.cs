using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Lemma.Build;
using Lemma.Diagnostics;
using Lemma.Model;
using Lemma.Output;

namespace Lemma.Server.Hosting;

/// <summary>What a connected browser is told after a rebuild: reload, swap stylesheets, or show build problems.</summary>
public sealed record SiteEvent(string Kind, long Version, string Data);

/// <summary>
/// Holds the current <see cref="SiteSnapshot"/> and rebuilds it on demand, one build at a time. A failed build keeps
/// the last good files and carries its diagnostics, so readers keep a page while the writer fixes the error; so does a
/// build that throws, with the exception as its one error.
/// </summary>
public sealed partial class SiteHost : IPendingPages
{
    private readonly ServerOptions options;
    private readonly Func<BuildOptions, BuildStore, BuildResult> build;
    private readonly Lock gate = new();
    private readonly List<Channel<SiteEvent>> subscribers = [];
    private readonly SemaphoreSlim building = new(1, 1);
    // Rebuilds asked for and not yet under way: the background rendering stops for them (see Fill).
    private int rebuildsWaiting;
    // Held while the store is used: by a build, and by a page rendered on request or by the background fill.
    private readonly Lock storeGate = new();
    private SiteSnapshot current = SiteSnapshot.Empty;
    private long version;
    private readonly BuildStore store;

    public SiteHost(ServerOptions options) : this(options, static (o, store) => SiteBuilder.Run(o, store: store)) { }

    /// <summary>With another build in place of <see cref="SiteBuilder.Run(BuildOptions, IProgress{string}?, BuildStore?)"/>, for tests;
    /// <paramref name="store"/> may forget some reads (see <see cref="BuildStore.Forgets"/>);
    /// <paramref name="fills"/> false leaves pending pages to be rendered on request only.</summary>
    internal SiteHost(ServerOptions options, Func<BuildOptions, BuildStore, BuildResult> build, BuildStore? store = null, bool fills = true)
    {
        this.options = options;
        this.build = build;
        this.store = store ?? new BuildStore();
        this.fills = fills;
    }

    private readonly bool fills;

    /// <summary>Page bodies the rebuilds did not render again, in all.</summary>
    public long ReusedContent => store.Memo.Counts.Reused(SiteQueries.Rendered.Name);

    /// <summary>Pages the last rebuild served as they were, not rendered through the templates again.</summary>
    public int ReusedPages => Current.KeptPages;

    public SiteSnapshot Current => Volatile.Read(ref current);

    /// <summary>The base URL pages are built with: the server's own address, so links work locally.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1/";

    /// <summary>Stage timings of the last rebuild, ending with the swap of the served files ("snapshot").</summary>
    public ImmutableArray<StageTiming> LastTimings { get; private set; } = [];

    /// <summary>Tells the next rebuild a post's approved comments (by its site path).</summary>
    public void SetComments(string post, IEnumerable<Lemma.Model.ReaderComment> approved) => store.SetComments(post, approved);

    /// <summary>Rebuilds the site. <paramref name="changed"/> lists the files (relative to the site root) written,
    /// created or deleted since the last rebuild, so only what they reach is redone; null means anything may have changed.</summary>
    public SiteEvent? Rebuild(IEnumerable<string>? changed = null)
    {
        if (changed is null) store.ChangedUnknown();
        else store.Changed(changed);
        Interlocked.Increment(ref rebuildsWaiting);
        building.Wait();
        try
        {
            var before = Current;
            SiteSnapshot next;
            try
            {
                lock (storeGate)
                {
                    Interlocked.Decrement(ref rebuildsWaiting);
                    var result = build(BuildOptions(), store);
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    next = result.Succeeded
                        ? SiteSnapshot.From(result.Files, result.Diagnostics, Interlocked.Increment(ref version), before, this)
                        : before with { Errors = result.Diagnostics, Version = Interlocked.Increment(ref version) };
                    LastTimings = result.Timings.Add(new StageTiming("snapshot", clock.Elapsed));
                }
            }
            catch (Exception e)
            {
                next = Stopped(before, e);
            }
            var message = Swap(before, next);
            // After an edit (not the first build), the background rendering waits for the writer to pause.
            if (!ReferenceEquals(before, SiteSnapshot.Empty)) Volatile.Write(ref quietFrom, Environment.TickCount64 + (long)FillPause.TotalMilliseconds);
            if (fills && next.Unrendered.Any(f => f.IsHtml)) _ = Task.Run(() => Fill(next));
            return message;
        }
        finally
        {
            building.Release();
        }
    }

    OutputFile? IPendingPages.Rendered(string key) => store.RenderedPage(key);

    IReadOnlySet<string>? IPendingPages.TakeReached() => store.TakeReachedPages();

    byte[]? IPendingPages.RenderFile(string path)
    {
        try
        {
            lock (storeGate) return store.RenderPage(path).File?.Bytes;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Report(Diagnostic.Error(SourceSpan.File("(build)"), $"{path} could not be made: {e.GetType().Name}: {e.Message}"));
            return null;
        }
    }

    byte[] IPendingPages.Render(string key, ServedFile? lastGood)
    {
        (OutputFile? File, Diagnostic? Error) page;
        try
        {
            lock (storeGate) page = store.RenderPage(key);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A page of a snapshot a later build replaced (the page is gone), or a bug: never a stack trace to the reader.
            page = (null, Diagnostic.Error(SourceSpan.File("(build)"), $"{key} could not be rendered: {e.GetType().Name}: {e.Message}"));
        }
        if (page.File?.Bytes is { } bytes) return bytes;
        if (page.Error is { } error) Report(error);
        return lastGood is { IsRendered: true } ? lastGood.Bytes
            : System.Text.Encoding.UTF8.GetBytes($"<!doctype html><meta charset=\"utf-8\"><title>Build problem</title><pre>{System.Net.WebUtility.HtmlEncode(page.Error?.ToString() ?? key + " was not rendered")}</pre>");
    }

    /// <summary>A template's error found while rendering a page after its build: shown as the build's (overlay, console,
    /// /_lemma/status) until the next build, which renders that page again.</summary>
    private void Report(Diagnostic error)
    {
        lock (gate)
        {
            var now = Current;
            if (now.Errors.Contains(error)) return;
            Volatile.Write(ref current, now with { Errors = now.Errors.Add(error), Version = Interlocked.Increment(ref version) });
        }
        Publish(new SiteEvent("problems", Current.Version, Status(Current)));
    }

    /// <summary>How long the background rendering waits after an edit's rebuild: a writer saving again and again is not
    /// slowed by it (its rendering, and the memory it frees, cost an edit made meanwhile several times its own rebuild).</summary>
    private static readonly TimeSpan FillPause = TimeSpan.FromSeconds(1);

    // When the background rendering may go on (Environment.TickCount64).
    private long quietFrom;

    /// <summary>Renders, one at a time, the pages a build left pending that no browser has asked for yet, so the next
    /// page opened is ready and template errors show without a visit; pauses while the writer is saving (<see cref="FillPause"/>
    /// after each edit) and stops once a newer build is served. Feeds, the
    /// sitemap and llms.txt wait to be asked for: made here, each would be a value every later edit brings up to date
    /// (llms.txt reads every page), for files a preview seldom serves.</summary>
    private async Task Fill(SiteSnapshot snapshot)
    {
        foreach (var file in snapshot.Unrendered.Where(f => f.IsHtml))
        {
            while (Volatile.Read(ref quietFrom) - Environment.TickCount64 is var wait and > 0)
                await Task.Delay(TimeSpan.FromMilliseconds(wait)).ConfigureAwait(false);
            // A newer build serves other files (errors found meanwhile keep these), or an edit waits for the store this
            // rendering holds page by page: that rebuild renders in the background what is still to be rendered.
            if (!ReferenceEquals(Current.Files, snapshot.Files) || Volatile.Read(ref rebuildsWaiting) > 0) return;
            _ = file.Bytes;
        }
    }

    /// <summary>
    /// A value of the last build's store (a post's newsletter email), once the build under way, if any, is done: what
    /// `serve` shows beside the site comes from the same memo, never from a second build. False before the first build.
    /// </summary>
    public bool TryRead<TKey, TValue>(Lemma.Incremental.Query<TKey, TValue> query, TKey key, out TValue value) where TKey : notnull
    {
        building.Wait();
        try
        {
            value = default!;
            lock (storeGate)
            {
                if (store.Memo.Peek(BuildInputs.Options, "") is null) return false;
                value = store.Memo.Get(query, key);
            }
            return true;
        }
        finally
        {
            building.Release();
        }
    }

    /// <summary>Shows <paramref name="exception"/> as the build's error (in the overlay, /_lemma/status and on the console),
    /// keeping the last good files: for what fails outside a build, such as the watcher itself.</summary>
    public SiteEvent? Fail(Exception exception)
    {
        building.Wait();
        try
        {
            var before = Current;
            return Swap(before, Stopped(before, exception));
        }
        finally
        {
            building.Release();
        }
    }

    /// <summary>A build that threw (a bug, or a file that vanished while it was read): the last good files, the exception
    /// as the one error, and a full rebuild next time, since the store may hold half of this build.</summary>
    private SiteSnapshot Stopped(SiteSnapshot before, Exception exception)
    {
        store.ChangedUnknown();
        LastTimings = [];
        while (exception is AggregateException { InnerExceptions: [var only] }) exception = only;
        var path = exception is FileNotFoundException { FileName: { } file } && Path.IsPathFullyQualified(file)
            ? Path.GetRelativePath(options.Source, file).Replace('\\', '/')
            : "(build)";
        var error = Diagnostic.Error(SourceSpan.File(path), $"the build stopped: {exception.GetType().Name}: {exception.Message}");
        return before with { Errors = [error], Version = Interlocked.Increment(ref version) };
    }

    private SiteEvent? Swap(SiteSnapshot before, SiteSnapshot next)
    {
        Volatile.Write(ref current, next);
        var message = Describe(before, next);
        if (message is not null) Publish(message);
        return message;
    }

    /// <summary>The options of every rebuild: in memory, drafts and future posts shown in preview.</summary>
    public BuildOptions BuildOptions() => new()
    {
        Source = options.Source,
        Output = Path.Combine(options.Source, "public"),
        Emit = false,
        Drafts = !options.Production,
        Future = !options.Production,
        Preview = !options.Production,
        DeferPages = !options.Production,
        BaseUrl = BaseUrl,
        Clock = options.Clock,
    };

    private static SiteEvent? Describe(SiteSnapshot before, SiteSnapshot next)
    {
        if (next.Failed || before.Failed != next.Failed)
            return new SiteEvent(next.Failed ? "problems" : "reload", next.Version, Status(next));
        var changed = next.Changed;
        if (changed.Count == 0) return null;
        return new SiteEvent(OnlyStyles(changed, before, next) ? "css" : "reload", next.Version, System.Text.Json.JsonSerializer.Serialize(changed));
    }

    /// <summary>
    /// True when only stylesheets changed. Pages that link a stylesheet by content hash (?v=...) change with it;
    /// they count as unchanged when nothing but those hashes differ.
    /// </summary>
    private static bool OnlyStyles(IReadOnlyList<string> changed, SiteSnapshot before, SiteSnapshot next)
    {
        if (!changed.Any(p => p.EndsWith(".css", StringComparison.Ordinal))) return false;
        foreach (var path in changed)
        {
            if (path.EndsWith(".css", StringComparison.Ordinal)) continue;
            if (!before.Files.TryGetValue(path, out var old) || !next.Files.TryGetValue(path, out var now)) return false;
            if (!(path.EndsWith(".html", StringComparison.Ordinal) || path.EndsWith(".xml", StringComparison.Ordinal))) return false;
            var a = VersionQuery().Replace(System.Text.Encoding.UTF8.GetString(old.Bytes), "");
            var b = VersionQuery().Replace(System.Text.Encoding.UTF8.GetString(now.Bytes), "");
            if (a != b) return false;
        }
        return true;
    }

    [GeneratedRegex(@"\?v=[0-9a-f]+")]
    private static partial Regex VersionQuery();

    /// <summary>The build's diagnostics as JSON for the browser overlay.</summary>
    public static string Status(SiteSnapshot snapshot) => System.Text.Json.JsonSerializer.Serialize(new
    {
        version = snapshot.Version,
        failed = snapshot.Failed,
        diagnostics = snapshot.Errors.Select(d => new
        {
            path = d.Span.Path,
            line = d.Span.Line,
            column = d.Span.Column,
            severity = d.IsError ? "error" : "warning",
            message = d.Message,
            text = d.ToString(),
        }),
    });

    public ChannelReader<SiteEvent> Subscribe(CancellationToken cancel)
    {
        var channel = Channel.CreateBounded<SiteEvent>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (gate) subscribers.Add(channel);
        cancel.Register(() =>
        {
            lock (gate) subscribers.Remove(channel);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public int Subscribers { get { lock (gate) return subscribers.Count; } }

    private void Publish(SiteEvent message)
    {
        ImmutableArray<Channel<SiteEvent>> targets;
        lock (gate) targets = [.. subscribers];
        foreach (var s in targets) s.Writer.TryWrite(message);
    }
}
