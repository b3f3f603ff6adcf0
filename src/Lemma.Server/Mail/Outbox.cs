using Lemma.Server.Storage;

namespace Lemma.Server.Mail;

/// <summary>
/// The durable queue of mail: a message is written in the same transaction as what caused it, and leaves only when the
/// mail server took it. A failed send is tried again later (30 s, doubling, at most 6 h apart), for ever: the writer
/// sees in <c>last_error</c> why it waits, and nothing is dropped.
/// </summary>
public static class Outbox
{
    /// <summary>The wait after a first failure; each later failure doubles it.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    public static void Enqueue(Sql sql, MailMessage message, long now) =>
        sql.Execute("""
            INSERT INTO outbox (recipient, subject, text_body, html_body, created, next_attempt, unsubscribe)
            VALUES (@To, @Subject, @Text, @Html, @now, @now, @Unsubscribe)
            """, new { message.To, message.Subject, message.Text, message.Html, now, message.Unsubscribe });

    /// <summary>Unsent mail whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    public static IReadOnlyList<QueuedMail> Due(Sql sql, long now, int limit) =>
        [.. sql.Query<Row>("""
            SELECT id AS Id, recipient AS Recipient, subject AS Subject, text_body AS TextBody, html_body AS HtmlBody, attempts AS Attempts, unsubscribe AS Unsubscribe
            FROM outbox WHERE sent IS NULL AND next_attempt <= @now ORDER BY id LIMIT @limit
            """, new { now, limit })
            .Select(r => new QueuedMail(r.Id, new MailMessage(r.Recipient, r.Subject, r.TextBody, r.HtmlBody, r.Unsubscribe), (int)r.Attempts))];

    /// <summary>Milliseconds until the next unsent mail is due (0 when one is), or null when none waits.</summary>
    public static long? NextDue(Sql sql, long now) =>
        sql.Single<long?>("SELECT MIN(next_attempt) FROM outbox WHERE sent IS NULL") is { } at ? System.Math.Max(0, at - now) : null;

    public static void Sent(Sql sql, long id, long now) =>
        sql.Execute("UPDATE outbox SET sent = @now, attempts = attempts + 1, last_error = NULL WHERE id = @id", new { id, now });

    public static void Failed(Sql sql, long id, int attempts, string error, long now, TimeSpan firstRetry) =>
        sql.Execute("UPDATE outbox SET attempts = @tries, last_error = @error, next_attempt = @next WHERE id = @id",
            new { id, tries = attempts + 1, error, next = now + (long)Backoff(attempts + 1, firstRetry).TotalMilliseconds });

    /// <summary>Deletes mail sent before <paramref name="before"/> (it holds readers' words and the writer's address); returns how many.</summary>
    public static int Forget(Sql sql, long before) => sql.Execute("DELETE FROM outbox WHERE sent IS NOT NULL AND sent < @before", new { before });

    /// <summary>The wait after the <paramref name="failures"/>th failure: <paramref name="first"/>, twice that, four times, ... at most 6 h.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan first) =>
        TimeSpan.FromTicks(System.Math.Min(LongestWait.Ticks, first.Ticks << System.Math.Min(failures - 1, 20)));

    private sealed record Row
    {
        public long Id { get; init; }
        public string Recipient { get; init; } = "";
        public string Subject { get; init; } = "";
        public string TextBody { get; init; } = "";
        public string HtmlBody { get; init; } = "";
        public long Attempts { get; init; }
        public string? Unsubscribe { get; init; }
    }
}
