using System.Net;

namespace Lemma.Server;

/// <summary>How `lemma serve` runs.</summary>
public sealed record ServerOptions
{
    /// <summary>Site root (absolute).</summary>
    public required string Source { get; init; }
    public string Bind { get; init; } = "127.0.0.1";
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; } = 1313;
    /// <summary>For readers: no drafts, no watcher, no injected script; caching, compression and security headers.</summary>
    public bool Production { get; init; }
    /// <summary>Quiet period after a file event before rebuilding, so an editor's burst of writes is one rebuild. An editor's
    /// save (write, or temp file and rename) comes within a millisecond or two; a later write simply rebuilds again.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(10);
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reads an environment variable (LEMMA_SMTP, LEMMA_SMTP_PASSWORD); tests give their own.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Where mail goes when no SMTP server is set (printed for the writer), and mail set-up problems.</summary>
    public TextWriter MailLog { get; init; } = Console.Out;

    /// <summary>The wait after a first failed send (30 s); each later failure doubles it, up to 6 h.</summary>
    public TimeSpan MailRetry { get; init; } = Mail.Outbox.FirstRetry;

    /// <summary>Under --production with the newsletter on, how often the server looks, at the least, for marked posts
    /// that went live and newsletter mail that is due (1 min); it also looks after every build and at publish moments.</summary>
    public TimeSpan NewsletterCheck { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Open connections at most; more are accepted and closed at once. 4096 idle connections hold about 45 MiB
    /// (bench/RESULTS.md). Never more than three quarters of the process's file descriptor limit, so that accepting
    /// cannot run out of descriptors (Hosting/ConnectionLimits.cs).</summary>
    public int MaxConnections { get; init; } = 4096;

    /// <summary>Open connections from one client address (IPv6: one /64) at most; more are closed at once. Null: 256 in
    /// production, no limit in preview, whose only client is the writer. 0: no limit. Behind a reverse proxy every
    /// connection comes from the proxy, so set this above the proxy's upstream connections, or 0.</summary>
    public int? MaxConnectionsPerClient { get; init; }

    /// <summary>Time a client has to send a whole request line and headers (10 s); slower clients are disconnected.</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a connection may sit idle, before its first request or between requests (30 s).</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Slowest request body accepted, in bytes per second after a 5 s grace period (240).</summary>
    public double MinRequestBodyBytesPerSecond { get; init; } = 240;

    /// <summary>The per-client limit in force: <see cref="MaxConnectionsPerClient"/> or the mode's default; 0 for none.</summary>
    public int ConnectionsPerClient => MaxConnectionsPerClient ?? (Production ? 256 : 0);

    /// <summary>True when <see cref="Bind"/> is a loopback address or "localhost": only this machine can connect.</summary>
    public bool BindsLoopback =>
        Bind.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(Bind, out var address) && IPAddress.IsLoopback(address));
}
