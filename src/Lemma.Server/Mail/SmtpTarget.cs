using Lemma.Configuration;
using MailKit.Security;

namespace Lemma.Server.Mail;

/// <summary>Where the site's mail goes: from the environment (<c>LEMMA_SMTP</c>, a URL) or site.yaml's <c>smtp:</c>, the
/// environment first; the password only from <c>LEMMA_SMTP_PASSWORD</c>.</summary>
public sealed record SmtpTarget(string Host, int Port, SecureSocketOptions Security, string User, string Password, string From)
{
    /// <summary>Signs every message sent to this target (site.yaml's <c>smtp.dkim</c>); null: unsigned.</summary>
    public DkimSigning? Signer { get; init; }

    public const string UrlVariable = "LEMMA_SMTP";
    public const string PasswordVariable = "LEMMA_SMTP_PASSWORD";

    /// <summary>
    /// The target, or null when nothing is set (then mail is printed, not sent). <c>smtp://user@host:port</c> uses
    /// STARTTLS when the server offers it (port 587 by default); <c>smtps://</c> speaks TLS from the first byte (465).
    /// A URL that cannot be read, or that holds a password, or a DKIM key that cannot be read, is a
    /// <paramref name="problem"/> and no target.
    /// </summary>
    public static SmtpTarget? Find(SmtpSettings settings, Func<string, string?> environment, string from, out string? problem)
    {
        var target = Unsigned(settings, environment, from, out problem);
        if (target is null || settings.Dkim is null) return target;
        try { return target with { Signer = DkimSigning.Load(settings.Dkim, environment) }; }
        catch (MailSetupException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static SmtpTarget? Unsigned(SmtpSettings settings, Func<string, string?> environment, string from, out string? problem)
    {
        problem = null;
        var password = environment(PasswordVariable) ?? "";
        var sender = settings.From.Length > 0 ? settings.From : from;
        if (environment(UrlVariable) is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("smtp" or "smtps") || url.Host.Length == 0)
            {
                problem = $"{UrlVariable} must be a URL such as smtp://user@mail.example.org:587 or smtps://user@mail.example.org";
                return null;
            }
            var user = Uri.UnescapeDataString(url.UserInfo);
            if (user.Contains(':'))
            {
                problem = $"{UrlVariable} must not hold the password: set {PasswordVariable}";
                return null;
            }
            var tls = url.Scheme == "smtps";
            return new SmtpTarget(url.Host, url.IsDefaultPort || url.Port < 0 ? (tls ? 465 : 587) : url.Port,
                tls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, user, password, sender);
        }
        if (settings.Host.Length == 0) return null;
        return new SmtpTarget(settings.Host, settings.Port > 0 ? settings.Port : settings.Tls ? 465 : 587,
            settings.Tls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, settings.User, password, sender);
    }

    /// <summary>For messages: the address without the password.</summary>
    public override string ToString() => $"{(Security == SecureSocketOptions.SslOnConnect ? "smtps" : "smtp")}://{(User.Length > 0 ? User + "@" : "")}{Host}:{Port}";
}
