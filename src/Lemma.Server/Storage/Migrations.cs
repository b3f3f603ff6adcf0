using Dapper;
using Microsoft.Data.Sqlite;

namespace Lemma.Server.Storage;

/// <summary>
/// The schema, as numbered steps: a database records the last step it took and takes the later ones, each in its own
/// transaction, when it is opened. A step is never edited once released; a change is a new step. Types are the ones
/// SQLite and PostgreSQL share (text, bigint as INTEGER, times as Unix milliseconds); a PostgreSQL store takes the same
/// steps with its own spelling of the identity key.
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
    ];

    /// <summary>The step the database is at after opening: the number of <see cref="Steps"/>.</summary>
    public static int Latest => Steps.Count;

    internal static void Apply(SqliteConnection connection)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var at = connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version") ?? 0;
        if (at > Steps.Count)
            throw new InvalidOperationException($"the database is at schema version {at}, newer than this lemma ({Steps.Count}): upgrade lemma");
        for (var step = (int)at; step < Steps.Count; step++)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            connection.Execute(Steps[step], transaction: transaction);
            connection.Execute("INSERT INTO schema_version (version) VALUES (@version)", new { version = step + 1 }, transaction);
            transaction.Commit();
        }
    }
}
