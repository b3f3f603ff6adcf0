using System.Threading.RateLimiting;
using Lemma.Configuration;
using Lemma.Newsletter;
using Lemma.Server.Mail;
using Lemma.Server.Storage;
using MailKit.Net.Smtp;
using static System.Net.WebUtility;

namespace Lemma.Server.Newsletter;

/// <summary>How a sender works: how many messages it has in flight at once, how long a claim holds before another
/// sender may take the row, the wait after a first 4xx reply, the most messages per second (0: no limit), and the hard
/// bounces in a row that mark a subscriber bounced.</summary>
public sealed record SenderSettings(int Concurrency, TimeSpan Lease, TimeSpan FirstRetry, int Rate = 0, int BounceAfter = 1)
{
    public static readonly SenderSettings Default = From(new NewsletterSettings());

    /// <summary>The site's newsletter: settings (concurrency, rate, bounce_after); the lease and backoff are fixed.</summary>
    public static SenderSettings From(NewsletterSettings newsletter) =>
        new(newsletter.Concurrency, TimeSpan.FromMinutes(5), IssueQueue.FirstRetry, newsletter.Rate, newsletter.BounceAfter);
}

/// <summary>
/// Sends an issue's due deliveries (<see cref="IssueQueue"/>) through a transport and records each reply as it comes:
/// success → sent; an SMTP 4xx or no answer → deferred with backoff; a 5xx to the recipient → bounced, and the subscriber
/// as <see cref="SenderSettings.BounceAfter"/> says; a 5xx to the message, or a message that cannot be made (a refused
/// address) → failed. Each row is recorded on its own as its reply comes, and a worker takes its next message only once
/// the last is recorded, so a crash resends at most <see cref="SenderSettings.Concurrency"/> messages. Rows are claimed in
/// batches as the workers need them (no worker waits for a batch to finish). Runs on the thread pool; the database work
/// on the database's own thread.
/// </summary>
public sealed class IssueSender(Database database, IMailTransport transport, SubscriberLinks links, string baseUrl, TimeProvider clock, SenderSettings settings)
{
    private readonly Claimant self = Claimant.Current();

    /// <summary>Sends until no row of <paramref name="issue"/> is due now (deferred rows wait for their time);
    /// <paramref name="progress"/> hears the counts after each batch claimed.</summary>
    public async Task<DeliveryCounts> Run(long issue, IProgress<DeliveryCounts>? progress = null, CancellationToken cancel = default)
    {
        var stored = await database.Run(sql => IssueQueue.Find(sql, issue)) ?? throw new ArgumentException($"no newsletter issue {issue}", nameof(issue));
        var template = new IssueTemplate(stored);
        using var limiter = Limiter();
        await Parallel.ForEachAsync(Due(issue, progress, cancel), new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancel },
            async (delivery, token) =>
            {
                if (limiter is not null) await Wait(limiter, token);
                await Deliver(template, delivery, token);
            });
        return await database.Run(sql => IssueQueue.Counts(sql, issue));
    }

    // A batch is what the workers send in a few seconds: claimed rows wait in memory, and a claim's lease must outlast that wait.
    private int Batch => settings.Rate > 0 ? System.Math.Clamp(settings.Rate * 10, 1, 256) : System.Math.Clamp(settings.Concurrency * 16, 64, 1024);

    private async IAsyncEnumerable<Delivery> Due(long issue, IProgress<DeliveryCounts>? progress, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            var claimed = await database.Run(sql => IssueQueue.Claim(sql, issue, Now(), settings.Lease, Batch, self));
            if (claimed.Count == 0) yield break;
            if (progress is not null) progress.Report(await database.Run(sql => IssueQueue.Counts(sql, issue)));
            foreach (var delivery in claimed) yield return delivery;
        }
    }

    // A token bucket refilled every 50 ms or so, holding no more than one refill: the rate holds over any second.
    private TokenBucketRateLimiter? Limiter()
    {
        if (settings.Rate <= 0) return null;
        var tokens = System.Math.Max(1, settings.Rate / 20);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)tokens / settings.Rate),
            QueueLimit = settings.Concurrency,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The message <paramref name="issue"/> makes for <paramref name="subscriber"/>: the issue's parts with the
    /// subscriber's own unsubscribe link in the slot, their List-Unsubscribe headers and the row's Message-ID.</summary>
    public MailMessage Message(Issue issue, Subscriber subscriber, string? messageId) => Message(new IssueTemplate(issue), subscriber, messageId);

    private MailMessage Message(IssueTemplate issue, Subscriber subscriber, string? messageId)
    {
        var link = links.Unsubscribe(baseUrl, subscriber);
        return new MailMessage(subscriber.Email, issue.Subject, issue.Text.With(link), issue.Html.With(HtmlEncode(link)), links.Headers(baseUrl, subscriber).ListUnsubscribe, messageId);
    }

    // The queue holds a place for every worker, so a wait ends with a token; the loop is for a limiter that says otherwise.
    private static async Task Wait(RateLimiter limiter, CancellationToken cancel)
    {
        while (true)
        {
            using var lease = await limiter.AcquireAsync(1, cancel);
            if (lease.IsAcquired) return;
        }
    }

    private async Task Deliver(IssueTemplate issue, Delivery delivery, CancellationToken cancel)
    {
        MailMessage message;
        try { message = Message(issue, delivery.Subscriber, delivery.MessageId); }
        catch (Exception e) { await Record(sql => IssueQueue.Failed(sql, delivery.Id, Reply(e))); return; }
        try
        {
            await transport.Send(message, cancel);
            await Record(sql => IssueQueue.Sent(sql, delivery, "250 accepted"));
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            await Record(sql => IssueQueue.Bounced(sql, delivery, Reply(e), Now(), settings.BounceAfter));
        }
        // A 5xx to the message itself (content refused) is final for this copy, not a verdict on the address. Any other
        // 5xx (the sender refused, a login required) is the setup's and would bounce every subscriber: it is deferred below.
        catch (Exception e) when (e is FormatException || e is SmtpCommandException { ErrorCode: SmtpErrorCode.MessageNotAccepted } smtp && (int)smtp.StatusCode >= 500)
        {
            await Record(sql => IssueQueue.Failed(sql, delivery.Id, Reply(e)));
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            // A 4xx, a dropped connection, a server that is down: the row waits and is tried again.
            await Record(sql => IssueQueue.Deferred(sql, delivery, Reply(e), Now(), settings.FirstRetry));
        }
    }

    private Task Record(Action<Sql> work) => database.Run(sql => { work(sql); return 0; });

    private static string Reply(Exception e) =>
        e is SmtpCommandException smtp ? $"{(int)smtp.StatusCode} {smtp.Message}" : $"{e.GetType().Name}: {e.Message}";

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
