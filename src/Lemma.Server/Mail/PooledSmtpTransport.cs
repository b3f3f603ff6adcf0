using System.Collections.Concurrent;
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
        var mime = SmtpTransport.Mime(message, target.From, target.Signer);
        var client = idle.TryTake(out var kept) && kept.IsConnected ? kept : await SmtpTransport.Connect(target, cancel);
        try { await client.SendAsync(mime, cancel); }
        catch
        {
            client.Dispose();
            throw;
        }
        idle.Add(client);
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
