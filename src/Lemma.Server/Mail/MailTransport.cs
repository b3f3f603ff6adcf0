using System.Net.Sockets;
using MailKit.Net.Smtp;
using MimeKit;

namespace Lemma.Server.Mail;

/// <summary>Hands one message on; throws when it could not.</summary>
public interface IMailTransport
{
    Task Send(MailMessage message, CancellationToken cancel);
}

/// <summary>Sends through an SMTP server with MailKit, one connection per message (the site's mail is a trickle).</summary>
public sealed class SmtpTransport(SmtpTarget target) : IMailTransport
{
    public async Task Send(MailMessage message, CancellationToken cancel)
    {
        using var client = await Connect(target, cancel);
        await client.SendAsync(Mime(message, target.From, target.Signer), cancel);
        await client.DisconnectAsync(quit: true, cancel);
    }

    /// <summary>A client connected (and logged in) to the target.</summary>
    internal static async Task<SmtpClient> Connect(SmtpTarget target, CancellationToken cancel)
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

    /// <summary>
    /// The MIME message. Addresses are parsed as addresses (a list or a line break is refused), and the subject is one
    /// line: MimeKit encodes what is left, so no text a reader wrote can add a header or a recipient. With a
    /// <paramref name="signer"/>, the message leaves signed (DKIM).
    /// </summary>
    public static MimeMessage Mime(MailMessage message, string from, DkimSigning? signer = null)
    {
        var mime = new MimeMessage();
        mime.From.Add(Mailbox(from));
        mime.To.Add(Mailbox(message.To));
        // A reader's "=?utf-8?Q?...?=" would be sent as it is and decoded by the mail client into other text (line
        // breaks included): the space keeps it the literal text it was.
        mime.Subject = OneLine(message.Subject).Replace("=?", "= ?", StringComparison.Ordinal);
        if (message.Unsubscribe is { Length: > 0 } unsubscribe)
        {
            mime.Headers.Add("List-Unsubscribe", OneLine(unsubscribe));
            // RFC 8058: the provider may POST "List-Unsubscribe=One-Click" to the https address, and only to one.
            if (unsubscribe.Contains("<https://", StringComparison.Ordinal)) mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (message.MessageId is { Length: > 0 } id) mime.MessageId = OneLine(id);
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        signer?.Sign(mime);
        return mime;
    }

    private static MailboxAddress Mailbox(string address) =>
        !address.Any(char.IsControl) && MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@')
            ? mailbox
            : throw new FormatException($"not one mail address: '{OneLine(address)}'");

    public static string OneLine(string text) => new([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
}

/// <summary>Without a mail server: each message is printed (to the console of `lemma serve`), so the writer sees what
/// would have gone out.</summary>
public sealed class PrintedTransport(TextWriter output) : IMailTransport
{
    public Task Send(MailMessage message, CancellationToken cancel)
    {
        lock (output)
            output.Write($"mail (no SMTP set; printed instead of sent)\nTo: {SmtpTransport.OneLine(message.To)}\nSubject: {SmtpTransport.OneLine(message.Subject)}\n\n{message.Text}\n\n");
        output.Flush();
        return Task.CompletedTask;
    }
}
