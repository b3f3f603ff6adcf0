using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Lemma.Server.Hosting;

namespace Lemma.Server.Tests;

/// <summary>Idle and slow connections cannot take the server down or lock other readers out.</summary>
public class ConnectionLimitTests
{
    private static readonly Dictionary<string, string> Site = new()
    {
        ["site.yaml"] = "title: Served\nbase_url: https://example.org/\n",
        ["content/posts/a.md"] = "---\ntitle: A\ndate: 2024-01-01\n---\n\nHello.\n",
    };

    [Fact]
    public async Task Connections_over_the_per_client_limit_are_closed_and_other_clients_are_still_answered()
    {
        await using var site = await ServedSite.Start(Site, production: true, o => o with { MaxConnectionsPerClient = 4 });
        // All of 127.0.0.0/8 is this machine on Linux: the flood comes from 127.0.0.2, the reader from 127.0.0.1.
        var flood = await Open(site, 10, IPAddress.Parse("127.0.0.2"));
        var closed = await ClosedByServer(flood, TimeSpan.FromSeconds(3));
        Assert.Equal(6, closed);
        Assert.Contains("Hello.", await site.Get("posts/a/"));
        Dispose(flood);
    }

    [Fact]
    public async Task Idle_connections_over_the_server_limit_are_refused_and_closed_after_the_keep_alive_timeout()
    {
        await using var site = await ServedSite.Start(Site, production: true, o => o with
        {
            MaxConnections = 8,
            MaxConnectionsPerClient = 0,
            KeepAliveTimeout = TimeSpan.FromSeconds(2),
        });
        var idle = await Open(site, 8, IPAddress.Loopback);
        // One request on each proves the server accepted it: the kernel completes a connect() before Kestrel accepts,
        // and a ninth accepted ahead of an earlier one would be counted in its place.
        foreach (var socket in idle) await Answered(socket);
        var clock = Stopwatch.StartNew();
        // The server is full: a ninth connection is accepted and closed at once.
        var ninth = await Open(site, 1, IPAddress.Loopback);
        Assert.Equal(1, await ClosedByServer(ninth, TimeSpan.FromSeconds(1)));

        Assert.Equal(8, await ClosedByServer(idle, TimeSpan.FromSeconds(10)));
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 10);
        Assert.Contains("Hello.", await site.Get("posts/a/"));
        Dispose([.. idle, .. ninth]);
    }

    [Fact]
    public async Task A_client_that_sends_headers_too_slowly_is_disconnected_after_the_header_timeout()
    {
        await using var site = await ServedSite.Start(Site, production: true, o => o with { RequestHeadersTimeout = TimeSpan.FromSeconds(2) });
        var slow = await Open(site, 1, IPAddress.Loopback);
        var clock = Stopwatch.StartNew();
        await slow[0].SendAsync(Encoding.ASCII.GetBytes("GET /posts/a/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        Assert.Equal(1, await ClosedByServer(slow, TimeSpan.FromSeconds(10), trickle: true));
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 10);
        Dispose(slow);
    }

    [Theory]
    [InlineData(4096, null, 4096)]
    [InlineData(4096, 1024L, 768)]
    [InlineData(100, 1_048_576L, 100)]
    [InlineData(4096, 1L, 1)]
    public void The_connection_cap_stays_below_the_file_descriptor_limit(int configured, long? descriptors, long cap) =>
        Assert.Equal(cap, ConnectionLimits.MaxConnections(configured, descriptors));

    [Fact]
    public void The_descriptor_limit_is_the_processs_own()
    {
        if (!OperatingSystem.IsLinux()) return;
        var line = File.ReadLines("/proc/self/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        Assert.Equal(soft == "unlimited" ? null : long.Parse(soft), ConnectionLimits.DescriptorLimit());
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::")]
    [InlineData("::1", "::1")]
    public void Clients_are_counted_by_ipv4_address_or_ipv6_slash_64(string address, string client) =>
        Assert.Equal(IPAddress.Parse(client), ClientConnections.Client(IPAddress.Parse(address)));

    private static async Task<List<Socket>> Open(ServedSite site, int count, IPAddress from)
    {
        var sockets = new List<Socket>();
        for (var i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(IPAddress.Loopback, site.Server.Address.Port);
            sockets.Add(socket);
        }
        return sockets;
    }

    /// <summary>Sends one request on <paramref name="socket"/> and reads until its page has arrived; the connection stays open.</summary>
    private static async Task Answered(Socket socket)
    {
        await socket.SendAsync("GET /posts/a/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!received.ToString().Contains("Hello.", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            if (read == 0) throw new InvalidOperationException("the server closed a connection it should have answered");
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }

    /// <summary>How many of the sockets the server closed (end of stream or reset) within the time; with
    /// <paramref name="trickle"/>, one more header byte is sent every half second meanwhile, as a slow client would.</summary>
    private static async Task<int> ClosedByServer(List<Socket> sockets, TimeSpan within, bool trickle = false)
    {
        using var timeout = new CancellationTokenSource(within);
        var results = await Task.WhenAll(sockets.Select(s => UntilClosed(s, trickle, timeout.Token)));
        return results.Count(closed => closed);
    }

    private static async Task<bool> UntilClosed(Socket socket, bool trickle, CancellationToken cancel)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = socket.ReceiveAsync(buffer, cancel).AsTask();
                while (trickle && !read.IsCompleted)
                {
                    await Task.WhenAny(read, Task.Delay(500, cancel));
                    if (!read.IsCompleted) await socket.SendAsync("X"u8.ToArray(), cancel);
                }
                if (await read == 0) return true; // a 408 may come first; then the end of the stream
            }
        }
        catch (SocketException) { return true; }
        catch (OperationCanceledException) { return false; }
    }

    private static void Dispose(List<Socket> sockets)
    {
        foreach (var s in sockets) s.Dispose();
    }
}
