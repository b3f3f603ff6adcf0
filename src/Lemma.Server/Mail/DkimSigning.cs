using System.Text;
using Lemma.Configuration;
using MimeKit;
using MimeKit.Cryptography;

namespace Lemma.Server.Mail;

/// <summary>A mail set-up that cannot work (a DKIM key that cannot be read): the server does not start, and says why.</summary>
public sealed class MailSetupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Signs each outgoing message with DKIM (RFC 6376, rsa-sha256, relaxed/relaxed) under site.yaml's <c>smtp.dkim</c>, so
/// receivers can tell the mail comes from the domain it names. Signing is safe from several threads at once.
/// </summary>
public sealed class DkimSigning
{
    /// <summary>The PEM of the private key, for a key kept out of the site's files (and out of git).</summary>
    public const string KeyVariable = "LEMMA_DKIM_KEY";

    // What a receiver must see unchanged: who, to whom, what, when, which message, how to leave, and how the body reads.
    private static readonly string[] Signed =
        ["From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type"];

    private readonly DkimSigner signer;

    private DkimSigning(DkimSigner signer) => this.signer = signer;

    public string Domain => signer.Domain;
    public string Selector => signer.Selector;

    /// <summary>The signer <paramref name="settings"/> describe, null when they describe none. Throws
    /// <see cref="MailSetupException"/> when the key cannot be read or is no private key.</summary>
    public static DkimSigning? Load(DkimSettings? settings, Func<string, string?> environment)
    {
        if (settings is null) return null;
        var where = $"{settings.Origin}: error: smtp.dkim";
        byte[] pem;
        string from;
        if (environment(KeyVariable) is { Length: > 0 } text)
        {
            pem = Encoding.ASCII.GetBytes(text);
            from = KeyVariable;
        }
        else if (settings.KeyFile.Length == 0)
            throw new MailSetupException($"{where}: no private key: set smtp.dkim.key_file, or put the key's PEM in {KeyVariable}");
        else
        {
            try { pem = File.ReadAllBytes(settings.KeyFile); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new MailSetupException($"{where}.key_file: cannot read {settings.KeyFile}: {e.Message}", e);
            }
            from = settings.KeyFile;
        }
        try
        {
            var signer = new DkimSigner(new MemoryStream(pem), settings.Domain, settings.Selector, DkimSignatureAlgorithm.RsaSha256)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
            return new DkimSigning(signer);
        }
        // MimeKit reads the PEM with BouncyCastle: what it throws for a file that is no usable key (another kind of key, an
        // encrypted one, no key at all) varies with what the file is.
        catch (Exception e)
        {
            throw new MailSetupException($"{where}: {from} holds no RSA private key in PEM form (make one with `openssl genrsa -out dkim.pem 2048`): {e.Message}", e);
        }
    }

    /// <summary>Signs <paramref name="message"/> as it will be sent: its parts are first given encodings that survive
    /// any relay (7 bit), since a relay that re-encodes a signed body breaks the signature.</summary>
    public void Sign(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, Signed);
    }
}
