using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lemma.Server.Storage;

/// <summary>What differs between the two stores: how to connect, what to set on a new connection (and which
/// migrations to take), and how a batch's transaction begins. The statements themselves are the same for both.</summary>
internal abstract class Backend : IDisposable
{
    public abstract string Kind { get; }
    public abstract DbConnection Connect();
    public abstract void Prepare(DbConnection connection);
    public abstract DbTransaction Begin(DbConnection connection);
    public virtual void Dispose() { }
}

internal sealed class SqliteBackend(string path) : Backend
{
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);
    private readonly Lock gate = new();
    private Timer? checkpoints;
    private SqliteConnection? checkpointer;

    public override string Kind => "sqlite";

    public override DbConnection Connect()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
    }

    public override void Prepare(DbConnection connection)
    {
        // WAL lets other connections (a backup) read while a commit is flushed; FULL syncs the log on every commit, so an
        // acknowledged comment survives a power cut, not only a crash of the process.
        // The log is copied into the file by a connection of its own, not by the commit that fills it (SQLite's
        // default): a copy and its flush inside a commit held every waiting comment for 100-400 ms (bench/comments.sh).
        connection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=0;");
        Migrations.Apply(connection, Migrations.Steps, () => Begin(connection));
        checkpointer = (SqliteConnection)Connect();
        checkpointer.Open();
        checkpoints = new Timer(_ => Checkpoint(), null, CheckpointEvery, CheckpointEvery);
    }

    private void Checkpoint()
    {
        // PASSIVE: copies what no reader needs and never waits for the writer; the timer does not overlap itself
        // since a tick that finds the last one running skips.
        if (!gate.TryEnter()) return;
        try { checkpointer?.Execute("PRAGMA wal_checkpoint(PASSIVE)"); }
        catch (SqliteException) { } // busy or closing: the next tick tries again
        finally { gate.Exit(); }
    }

    public override void Dispose()
    {
        checkpoints?.Dispose();
        lock (gate)
        {
            checkpointer?.Dispose();
            checkpointer = null;
        }
    }

    // IMMEDIATE: the batch holds the write lock from its first statement, so its checks and writes see one state.
    public override DbTransaction Begin(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);
}

/// <summary>
/// PostgreSQL, for several instances sharing one store. Each batch takes one transaction-scoped advisory lock, so the
/// batches of all instances run one after another as SQLite's do, and a rate limit or duplicate check cannot be passed
/// by two instances at once. The password comes from PGPASSWORD or ~/.pgpass (Npgsql reads both), never site.yaml.
/// </summary>
internal sealed class PostgresBackend(string connectionString) : Backend
{
    // Any fixed number: the one lock Lemma's instances share ("lemma" in ASCII).
    private const long LockKey = 0x6c656d6d61;

    public override string Kind => "postgresql";

    public override DbConnection Connect() =>
        // One connection per instance, held by the database thread: no pool needed.
        new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());

    public override void Prepare(DbConnection connection) => Migrations.Apply(connection, Migrations.PostgresSteps, () => Begin(connection));

    public override DbTransaction Begin(DbConnection connection)
    {
        var transaction = connection.BeginTransaction();
        connection.Execute("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, transaction);
        return transaction;
    }
}
