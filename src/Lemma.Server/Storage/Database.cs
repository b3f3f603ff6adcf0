using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Lemma.Server.Storage;

/// <summary>
/// The server's SQLite file: WAL, <c>synchronous=FULL</c>, created and migrated when opened. Every statement runs on the
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
    private readonly SqliteConnection connection;

    private Database(SqliteConnection connection)
    {
        this.connection = connection;
        thread = new Thread(Loop) { IsBackground = true, Name = "lemma-database" };
    }

    /// <summary>Opens (creating when missing) the file at <paramref name="path"/> and brings its schema up to date.</summary>
    public static async Task<Database> Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        var database = new Database(connection);
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
            // WAL lets other connections (a backup, another instance) read while a commit is flushed; FULL syncs the log on every commit, so an acknowledged
            // comment survives a power cut, not only a crash of the process.
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
                pragmas.ExecuteNonQuery();
            }
            Migrations.Apply(connection);
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
    }

    private void Execute(Job[] batch)
    {
        var failures = new Exception?[batch.Length];
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var sql = new Sql(connection, transaction, this);
            for (var i = 0; i < batch.Length; i++)
            {
                sql.Execute("SAVEPOINT piece");
                try
                {
                    batch[i].Execute(sql);
                    sql.Execute("RELEASE piece");
                }
                catch (Exception e)
                {
                    failures[i] = e;
                    sql.Execute("ROLLBACK TO piece");
                    sql.Execute("RELEASE piece");
                }
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
