using System.Threading.Channels;
using Lemma.Server.Storage;

namespace Lemma.Server.Mail;

/// <summary>
/// Drains the outbox in the background: whatever is due is sent, one message at a time; a failure is recorded and
/// retried later (<see cref="Outbox"/>). A request that queues mail only calls <see cref="Wake"/>, so it never waits for
/// the mail server. Another instance on the same database may send the same message twice at worst, never lose it.
/// </summary>
public sealed class MailSender : IAsyncDisposable
{
    // Looked at again at least this often, for mail another instance queued or a clock that moved.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);
    private readonly Database database;
    private readonly IMailTransport transport;
    private readonly TimeProvider clock;
    private readonly TimeSpan firstRetry;
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stop = new();
    private Task loop = Task.CompletedTask;

    public MailSender(Database database, IMailTransport transport, TimeProvider clock, TimeSpan firstRetry)
    {
        this.database = database;
        this.transport = transport;
        this.clock = clock;
        this.firstRetry = firstRetry;
    }

    public void Start() => loop = Task.Run(Loop);

    /// <summary>Mail was queued: look at the outbox now.</summary>
    public void Wake() => wake.Writer.TryWrite(true);

    private async Task Loop()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var due = await database.Run(sql => Outbox.Due(sql, Now(), 20));
                foreach (var mail in due)
                {
                    try
                    {
                        await transport.Send(mail.Message, stop.Token);
                        await database.Run(sql => { Outbox.Sent(sql, mail.Id, Now()); return 0; });
                    }
                    catch (Exception e) when (!stop.IsCancellationRequested)
                    {
                        var error = $"{e.GetType().Name}: {e.Message}";
                        await database.Run(sql => { Outbox.Failed(sql, mail.Id, mail.Attempts, error, Now(), firstRetry); return 0; });
                    }
                }
                if (due.Count == 20) continue;
                var next = await database.Run(sql => Outbox.NextDue(sql, Now()));
                var sleep = next is { } ms ? TimeSpan.FromMilliseconds(System.Math.Min(ms, LongestSleep.TotalMilliseconds)) : LongestSleep;
                if (sleep > TimeSpan.Zero) await Sleep(sleep);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (ObjectDisposedException) { return; }
            // The database failed (a full disk, a lock held too long): the mail stays queued; look again later.
            catch (Exception) when (!stop.IsCancellationRequested) { await Sleep(firstRetry); }
        }
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
        catch (OperationCanceledException) when (!stop.IsCancellationRequested) { }
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await loop; } catch (OperationCanceledException) { }
        stop.Dispose();
    }
}
