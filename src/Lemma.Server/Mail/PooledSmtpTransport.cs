using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit.Net.Smtp;

namespace Lemma.Server.Mail;

/// <summary>
/// Sends through an SMTP server with MailKit over connections kept open between messages (a newsletter issue is
/// thousands of messages: a connection, TLS and login each would cost more than the message). Safe to call from several
/// threads: each call takes a connection no other call holds, and opens one when none is free. A connection that failed
/// in any way is closed rather than reused.
/// </summary>
public sealed class PooledSmtpTransport(SmtpTarget target) : IMailTransport, IAsyncDisposable
{
    private readonly ConcurrentBag<SmtpClient> idle = [];

    public async Task Send(MailMessage message, CancellationToken cancel)
    {
        var mime = SmtpTransport.Mime(message, target.From);
        var client = idle.TryTake(out var kept) && kept.IsConnected ? kept : await Connect(cancel);
        try { await client.SendAsync(mime, cancel); }
        catch
        {
            client.Dispose();
            throw;
        }
        idle.Add(client);
    }

    private async Task<SmtpClient> Connect(CancellationToken cancel)
    {
        var client = new SmtpClient { Timeout = 30_000 };
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Nagle's algorithm held each message's last small write until the server's delayed ACK (some 40 ms on
            // Linux): one message per 40 ms and connection. The socket is opened here so it can be told not to wait.
            await socket.ConnectAsync(target.Host, target.Port, cancel);
            await client.ConnectAsync(socket, target.Host, target.Port, target.Security, cancel);
            if (target.User.Length > 0) await client.AuthenticateAsync(target.User, target.Password, cancel);
            return client;
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var client))
        {
            try { await client.DisconnectAsync(quit: true); }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.ServiceNotConnectedException) { }
            client.Dispose();
        }
    }
}
