using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Lemma.Server.Tests;

/// <summary>The stores a comment test runs against: each storage and comment theory runs once per store.</summary>
public enum Store { Sqlite, Postgres }

public static class Stores
{
    public static TheoryData<Store> Both => new(Store.Sqlite, Store.Postgres);
}

/// <summary>
/// A real PostgreSQL (15 or later, Debian's: scripts/postgres-setup.sh installs it) in a temporary data folder on a
/// free port, started once for the test run on first use and stopped when the run ends; each test gets a database of
/// its own. Under root the server runs as the postgres user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresCluster
{
    // One cluster per test process: starting PostgreSQL costs seconds, a database in it milliseconds.
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(Start);
    private readonly string folder;
    private readonly string bin;
    private readonly int port;
    private int databases;

    private PostgresCluster(string folder, string bin, int port) => (this.folder, this.bin, this.port) = (folder, bin, port);

    /// <summary>A new, empty database's connection string (no password: the cluster trusts local connections).</summary>
    public static async Task<string> NewDatabase()
    {
        var cluster = await Shared.Value;
        var name = $"lemma_{Environment.ProcessId}_{Interlocked.Increment(ref cluster.databases)}";
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return cluster.ConnectionString(name);
    }

    private string ConnectionString(string database) => $"Host=127.0.0.1;Port={port};Username=lemma;Database={database}";

    private static async Task<PostgresCluster> Start()
    {
        var bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL 15+ not found (initdb, pg_ctl): run scripts/postgres-setup.sh");
        RemoveStopped();
        var folder = Directory.CreateTempSubdirectory("lemma-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot) await Run("chown", "-R", "postgres", folder);
        var port = FreePort();
        var cluster = new PostgresCluster(folder, bin, port);
        await cluster.Pg("initdb", "-D", Path.Combine(folder, "data"), "-U", "lemma", "--auth=trust", "-E", "UTF8", "--no-sync");
        // fsync off: these tests check behaviour, not durability (bench/comments.sh measures that on SQLite).
        await cluster.Pg("pg_ctl", "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    private void Stop()
    {
        try { Pg("pg_ctl", "-D", Path.Combine(folder, "data"), "-m", "immediate", "stop").GetAwaiter().GetResult(); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <summary>Removes the folders of earlier runs' clusters that are stopped (no postmaster.pid): a test runner may end
    /// the process before <see cref="Stop"/> has deleted its folder.</summary>
    private static void RemoveStopped()
    {
        foreach (var old in Directory.GetDirectories(Path.GetTempPath(), "lemma-pg-*"))
        {
            if (File.Exists(Path.Combine(old, "data", "postmaster.pid"))) continue;
            try { Directory.Delete(old, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private Task Pg(string tool, params string[] args) =>
        Environment.UserName == "root" ? Run("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args]) : Run(Path.Combine(bin, tool), args);

    private static async Task Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await output}{await error}");
    }

    /// <summary>The folder of initdb and pg_ctl: on the PATH, else Debian's newest /usr/lib/postgresql/N/bin (N ≥ 15).</summary>
    private static string? FindBin()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")));
        if (onPath is not null) return onPath;
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(d => d.Version >= 15 && File.Exists(Path.Combine(d.Dir, "bin", "initdb")))
            .OrderByDescending(d => d.Version).Select(d => Path.Combine(d.Dir, "bin")).FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
