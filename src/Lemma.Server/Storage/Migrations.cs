using Dapper;
using System.Data.Common;

namespace Lemma.Server.Storage;

/// <summary>
/// The schema, as numbered steps: a database records the last step it took and takes the later ones, each in its own
/// transaction, when it is opened. A step is never edited once released; a change is a new step. Types are the ones
/// SQLite and PostgreSQL share (text, 64-bit integers, times as Unix milliseconds); a PostgreSQL store takes the same
/// steps in its own spelling (<see cref="PostgresSteps"/>).
/// </summary>
public static class Migrations
{
    public static readonly IReadOnlyList<string> Steps =
    [
        // 1: comments, the mail outbox, the site's secrets and the moderation log.
        """
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            post TEXT NOT NULL,
            parent_id INTEGER NULL REFERENCES comments (id),
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            website TEXT NOT NULL,
            body TEXT NOT NULL,
            html TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'rejected', 'deleted')),
            created INTEGER NOT NULL,
            ip_hash TEXT NULL,
            body_hash TEXT NOT NULL
        );
        CREATE INDEX comments_by_post ON comments (post, status, id);
        CREATE INDEX comments_by_email ON comments (email, created);
        CREATE INDEX comments_by_ip ON comments (ip_hash, created);
        CREATE INDEX comments_by_time ON comments (created);
        CREATE TABLE moderation_log (
            id INTEGER PRIMARY KEY,
            comment_id INTEGER NOT NULL REFERENCES comments (id),
            status TEXT NOT NULL,
            via TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            text_body TEXT NOT NULL,
            html_body TEXT NOT NULL,
            created INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt INTEGER NOT NULL,
            last_error TEXT NULL,
            sent INTEGER NULL
        );
        CREATE INDEX outbox_due ON outbox (sent, next_attempt);
        CREATE TABLE secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
        // 2: the admin page's sessions and failed logins (the password hash is a secret named admin-password).
        """
        CREATE TABLE admin_sessions (
            token_hash TEXT PRIMARY KEY,
            created INTEGER NOT NULL,
            expires INTEGER NOT NULL
        );
        CREATE TABLE login_failures (
            id INTEGER PRIMARY KEY,
            ip_hash TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX login_failures_by_address ON login_failures (ip_hash, at);
        """,
        // 3: readers' requests to erase everything tied to their email (kept 30 days, to limit the mail they cause).
        """
        CREATE TABLE erase_requests (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL,
            ip_hash TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX erase_requests_by_email ON erase_requests (email, at);
        CREATE INDEX erase_requests_by_address ON erase_requests (ip_hash, at);
        """,
        // 4: the duplicate check finds a comment's earlier copies by their text, not by reading every comment of the address.
        """
        CREATE INDEX comments_by_body ON comments (body_hash, created);
        """,
        // 5: "email me replies": an address's wish to be mailed a post's new comments, kept once it confirmed by mail.
        """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            post TEXT NOT NULL,
            email TEXT NOT NULL,
            confirmed INTEGER NOT NULL DEFAULT 0,
            created INTEGER NOT NULL,
            UNIQUE (post, email)
        );
        """,
        // 6: the writer's own replies, written through the admin page's login (never inferred from an email), are marked.
        """
        ALTER TABLE comments ADD COLUMN is_author INTEGER NOT NULL DEFAULT 0;
        """,
        // 7: a reply mail's one-click stop link (RFC 8058), sent as its List-Unsubscribe header.
        """
        ALTER TABLE outbox ADD COLUMN unsubscribe TEXT NULL;
        """,
        // 8: the newsletter's subscribers (double opt-in: pending until the mailed link is confirmed; confirmed_at is kept
        // as the proof of consent) and the subscribe requests the rate limits count (address hashes, kept 30 days).
        """
        CREATE TABLE subscribers (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'unsubscribed', 'bounced')),
            source TEXT NOT NULL,
            created INTEGER NOT NULL,
            requested INTEGER NULL,
            confirmed_at INTEGER NULL,
            unsubscribed_at INTEGER NULL,
            bounced_at INTEGER NULL
        );
        CREATE INDEX subscribers_by_state ON subscribers (state, id);
        CREATE TABLE subscribe_requests (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL,
            ip_hash TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX subscribe_requests_by_address ON subscribe_requests (ip_hash, at);
        CREATE INDEX subscribe_requests_by_email ON subscribe_requests (email, at);
        """,
        // 9: newsletter issues (a post's email as it was sent, made once) and their deliveries: one row per (issue,
        // subscriber), written with the issue in one transaction, so a crash never leaves half a list. A sender claims a
        // row by setting it 'sending' with a lease; a lease that ran out (its sender died) is claimed again.
        """
        CREATE TABLE newsletter_issues (
            id INTEGER PRIMARY KEY,
            post TEXT NOT NULL,
            subject TEXT NOT NULL,
            html TEXT NOT NULL,
            text_body TEXT NOT NULL,
            created INTEGER NOT NULL
        );
        CREATE INDEX newsletter_issues_by_post ON newsletter_issues (post);
        CREATE TABLE newsletter_deliveries (
            id INTEGER PRIMARY KEY,
            issue_id INTEGER NOT NULL REFERENCES newsletter_issues (id),
            subscriber_id INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'bounced', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            lease_until INTEGER NULL,
            last_reply TEXT NULL,
            message_id TEXT NOT NULL,
            UNIQUE (issue_id, subscriber_id)
        );
        CREATE INDEX newsletter_deliveries_due ON newsletter_deliveries (issue_id, state, next_attempt_at);
        """,
        // 10: a subscriber's hard bounces in a row (newsletter.bounce_after of them mark it bounced), and who holds a
        // delivery's claim ("machine/pid/start"), so a sender started after a crash takes the dead sender's rows at once.
        """
        ALTER TABLE subscribers ADD COLUMN hard_bounces INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE newsletter_deliveries ADD COLUMN claimed_by TEXT NULL;
        """,
    ];

    /// <summary>The same steps in PostgreSQL's spelling: 64-bit numbers and identity keys. Step N here makes what step N
    /// of <see cref="Steps"/> makes; a new step is added to both lists.</summary>
    public static readonly IReadOnlyList<string> PostgresSteps =
    [
        """
        CREATE TABLE comments (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            post TEXT NOT NULL,
            parent_id BIGINT NULL REFERENCES comments (id),
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            website TEXT NOT NULL,
            body TEXT NOT NULL,
            html TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'rejected', 'deleted')),
            created BIGINT NOT NULL,
            ip_hash TEXT NULL,
            body_hash TEXT NOT NULL
        );
        CREATE INDEX comments_by_post ON comments (post, status, id);
        CREATE INDEX comments_by_email ON comments (email, created);
        CREATE INDEX comments_by_ip ON comments (ip_hash, created);
        CREATE INDEX comments_by_time ON comments (created);
        CREATE TABLE moderation_log (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            comment_id BIGINT NOT NULL REFERENCES comments (id),
            status TEXT NOT NULL,
            via TEXT NOT NULL,
            at BIGINT NOT NULL
        );
        CREATE TABLE outbox (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            text_body TEXT NOT NULL,
            html_body TEXT NOT NULL,
            created BIGINT NOT NULL,
            attempts BIGINT NOT NULL DEFAULT 0,
            next_attempt BIGINT NOT NULL,
            last_error TEXT NULL,
            sent BIGINT NULL
        );
        CREATE INDEX outbox_due ON outbox (sent, next_attempt);
        CREATE TABLE secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- SQLite's instr(text, part), which the erasure uses, as PostgreSQL's strpos: one statement for both stores.
        CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT strpos($1, $2)';
        """,
        """
        CREATE TABLE admin_sessions (
            token_hash TEXT PRIMARY KEY,
            created BIGINT NOT NULL,
            expires BIGINT NOT NULL
        );
        CREATE TABLE login_failures (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            ip_hash TEXT NOT NULL,
            at BIGINT NOT NULL
        );
        CREATE INDEX login_failures_by_address ON login_failures (ip_hash, at);
        """,
        """
        CREATE TABLE erase_requests (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            email TEXT NOT NULL,
            ip_hash TEXT NOT NULL,
            at BIGINT NOT NULL
        );
        CREATE INDEX erase_requests_by_email ON erase_requests (email, at);
        CREATE INDEX erase_requests_by_address ON erase_requests (ip_hash, at);
        """,
        // 4: the duplicate check finds a comment's earlier copies by their text, not by reading every comment of the address.
        """
        CREATE INDEX comments_by_body ON comments (body_hash, created);
        """,
        """
        CREATE TABLE subscriptions (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            post TEXT NOT NULL,
            email TEXT NOT NULL,
            confirmed INTEGER NOT NULL DEFAULT 0,
            created BIGINT NOT NULL,
            UNIQUE (post, email)
        );
        """,
        """
        ALTER TABLE comments ADD COLUMN is_author INTEGER NOT NULL DEFAULT 0;
        """,
        """
        ALTER TABLE outbox ADD COLUMN unsubscribe TEXT NULL;
        """,
        """
        CREATE TABLE subscribers (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'unsubscribed', 'bounced')),
            source TEXT NOT NULL,
            created BIGINT NOT NULL,
            requested BIGINT NULL,
            confirmed_at BIGINT NULL,
            unsubscribed_at BIGINT NULL,
            bounced_at BIGINT NULL
        );
        CREATE INDEX subscribers_by_state ON subscribers (state, id);
        CREATE TABLE subscribe_requests (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            email TEXT NOT NULL,
            ip_hash TEXT NOT NULL,
            at BIGINT NOT NULL
        );
        CREATE INDEX subscribe_requests_by_address ON subscribe_requests (ip_hash, at);
        CREATE INDEX subscribe_requests_by_email ON subscribe_requests (email, at);
        """,
        """
        CREATE TABLE newsletter_issues (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            post TEXT NOT NULL,
            subject TEXT NOT NULL,
            html TEXT NOT NULL,
            text_body TEXT NOT NULL,
            created BIGINT NOT NULL
        );
        CREATE INDEX newsletter_issues_by_post ON newsletter_issues (post);
        CREATE TABLE newsletter_deliveries (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            issue_id BIGINT NOT NULL REFERENCES newsletter_issues (id),
            subscriber_id BIGINT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'bounced', 'failed')),
            attempts BIGINT NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            lease_until BIGINT NULL,
            last_reply TEXT NULL,
            message_id TEXT NOT NULL,
            UNIQUE (issue_id, subscriber_id)
        );
        CREATE INDEX newsletter_deliveries_due ON newsletter_deliveries (issue_id, state, next_attempt_at);
        """,
        """
        ALTER TABLE subscribers ADD COLUMN hard_bounces BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE newsletter_deliveries ADD COLUMN claimed_by TEXT NULL;
        """,
    ];

    /// <summary>The step the database is at after opening: the number of <see cref="Steps"/>.</summary>
    public static int Latest => Steps.Count;

    /// <summary>Takes the steps the database has not taken, each in its own transaction begun by <paramref name="begin"/>
    /// (which, on PostgreSQL, holds the instances' lock: two instances starting together take each step once).</summary>
    internal static void Apply(DbConnection connection, IReadOnlyList<string> steps, Func<DbTransaction> begin)
    {
        while (true)
        {
            using var transaction = begin();
            connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", transaction: transaction);
            var at = connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version", transaction: transaction) ?? 0;
            if (at > steps.Count)
                throw new InvalidOperationException($"the database is at schema version {at}, newer than this lemma ({steps.Count}): upgrade lemma");
            if (at < steps.Count)
            {
                connection.Execute(steps[(int)at], transaction: transaction);
                connection.Execute("INSERT INTO schema_version (version) VALUES (@version)", new { version = (int)at + 1 }, transaction);
            }
            transaction.Commit();
            if (at == steps.Count) return;
        }
    }
}
