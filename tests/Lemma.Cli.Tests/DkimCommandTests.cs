using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Lemma.Cli.Tests;

/// <summary>DKIM from the command line: `lemma newsletter send` signs with the site's key, and `lemma serve` will not start
/// with a key it cannot read.</summary>
public class DkimCommandTests
{
    /// <summary>The TXT record of lemma._domainkey.example.org, as docs/newsletter.md says to publish it.</summary>
    private sealed class PublishedKey(RSA key) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            (domain, selector) == ("example.org", "lemma")
                ? GetPublicKey("v=DKIM1; k=rsa; p=" + Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()))
                : throw new InvalidOperationException($"no key at {selector}._domainkey.{domain}");

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }

    private static TempSite Site(int port, string pem) => TempSite.From($"""
        -- site.yaml --
        title: T
        base_url: https://example.org/
        newsletter:
          concurrency: 1   # netDumbster serves one connection at a time
        smtp:
          host: 127.0.0.1
          port: {port}
          from: news@example.org
          dkim: {"{"} domain: example.org, selector: lemma, key_file: data/dkim.pem {"}"}
        -- data/dkim.pem --
        {pem}
        -- content/posts/a.md --
        ---
        title: A first post
        date: 2024-01-01
        ---

        A post.
        """);

    [Fact]
    public void An_issue_sent_by_the_command_is_signed_and_verifies_with_the_published_key()
    {
        using var key = RSA.Create(2048);
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        using var site = Site(smtp.Configuration.Port, key.ExportPkcs8PrivateKeyPem());
        var import = site.Lemma("newsletter", "import", Path.Combine(AppContext.BaseDirectory, "fixtures", "newsletter", "substack.csv"), "--source", site.Root);
        Assert.True(import.ExitCode == 0, import.ToString());
        var run = site.Lemma("newsletter", "send", "content/posts/a.md", "--source", site.Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        var mails = smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data)))).ToArray();
        Assert.Equal(2, mails.Length);
        var verifier = new DkimVerifier(new PublishedKey(key));
        Assert.All(mails, mail => Assert.True(verifier.Verify(mail, mail.Headers[mail.Headers.IndexOf(HeaderId.DkimSignature)])));
    }

    [Fact]
    public void Serve_does_not_start_with_a_key_it_cannot_read_and_names_the_line_that_set_it()
    {
        using var site = Site(25, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----");
        var run = site.Lemma("serve", "--production", "--port", "0", "--source", site.Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("site.yaml:9: error: smtp.dkim: data/dkim.pem holds no RSA private key in PEM form", run.Errors.Replace(site.Root + Path.DirectorySeparatorChar, ""));
    }
}
