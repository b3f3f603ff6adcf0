using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Lemma.Server.Hosting;

/// <summary>
/// What keeps a flood of connections from taking the server down: a cap on open connections below the file descriptor
/// limit, a cap per client address, and timeouts for idle and slow clients. Without the cap, once accept() failed with
/// EMFILE Kestrel retried it at once, forever, at full CPU and with memory growing until the process aborted.
/// </summary>
public static class ConnectionLimits
{
    public static void AddConnectionLimits(this WebApplicationBuilder builder, ServerOptions options)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var limits = kestrel.Limits;
            limits.MaxConcurrentConnections = MaxConnections(options.MaxConnections, DescriptorLimit());
            // An upgraded connection leaves the count above, and nothing in Lemma upgrades (the event stream is plain HTTP).
            limits.MaxConcurrentUpgradedConnections = 0;
            limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
            limits.KeepAliveTimeout = options.KeepAliveTimeout;
            limits.MinRequestBodyDataRate = new MinDataRate(options.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5));
            if (options.ConnectionsPerClient > 0)
            {
                var clients = new ClientConnections(options.ConnectionsPerClient);
                kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection => clients.Admit(connection, next)));
            }
        });
    }

    /// <summary>The configured cap, lowered to three quarters of the descriptor limit: the rest is for the site's files,
    /// the watcher, the runtime and the connections accepted only to be closed.</summary>
    public static long MaxConnections(int configured, long? descriptorLimit) =>
        descriptorLimit is { } fds ? System.Math.Clamp(fds * 3 / 4, 1, System.Math.Max(1, configured)) : System.Math.Max(1, configured);

    /// <summary>The process's soft limit of open files (which .NET raises to the hard limit at start); null where there is none.</summary>
    public static long? DescriptorLimit()
    {
        if (OperatingSystem.IsWindows()) return null;
        var resource = OperatingSystem.IsLinux() ? 7 : 8; // RLIMIT_NOFILE: 7 on Linux, 8 on macOS and the BSDs
        return GetResourceLimit(resource, out var limit) == 0 && limit.Current < long.MaxValue ? (long)limit.Current : null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", EntryPoint = "getrlimit")]
    private static extern int GetResourceLimit(int resource, out ResourceLimit limit);
}

/// <summary>Counts open connections per client address and closes those over the limit as soon as they are accepted.
/// Thread-safe; runs on socket threads, so it never waits.</summary>
public sealed class ClientConnections(int limit)
{
    private readonly Dictionary<IPAddress, int> open = [];

    public async Task Admit(ConnectionContext connection, ConnectionDelegate next)
    {
        // A Unix socket or a test transport has no address: nothing to count.
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var address })
        {
            await next(connection);
            return;
        }
        var client = Client(address);
        if (!TryOpen(client)) return; // Kestrel closes a connection its middleware returned from
        try
        {
            await next(connection);
        }
        finally
        {
            Close(client);
        }
    }

    private bool TryOpen(IPAddress client)
    {
        lock (open)
        {
            var count = open.GetValueOrDefault(client);
            if (count >= limit) return false;
            open[client] = count + 1;
            return true;
        }
    }

    private void Close(IPAddress client)
    {
        lock (open)
        {
            var count = open[client] - 1;
            if (count == 0) open.Remove(client);
            else open[client] = count;
        }
    }

    /// <summary>The address a client is counted under: IPv4 as it is, IPv6 by its /64, which one machine usually holds whole.</summary>
    public static IPAddress Client(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address)) return address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
