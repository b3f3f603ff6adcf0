using Lemma.Newsletter;
using Lemma.Server.Mail;
using Lemma.Server.Storage;
using MailKit.Net.Smtp;
using static System.Net.WebUtility;

namespace Lemma.Server.Newsletter;

/// <summary>How a sender works: how many messages it has in flight at once, how long a claim holds before another
/// sender may take the row, and the wait after a first 4xx reply.</summary>
public sealed record SenderSettings(int Concurrency, TimeSpan Lease, TimeSpan FirstRetry)
{
    // One message at a time over one kept connection: measured against netDumbster it was twice as fast as four
    // connections opened per message, and a crash can send at most one message twice.
    public static readonly SenderSettings Default = new(1, TimeSpan.FromMinutes(5), IssueQueue.FirstRetry);
}

/// <summary>
/// Sends an issue's due deliveries (<see cref="IssueQueue"/>) through a transport and records each reply as it comes:
/// success → sent; an SMTP 4xx or no answer → deferred with backoff; a 5xx to the recipient → bounced, and the subscriber
/// with it; a 5xx to the message, or a message that cannot be made (a refused address) → failed. Each row is recorded on its own, so a crash resends at most
/// the messages in flight. Runs on the thread pool; the database work on the database's own thread.
/// </summary>
public sealed class IssueSender(Database database, IMailTransport transport, SubscriberLinks links, string baseUrl, TimeProvider clock, SenderSettings settings)
{
    private const int Batch = 64;

    /// <summary>Sends until no row of <paramref name="issue"/> is due now (deferred rows wait for their time);
    /// <paramref name="progress"/> hears the counts after each batch.</summary>
    public async Task<DeliveryCounts> Run(long issue, IProgress<DeliveryCounts>? progress = null, CancellationToken cancel = default)
    {
        var stored = await database.Run(sql => IssueQueue.Find(sql, issue)) ?? throw new ArgumentException($"no newsletter issue {issue}", nameof(issue));
        while (!cancel.IsCancellationRequested)
        {
            var claimed = await database.Run(sql => IssueQueue.Claim(sql, issue, Now(), settings.Lease, Batch));
            if (claimed.Count == 0) break;
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancel },
                async (delivery, token) => await Deliver(stored, delivery, token));
            progress?.Report(await database.Run(sql => IssueQueue.Counts(sql, issue)));
        }
        return await database.Run(sql => IssueQueue.Counts(sql, issue));
    }

    /// <summary>The message <paramref name="issue"/> makes for <paramref name="subscriber"/>: the issue's parts with the
    /// subscriber's own unsubscribe link in the slot, their List-Unsubscribe headers and the row's Message-ID.</summary>
    public MailMessage Message(Issue issue, Subscriber subscriber, string? messageId)
    {
        var link = links.Unsubscribe(baseUrl, subscriber);
        var html = issue.Html.Replace(HtmlEncode(PostEmail.UnsubscribeSlot), HtmlEncode(link), StringComparison.Ordinal);
        var text = issue.Text.Replace(PostEmail.UnsubscribeSlot, link, StringComparison.Ordinal);
        return new MailMessage(subscriber.Email, issue.Subject, text, html, links.Headers(baseUrl, subscriber).ListUnsubscribe, messageId);
    }

    private async Task Deliver(Issue issue, Delivery delivery, CancellationToken cancel)
    {
        MailMessage message;
        try { message = Message(issue, delivery.Subscriber, delivery.MessageId); }
        catch (Exception e) { await Record(sql => IssueQueue.Failed(sql, delivery.Id, Reply(e))); return; }
        try
        {
            await transport.Send(message, cancel);
            await Record(sql => IssueQueue.Sent(sql, delivery.Id, "250 accepted"));
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            await Record(sql => IssueQueue.Bounced(sql, delivery, Reply(e), Now()));
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
