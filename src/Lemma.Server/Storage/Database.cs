using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;

namespace Lemma.Server.Storage;

/// <summary>
/// The server's store: a SQLite file (WAL, <c>synchronous=FULL</c>) or a PostgreSQL database, created and migrated
/// when opened (<see cref="Backend"/> holds what differs between the two). Every statement runs on the
/// database's own thread, never on the caller's: production serving answers requests inline on Kestrel's socket
/// threads (LemmaServer.RunRequestsOnSocketThreads), and a disk flush there would stall every connection of that
/// thread. Work queued while a commit is being flushed is committed together in the next transaction (a group commit),
/// each piece in its own savepoint, so one failing piece rolls back alone; a piece's task completes only after its
/// commit is on disk.
/// </summary>
public sealed class Database : IDisposable
{
    private readonly BlockingCollection<Job> jobs = [];
    private readonly Thread thread;
    private readonly Backend backend;
    private readonly DbConnection connection;

    private Database(Backend backend)
    {
        this.backend = backend;
        connection = backend.Connect();
        thread = new Thread(Loop) { IsBackground = true, Name = "lemma-database" };
    }

    /// <summary>Opens (creating when missing) the SQLite file at <paramref name="path"/> and brings its schema up to date.</summary>
    public static Task<Database> Open(string path) => Open(new SqliteBackend(path));

    /// <summary>Opens the store <paramref name="setting"/> names (site.yaml's <c>comments.database</c>): a PostgreSQL
    /// connection string, or a SQLite file relative to <paramref name="root"/>.</summary>
    public static Task<Database> Open(string setting, string root) =>
        Open(Lemma.Configuration.CommentSettings.IsConnectionString(setting) ? new PostgresBackend(setting) : new SqliteBackend(Path.GetFullPath(Path.Combine(root, setting))));

    /// <summary>"postgresql" or "sqlite".</summary>
    public string Kind => backend.Kind;

    private static async Task<Database> Open(Backend backend)
    {
        var database = new Database(backend);
        database.thread.Start();
        try { await database.Run(_ => 0); }
        catch
        {
            database.Dispose();
            throw;
        }
        return database;
    }

    /// <summary>Runs <paramref name="work"/> on the database thread inside a transaction (committed when it returns, rolled
    /// back when it throws); the task completes, on the thread pool, once the commit is durable.</summary>
    public Task<T> Run<T>(Func<Sql, T> work)
    {
        var job = new Job<T>(work);
        try { jobs.Add(job); }
        catch (InvalidOperationException) { throw new ObjectDisposedException(nameof(Database)); }
        return job.Done.Task;
    }

    /// <summary>Throws unless called on the database thread: the store's statements check it, so a call that skipped
    /// <see cref="Run{T}"/> fails at once in any test rather than blocking a socket thread in production.</summary>
    internal void EnsureOwnThread()
    {
        if (Thread.CurrentThread != thread) throw new InvalidOperationException("database work must go through Database.Run, off the request's thread");
    }

    private void Loop()
    {
        try
        {
            connection.Open();
            backend.Prepare(connection);
        }
        catch (Exception e)
        {
            // Nothing can run: fail every piece of work, the opening one first.
            foreach (var job in jobs.GetConsumingEnumerable()) job.Fail(e);
            return;
        }
        var batch = new List<Job>();
        foreach (var first in jobs.GetConsumingEnumerable())
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < 256 && jobs.TryTake(out var next)) batch.Add(next);
            Execute([.. batch]);
        }
        connection.Dispose();
        backend.Dispose();
    }

    private void Execute(Job[] batch)
    {
        var failures = new Exception?[batch.Length];
        try
        {
            // A PostgreSQL connection can break (its server restarted): the next batch opens it again.
            if (connection.State != ConnectionState.Open)
            {
                connection.Close();
                connection.Open();
            }
            using var transaction = backend.Begin(connection);
            var sql = new Sql(connection, transaction, this);
            // One savepoint per piece; a rolled-back savepoint stays open for the next piece, and a piece's release and
            // the next one's savepoint go in one statement (a round trip less per piece on PostgreSQL). Commit releases the last.
            sql.Execute("SAVEPOINT piece");
            for (var i = 0; i < batch.Length; i++)
            {
                try { batch[i].Execute(sql); }
                catch (Exception e)
                {
                    failures[i] = e;
                    sql.Execute("ROLLBACK TO piece");
                    continue;
                }
                if (i < batch.Length - 1) sql.Execute("RELEASE piece; SAVEPOINT piece");
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            foreach (var job in batch) job.Fail(e);
            return;
        }
        for (var i = 0; i < batch.Length; i++)
            if (failures[i] is { } failure) batch[i].Fail(failure);
            else batch[i].Complete();
    }

    public void Dispose()
    {
        jobs.CompleteAdding();
        if (Thread.CurrentThread != thread) thread.Join();
    }

    private abstract class Job
    {
        public abstract void Execute(Sql sql);
        public abstract void Complete();
        public abstract void Fail(Exception e);
    }

    private sealed class Job<T>(Func<Sql, T> work) : Job
    {
        private T? result;
        // Continuations run on the thread pool, never on the database thread.
        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public override void Execute(Sql sql) => result = work(sql);
        public override void Complete() => Done.TrySetResult(result!);
        public override void Fail(Exception e) => Done.TrySetException(e);
    }
}

/// <summary>A connection and its open transaction, for Dapper: every command must name the transaction.</summary>
public sealed record Sql(DbConnection Connection, DbTransaction Transaction, Database Owner)
{
    public int Execute(string sql, object? args = null)
    {
        Owner.EnsureOwnThread();
        return Dapper.SqlMapper.Execute(Connection, sql, args, Transaction);
    }

    public IEnumerable<T> Query<T>(string sql, object? args = null)
    {
        Owner.EnsureOwnThread();
        return Dapper.SqlMapper.Query<T>(Connection, sql, args, Transaction);
    }

    public T? Single<T>(string sql, object? args = null)
    {
        Owner.EnsureOwnThread();
        return Dapper.SqlMapper.QueryFirstOrDefault<T>(Connection, sql, args, Transaction);
    }
}
