using System.Globalization;
using System.Threading.Channels;
using Lemma.Server.Comments;
using Lemma.Server.Hosting;
using Lemma.Server.Mail;
using Lemma.Server.Storage;

namespace Lemma.Server.Newsletter;

/// <summary>
/// The newsletter's work under `serve --production`, in the background, off Kestrel's threads: after each build, on
/// a timer, and when a marked post's publish moment comes (rebuilding the site then, so the post is live before it is
/// mailed), it makes the issue of each live post marked <c>newsletter: true</c> that has none, once per store; and it
/// sends every issue's due deliveries (new ones, those the mail server deferred, those a crash left half sent).
/// A post is sent on its own only when it was published at most a day before the newsletter first started on this
/// store (<see cref="SinceName"/>), so turning the newsletter on never mails the archive; docs/newsletter.md.
/// </summary>
public sealed class IssueDispatch : IAsyncDisposable
{
    /// <summary>The secrets table's row holding when the server first sent on its own here (Unix ms).</summary>
    public const string SinceName = "newsletter-auto-since";
    // A post dated by the day (midnight) and published the day the newsletter is turned on still goes out.
    private static readonly TimeSpan Grace = TimeSpan.FromDays(1);
    private readonly CommentService service;
    private readonly Database database;
    private readonly SiteHost host;
    private readonly ServerOptions options;
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stop = new();
    // Said once per start, not on every pass.
    private readonly HashSet<string> told = new(StringComparer.Ordinal);
    // Publish moments already rebuilt for: a post that stays unpublished after that (expired, a build error) is not rebuilt for again.
    private readonly HashSet<DateTimeOffset> rebuiltFor = [];
    private TaskCompletionSource passed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task loop = Task.CompletedTask;
    private Task follow = Task.CompletedTask;

    public IssueDispatch(CommentService service, Database database, SiteHost host, ServerOptions options)
    {
        this.service = service;
        this.database = database;
        this.host = host;
        this.options = options;
    }

    // When the server first sent on its own on this store (Unix ms), once read.
    private long? since;

    public void Start()
    {
        var events = host.Subscribe(stop.Token);
        follow = Task.Run(async () =>
        {
            try { await foreach (var _ in events.ReadAllAsync(stop.Token)) Wake(); }
            catch (OperationCanceledException) { }
        });
        loop = Task.Run(Loop);
    }

    /// <summary>Look again now (the site was rebuilt, or mail was queued).</summary>
    public void Wake() => wake.Writer.TryWrite(true);

    /// <summary>Completes after the next whole pass (issues made, due mail sent): for tests, which wait for it rather than for time.</summary>
    internal Task Passed() => Volatile.Read(ref passed).Task;

    private async Task Loop()
    {
        while (!stop.IsCancellationRequested)
        {
            var finished = Volatile.Read(ref passed);
            var sleep = options.NewsletterCheck;
            try
            {
                since ??= await database.Run(ReadSince);
                var nextPublish = await Publish(since.Value);
                var nextDue = await SendDue();
                if (nextPublish == TimeSpan.Zero) continue; // rebuilt for a post whose time came: look again at once
                foreach (var wait in new[] { nextPublish, nextDue })
                    if (wait is { } w && w < sleep) sleep = w;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (ObjectDisposedException) { break; }
            // The store failed (a full disk, PostgreSQL restarting): the queue keeps everything; look again later.
            catch (Exception e) when (!stop.IsCancellationRequested) { Say($"newsletter: {e.GetType().Name}: {e.Message}; trying again later"); }
            Interlocked.Exchange(ref passed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            finished.TrySetResult();
            if (sleep > TimeSpan.Zero) await Sleep(sleep);
        }
        Volatile.Read(ref passed).TrySetCanceled();
    }

    private long ReadSince(Sql sql)
    {
        if (sql.Single<string>("SELECT value FROM secrets WHERE name = @SinceName", new { SinceName }) is { } stored)
            return long.Parse(stored, CultureInfo.InvariantCulture);
        var now = Now();
        sql.Execute("INSERT INTO secrets (name, value) VALUES (@SinceName, @now)", new { SinceName, now = now.ToString(CultureInfo.InvariantCulture) });
        return now;
    }

    /// <summary>Makes the issue of each live marked post that has none; returns the wait until the next marked post's
    /// publish moment (zero after a rebuild for one whose moment came), or null when none is to come.</summary>
    private async Task<TimeSpan?> Publish(long since)
    {
        // While the site's build has errors, readers get the last good files: what is live is not what the store says.
        if (host.Current.Failed || !host.TryRead(PostIssues.Marked, "", out var marked)) return null;
        var now = options.Clock.GetUtcNow();
        TimeSpan? next = null;
        foreach (var post in marked)
        {
            if (!post.Live)
            {
                if (post.Publish is not { } at || post.Expiry <= now) continue;
                if (at > now) next = next is { } n && n < at - now ? n : at - now;
                // The served site was built before this post's moment: build it again, so the mail never links to a missing page.
                else if (rebuiltFor.Add(at))
                {
                    host.Rebuild([]);
                    return TimeSpan.Zero;
                }
                continue;
            }
            if (post.Publish is not { } publish)
            {
                Once(post.Path, $"newsletter: {post.Path} has newsletter: true but no date, so it is not sent on its own; `lemma newsletter send {post.Path}` sends it");
                continue;
            }
            if (publish.ToUnixTimeMilliseconds() < since - (long)Grace.TotalMilliseconds)
            {
                Once(post.Path, $"newsletter: {post.Path} has newsletter: true but was published before the newsletter first sent on its own "
                    + $"({DateTimeOffset.FromUnixTimeMilliseconds(since):yyyy-MM-dd}), so it is not sent on its own; `lemma newsletter send {post.Path}` sends it");
                continue;
            }
            // A post whose email had errors waits for a restart (the production server reads its files once).
            if (told.Contains("broken:" + post.Path)) continue;
            if (told.Contains("sent:" + post.Path) || await database.Run(sql => IssueQueue.OfPost(sql, post.Path).Count) > 0)
            {
                told.Add("sent:" + post.Path);
                continue;
            }
            await Create(post);
        }
        return next;
    }

    private async Task Create(MarkedPost post)
    {
        // The same email `lemma newsletter send` makes: the post as readers see it, its links at the config's base URL.
        var result = PostIssues.Email(options.Source, post.Path, unpublished: false, options.Clock);
        if (result.Email is not { } email)
        {
            told.Add("broken:" + post.Path);
            Once(post.Path, $"newsletter: {post.Path} is not sent while its email has errors (fix them and restart):\n  " + string.Join("\n  ", result.Diagnostics.Where(d => d.IsError)));
            return;
        }
        var config = service.Config;
        var from = config.Smtp.From.Length > 0 ? config.Smtp.From : config.Author.Email.Length > 0 ? config.Author.Email : "lemma@localhost";
        var host = PostIssues.MessageIdHost(from, config.BaseUrl);
        var now = Now();
        var made = await database.Run(sql => PostIssues.CreateOnce(sql, post.Path, email, host, now) is { } id ? IssueQueue.Counts(sql, id).Total : (int?)null);
        told.Add("sent:" + post.Path);
        if (made is { } count) Say($"newsletter: {post.Path} is live: sending \"{email.Subject}\" to {count} confirmed subscriber{(count == 1 ? "" : "s")}");
    }

    /// <summary>Sends the due deliveries of every unfinished issue; returns the wait until the next one is due, or null.</summary>
    private async Task<TimeSpan?> SendDue()
    {
        var open = await database.Run(sql => sql.Query<long>(
            "SELECT DISTINCT issue_id FROM newsletter_deliveries WHERE state IN ('queued', 'deferred', 'sending') ORDER BY issue_id").ToList());
        if (open.Count == 0) return null;
        long? soonest = null;
        IMailTransport? transport = null;
        try
        {
            foreach (var issue in open)
            {
                var due = await database.Run(sql => IssueQueue.NextDue(sql, issue, Now()));
                if (due == 0)
                {
                    transport ??= service.Target is { } target ? new PooledSmtpTransport(target) : new PrintedTransport(options.MailLog);
                    var sender = new IssueSender(database, transport, service.SubscriberLinks, service.BaseUrl(), options.Clock, SenderSettings.From(service.Config.Newsletter));
                    var counts = await sender.Run(issue, cancel: stop.Token);
                    Say($"newsletter: issue {issue}: {counts.Sent} sent, {counts.Deferred} deferred, {counts.Bounced} bounced, {counts.Failed} failed");
                    due = await database.Run(sql => IssueQueue.NextDue(sql, issue, Now()));
                }
                if (due is { } ms && (soonest is null || ms < soonest)) soonest = ms;
            }
        }
        finally
        {
            // Connections are not kept between passes: a mail server closes idle ones anyway.
            if (transport is IAsyncDisposable pooled) await pooled.DisposeAsync();
        }
        return soonest is { } wait ? TimeSpan.FromMilliseconds(wait) : null;
    }

    private void Once(string key, string message)
    {
        if (told.Add(key)) Say(message);
    }

    private void Say(string message)
    {
        lock (options.MailLog) options.MailLog.WriteLine(message);
        options.MailLog.Flush();
    }

    private async Task Sleep(TimeSpan time)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        timeout.CancelAfter(time);
        try
        {
            await wake.Reader.WaitToReadAsync(timeout.Token);
            wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) { }
    }

    private long Now() => options.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await loop; } catch (OperationCanceledException) { }
        try { await follow; } catch (OperationCanceledException) { }
        stop.Dispose();
    }
}
