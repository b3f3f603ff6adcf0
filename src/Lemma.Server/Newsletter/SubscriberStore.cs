using Lemma.Configuration;
using Lemma.Server.Mail;
using Lemma.Server.Storage;

namespace Lemma.Server.Newsletter;

/// <summary>What became of a subscribe request: taken (whatever the address's state: the answer is the same), or refused
/// because its sender's address asked too often.</summary>
public enum SubscribeOutcome { Taken, TooMany }

/// <summary>What an import did: rows added, rows already there (left as they were, unless the file says the address left).</summary>
public sealed record ImportCount(int Added, int Kept, int MarkedGone);

/// <summary>
/// The newsletter's subscribers in the server's store. Every change is one piece of database work, so a subscribe request,
/// its rate-limit count and its mail are stored together or not at all (the mail in the outbox, as comments' are).
/// </summary>
public sealed class SubscriberStore(Database database, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A reader asks to subscribe <paramref name="email"/>. Refused when the address (hash) asked <c>per_ip</c> times in 10
    /// minutes. Otherwise the address becomes pending unless it is confirmed already, and <paramref name="mail"/> makes the one
    /// mail this may cause (a confirmation link, or a note to a confirmed subscriber), at most once per
    /// <c>mail_every_hours</c> per email: so the form can neither flood an inbox nor tell a stranger who subscribed.
    /// </summary>
    public Task<SubscribeOutcome> Request(string email, string name, string addressHash, NewsletterSettings settings, Func<Subscriber, MailMessage> mail) =>
        database.Run(sql =>
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (sql.Single<long>("SELECT COUNT(*) FROM subscribe_requests WHERE ip_hash = @addressHash AND at > @since",
                    new { addressHash, since = now - (long)Window.TotalMilliseconds }) >= settings.PerIpPer10Minutes)
                return SubscribeOutcome.TooMany;
            var mailedRecently = sql.Single<long>("SELECT COUNT(*) FROM subscribe_requests WHERE email = @email AND at > @since",
                new { email, since = now - (long)TimeSpan.FromHours(settings.MailEveryHours).TotalMilliseconds }) > 0;
            sql.Execute("INSERT INTO subscribe_requests (email, ip_hash, at) VALUES (@email, @addressHash, @now)", new { email, addressHash, now });
            sql.Execute("""
                INSERT INTO subscribers (email, name, state, source, created, requested) VALUES (@email, @name, 'pending', 'form', @now, @now)
                ON CONFLICT (email) DO UPDATE SET state = 'pending', requested = @now,
                    name = CASE WHEN @name = '' THEN subscribers.name ELSE @name END
                WHERE subscribers.state <> 'confirmed'
                """, new { email, name, now });
            var row = sql.Single<Subscriber>($"SELECT {Subscriber.Columns} FROM subscribers WHERE email = @email", new { email })!;
            if (!mailedRecently) Outbox.Enqueue(sql, mail(row), now);
            return SubscribeOutcome.Taken;
        });

    public Task<Subscriber?> Find(long id) =>
        database.Run(sql => sql.Single<Subscriber>($"SELECT {Subscriber.Columns} FROM subscribers WHERE id = @id", new { id }));

    /// <summary>Confirms a pending subscriber and queues <paramref name="welcome"/> in the same work; null when it was not
    /// pending (confirmed already, unsubscribed since, gone).</summary>
    public Task<Subscriber?> Confirm(long id, string email, Func<Subscriber, MailMessage> welcome) => database.Run(sql =>
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (sql.Execute("UPDATE subscribers SET state = 'confirmed', confirmed_at = @now WHERE id = @id AND email = @email AND state = 'pending'",
                new { id, email, now }) == 0)
            return null;
        var row = sql.Single<Subscriber>($"SELECT {Subscriber.Columns} FROM subscribers WHERE id = @id", new { id })!;
        Outbox.Enqueue(sql, welcome(row), now);
        return row;
    });

    /// <summary>Unsubscribes (confirmed or pending); confirmed_at stays, as the record of what was agreed. False when there
    /// was nothing to end.</summary>
    public Task<bool> Unsubscribe(long id, string email) => database.Run(sql => sql.Execute("""
        UPDATE subscribers SET state = 'unsubscribed', unsubscribed_at = @now
        WHERE id = @id AND email = @email AND state IN ('pending', 'confirmed')
        """, new { id, email, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }) > 0);

    /// <summary>Deletes the subscriber and what was kept of their requests (the admin page's Delete).</summary>
    public Task<bool> Delete(long id) => database.Run(sql =>
    {
        var email = sql.Single<string>("SELECT email FROM subscribers WHERE id = @id", new { id });
        if (email is null) return false;
        sql.Execute("DELETE FROM subscribe_requests WHERE email = @email", new { email });
        return sql.Execute("DELETE FROM subscribers WHERE id = @id", new { id }) > 0;
    });

    /// <summary>Subscribers whose email or name holds <paramref name="query"/> (any case; empty: all), newest first.</summary>
    public Task<IReadOnlyList<Subscriber>> Search(string query, int limit) => database.Run<IReadOnlyList<Subscriber>>(sql =>
        // instr (strpos in PostgreSQL, Migrations step 1) rather than LIKE, whose _ and % an address may hold.
        [.. sql.Query<Subscriber>($"""
            SELECT {Subscriber.Columns} FROM subscribers
            WHERE @query = '' OR instr(lower(email), @query) > 0 OR instr(lower(name), @query) > 0
            ORDER BY id DESC LIMIT @limit
            """, new { query = query.Trim().ToLowerInvariant(), limit })]);

    /// <summary>How many subscribers are in each state.</summary>
    public Task<IReadOnlyDictionary<string, long>> Counts() => database.Run<IReadOnlyDictionary<string, long>>(sql =>
        sql.Query<(string State, long Count)>("SELECT state, COUNT(*) FROM subscribers GROUP BY state").ToDictionary(r => r.State, r => r.Count));

    /// <summary>
    /// Stores an import in one piece of work: all of it or, when a statement fails, none. A new address is added as the file
    /// says; one already here keeps its state and times, except that an address the file says unsubscribed or bounced is
    /// marked so (it must not be mailed because it was imported again).
    /// </summary>
    public Task<ImportCount> Import(IReadOnlyList<ImportedSubscriber> rows) => database.Run(sql =>
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        int added = 0, kept = 0, gone = 0;
        foreach (var row in rows)
        {
            var state = Subscriber.Text(row.State);
            var inserted = sql.Execute("""
                INSERT INTO subscribers (email, name, state, source, created, confirmed_at, unsubscribed_at, bounced_at)
                VALUES (@Email, @Name, @state, @Source, @Created, @ConfirmedAt,
                    CASE WHEN @state = 'unsubscribed' THEN @now ELSE NULL END, CASE WHEN @state = 'bounced' THEN @now ELSE NULL END)
                ON CONFLICT (email) DO NOTHING
                """, new { row.Email, row.Name, state, row.Source, Created = row.Created > 0 ? row.Created : now, row.ConfirmedAt, now });
            if (inserted > 0) { added++; continue; }
            kept++;
            if (row.State is SubscriberState.Unsubscribed or SubscriberState.Bounced)
                gone += sql.Execute($"""
                    UPDATE subscribers SET state = @state, {(row.State == SubscriberState.Bounced ? "bounced_at" : "unsubscribed_at")} = @now
                    WHERE email = @Email AND state IN ('pending', 'confirmed')
                    """, new { row.Email, state, now });
        }
        return new ImportCount(added, kept - gone, gone);
    });

    /// <summary>Forgets the address hashes of subscribe requests older than <paramref name="age"/> (the privacy promise's 30 days).</summary>
    public Task<int> Forget(TimeSpan age) =>
        database.Run(sql => sql.Execute("DELETE FROM subscribe_requests WHERE at < @before", new { before = (clock.GetUtcNow() - age).ToUnixTimeMilliseconds() }));
}
