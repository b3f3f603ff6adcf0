using Lemma.Server.Storage;

namespace Lemma.Server.Newsletter;

/// <summary>A newsletter issue as stored: a post's email, made once; each subscriber's copy differs only in its unsubscribe link.</summary>
public sealed record Issue
{
    public long Id { get; init; }
    public string Post { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Html { get; init; } = "";
    public string Text { get; init; } = "";
    public long Created { get; init; }
}

/// <summary>One claimed delivery: the row, the subscriber it goes to, and how often it was tried before.</summary>
public sealed record Delivery(long Id, Subscriber Subscriber, string MessageId, int Attempts);

/// <summary>How an issue's deliveries stand: <see cref="Waiting"/> counts the queued, the deferred and those being sent.</summary>
public sealed record DeliveryCounts(int Sent, int Deferred, int Bounced, int Failed, int Waiting)
{
    public int Total => Sent + Deferred + Bounced + Failed + Waiting;
}

/// <summary>
/// The durable queue of newsletter mail (Migrations step 9). An issue and all its deliveries are written in one piece of
/// work (and Migrations step 10 adds who claimed a row). A sender claims due rows by marking them 'sending' until a lease
/// ends; rows whose lease ended, or whose claimant is a process of this machine that is gone, are due again, so no
/// subscriber is skipped, and a message in flight at a crash is sent again with the same Message-ID. Times are Unix
/// milliseconds.
/// </summary>
public static class IssueQueue
{
    /// <summary>The wait after a first 4xx reply; each later one doubles it (<see cref="Mail.Outbox.Backoff"/>, at most 6 h).</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    /// <summary>A row deferred this many times is given up as failed.</summary>
    public const int MostAttempts = 10;

    /// <summary>
    /// Stores the issue and one queued delivery for every subscriber confirmed now; returns the issue's id. Each row's
    /// Message-ID, "issue-N.sub-M@<paramref name="host"/>", is fixed here, so a copy sent again is recognisably the same.
    /// </summary>
    public static long Create(Sql sql, string post, string subject, string html, string text, string host, long now)
    {
        var id = sql.Single<long>("""
            INSERT INTO newsletter_issues (post, subject, html, text_body, created) VALUES (@post, @subject, @html, @text, @now) RETURNING id
            """, new { post, subject, html, text, now });
        sql.Execute("""
            INSERT INTO newsletter_deliveries (issue_id, subscriber_id, state, next_attempt_at, message_id)
            SELECT @id, id, 'queued', @now, 'issue-' || @id || '.sub-' || id || '@' || @host FROM subscribers WHERE state = 'confirmed' ORDER BY id
            """, new { id, now, host });
        return id;
    }

    /// <summary>The issues made of <paramref name="post"/>, oldest first.</summary>
    public static IReadOnlyList<Issue> OfPost(Sql sql, string post) =>
        [.. sql.Query<Issue>($"SELECT {IssueColumns} FROM newsletter_issues WHERE post = @post ORDER BY id", new { post })];

    public static Issue? Find(Sql sql, long id) => sql.Single<Issue>($"SELECT {IssueColumns} FROM newsletter_issues WHERE id = @id", new { id });

    /// <summary>
    /// Claims up to <paramref name="limit"/> due rows of the issue until <paramref name="now"/> + <paramref name="lease"/>:
    /// queued or deferred rows whose time came, and rows being sent whose lease ended. A row whose subscriber left or was
    /// deleted since the issue was made is not claimed but marked failed, so no one who unsubscribed gets it. Rows claimed
    /// by a sender of this machine that is gone (<see cref="Claimant.IsGone"/>) are due at once, whatever their lease.
    /// </summary>
    public static IReadOnlyList<Delivery> Claim(Sql sql, long issue, long now, TimeSpan lease, int limit, Claimant? by = null)
    {
        // A sender killed on this machine holds its rows no longer: they are due now, not when the lease ends.
        foreach (var gone in sql.Query<string>("SELECT DISTINCT claimed_by FROM newsletter_deliveries WHERE issue_id = @issue AND state = 'sending' AND lease_until > @now AND claimed_by IS NOT NULL",
            new { issue, now }).Where(Claimant.IsGone).ToList())
            sql.Execute("UPDATE newsletter_deliveries SET lease_until = @now WHERE issue_id = @issue AND state = 'sending' AND claimed_by = @gone", new { issue, now, gone });
        const string Due = "issue_id = @issue AND ((state IN ('queued', 'deferred') AND next_attempt_at <= @now) OR (state = 'sending' AND lease_until <= @now))";
        sql.Execute($"""
            UPDATE newsletter_deliveries SET state = 'failed', lease_until = NULL, last_reply = 'not sent: no longer subscribed'
            WHERE {Due} AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.id = subscriber_id AND s.state = 'confirmed')
            """, new { issue, now });
        var rows = sql.Query<Row>($"""
            SELECT d.id AS Id, d.message_id AS MessageId, d.attempts AS Attempts, {Prefixed("s.")}
            FROM newsletter_deliveries d JOIN subscribers s ON s.id = d.subscriber_id
            WHERE d.issue_id = @issue AND ((d.state IN ('queued', 'deferred') AND d.next_attempt_at <= @now) OR (d.state = 'sending' AND d.lease_until <= @now))
            ORDER BY d.id LIMIT @limit
            """, new { issue, now, limit }).ToList();
        var claimant = by?.ToString();
        foreach (var row in rows)
            sql.Execute("UPDATE newsletter_deliveries SET state = 'sending', lease_until = @until, claimed_by = @claimant WHERE id = @Id",
                new { row.Id, until = now + (long)lease.TotalMilliseconds, claimant });
        return [.. rows.Select(r => new Delivery(r.Id, new Subscriber { Id = r.SubscriberId, Email = r.Email, Name = r.Name, Status = "confirmed" }, r.MessageId, (int)r.Attempts))];
    }

    /// <summary>The server took the message: the subscriber's address works, so its count of hard bounces starts again.</summary>
    public static void Sent(Sql sql, Delivery delivery, string reply)
    {
        sql.Execute("UPDATE newsletter_deliveries SET state = 'sent', attempts = attempts + 1, lease_until = NULL, last_reply = @reply WHERE id = @Id", new { delivery.Id, reply });
        sql.Execute("UPDATE subscribers SET hard_bounces = 0 WHERE id = @id AND hard_bounces > 0", new { id = delivery.Subscriber.Id });
    }

    /// <summary>A 4xx reply or no answer: tried again after the backoff, or failed after <see cref="MostAttempts"/>.</summary>
    public static void Deferred(Sql sql, Delivery delivery, string reply, long now, TimeSpan firstRetry)
    {
        var attempts = delivery.Attempts + 1;
        sql.Execute("""
            UPDATE newsletter_deliveries SET state = @state, attempts = @attempts, lease_until = NULL, last_reply = @reply, next_attempt_at = @next WHERE id = @Id
            """, new { delivery.Id, state = attempts >= MostAttempts ? "failed" : "deferred", attempts, reply,
                next = now + (long)Mail.Outbox.Backoff(attempts, firstRetry).TotalMilliseconds });
    }

    /// <summary>A 5xx reply to the address: this copy is bounced, and the subscriber counts one hard bounce more; at
    /// <paramref name="bounceAfter"/> in a row (a message taken in between starts the count again) it is marked bounced
    /// and mailed no more.</summary>
    public static void Bounced(Sql sql, Delivery delivery, string reply, long now, int bounceAfter)
    {
        sql.Execute("UPDATE newsletter_deliveries SET state = 'bounced', attempts = attempts + 1, lease_until = NULL, last_reply = @reply WHERE id = @Id", new { delivery.Id, reply });
        sql.Execute("""
            UPDATE subscribers SET hard_bounces = hard_bounces + 1,
                state = CASE WHEN hard_bounces + 1 >= @bounceAfter THEN 'bounced' ELSE state END,
                bounced_at = CASE WHEN hard_bounces + 1 >= @bounceAfter THEN @now ELSE bounced_at END
            WHERE id = @id AND state = 'confirmed'
            """, new { id = delivery.Subscriber.Id, now, bounceAfter });
    }

    /// <summary>A message that can never be sent as it is (an address MimeKit refuses): not tried again.</summary>
    public static void Failed(Sql sql, long id, string reply) =>
        sql.Execute("UPDATE newsletter_deliveries SET state = 'failed', attempts = attempts + 1, lease_until = NULL, last_reply = @reply WHERE id = @id", new { id, reply });

    public static DeliveryCounts Counts(Sql sql, long issue)
    {
        var by = sql.Query<(string State, long Count)>("SELECT state, COUNT(*) FROM newsletter_deliveries WHERE issue_id = @issue GROUP BY state", new { issue })
            .ToDictionary(r => r.State, r => (int)r.Count);
        return new DeliveryCounts(by.GetValueOrDefault("sent"), by.GetValueOrDefault("deferred"), by.GetValueOrDefault("bounced"),
            by.GetValueOrDefault("failed"), by.GetValueOrDefault("queued") + by.GetValueOrDefault("sending"));
    }

    /// <summary>Milliseconds until the issue's next deferred or leased row is due (0 when one is), or null when none waits.</summary>
    public static long? NextDue(Sql sql, long issue, long now) =>
        sql.Single<long?>("""
            SELECT MIN(CASE WHEN state = 'sending' THEN lease_until ELSE next_attempt_at END) FROM newsletter_deliveries
            WHERE issue_id = @issue AND state IN ('queued', 'deferred', 'sending')
            """, new { issue }) is { } at ? System.Math.Max(0, at - now) : null;

    private const string IssueColumns = "id AS Id, post AS Post, subject AS Subject, html AS Html, text_body AS Text, created AS Created";

    private static string Prefixed(string p) => $"{p}id AS SubscriberId, {p}email AS Email, {p}name AS Name";

    private sealed record Row
    {
        public long Id { get; init; }
        public string MessageId { get; init; } = "";
        public long Attempts { get; init; }
        public long SubscriberId { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
    }
}
