using System.Net;
using System.Security.Cryptography;
using Lemma.Configuration;
using Lemma.Server.Mail;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Lemma.Server.Tests;

/// <summary>DKIM: with <c>smtp.dkim</c> set, every mail the server sends is signed, and a receiver holding the public key
/// that docs/newsletter.md says to publish in DNS verifies it.</summary>
public class DkimTests
{
    internal const string Settings = "smtp: { from: 'Notes <blog@example.org>', dkim: { domain: example.org, selector: lemma, key_file: data/dkim.pem } }\n";

    /// <summary>A receiver's DNS for one domain: the TXT record of lemma._domainkey.example.org, as the docs write it.</summary>
    internal sealed class PublishedKey(RSA key) : DkimPublicKeyLocatorBase
    {
        public string Record { get; } = "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            (domain, selector) == ("example.org", "lemma") ? GetPublicKey(Record) : throw new InvalidOperationException($"no key at {selector}._domainkey.{domain}");

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }

    /// <summary>True when <paramref name="mail"/>'s DKIM signature verifies under the public key of <paramref name="key"/>;
    /// also returns the header fields it covers.</summary>
    internal static (bool Valid, string[] Signed) Verify(MimeMessage mail, RSA key)
    {
        var signature = mail.Headers[HeaderId.DkimSignature] ?? throw new Xunit.Sdk.XunitException("the mail has no DKIM-Signature");
        var tags = signature.Split(';').Select(t => t.Trim().Split('=', 2)).Where(t => t.Length == 2).ToDictionary(t => t[0].Trim(), t => t[1]);
        var signed = tags["h"].Split(':').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var index = mail.Headers.IndexOf(HeaderId.DkimSignature);
        return (new DkimVerifier(new PublishedKey(key)).Verify(mail, mail.Headers[index]), signed);
    }

    [Fact]
    public async Task Mail_from_the_outbox_is_signed_over_its_headers_and_the_signature_verifies_with_the_published_key()
    {
        using var key = RSA.Create(2048);
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await CommentedSite.Start(configure: MailTests.Smtp(smtp.Configuration.Port), extraConfig: Settings,
            files: new Dictionary<string, string> { ["data/dkim.pem"] = key.ExportRSAPrivateKeyPem() });
        Assert.Contains("signed with DKIM (lemma._domainkey.example.org)", site.Server.CommentsStatus);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(body: "Lovely *math* — with ünïcode.")).StatusCode);
        var mail = (await MailTests.Arrived(smtp, 1)).Single();
        var (valid, signed) = Verify(mail, key);
        Assert.True(valid);
        Assert.Contains("d=example.org", mail.Headers[HeaderId.DkimSignature]);
        Assert.Subset(signed.ToHashSet(), new HashSet<string> { "from", "to", "subject", "date", "message-id", "mime-version", "content-type" });

        // A copy changed on the way (a subject rewritten) no longer verifies.
        mail.Subject = "Something else";
        Assert.False(Verify(mail, key).Valid);
    }

    [Fact]
    public async Task A_key_in_the_environment_signs_without_a_key_file()
    {
        using var key = RSA.Create(2048);
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        var pem = key.ExportPkcs8PrivateKeyPem();
        await using var site = await CommentedSite.Start(extraConfig: "smtp: { from: blog@example.org, dkim: { domain: example.org, selector: lemma } }\n",
            configure: options => options with
            {
                Environment = name => name switch
                {
                    SmtpTarget.UrlVariable => $"smtp://127.0.0.1:{smtp.Configuration.Port}",
                    DkimSigning.KeyVariable => pem,
                    _ => null,
                },
            });
        await site.Comment();
        Assert.True(Verify((await MailTests.Arrived(smtp, 1)).Single(), key).Valid);
    }

    [Theory]
    [InlineData("", "error: smtp.dkim.key_file: cannot read")]
    [InlineData("not a key", "holds no RSA private key in PEM form")]
    public async Task A_key_that_cannot_be_read_stops_the_server_at_start_and_says_where_it_was_set(string file, string message)
    {
        var root = Directory.CreateTempSubdirectory("lemma-dkim-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "site.yaml"), "title: Notes\nbase_url: https://example.org/\nnewsletter: true\n" + Settings.Replace("{ from", "\n  { from"));
            if (file.Length > 0)
            {
                Directory.CreateDirectory(Path.Combine(root, "data"));
                File.WriteAllText(Path.Combine(root, "data", "dkim.pem"), file);
            }
            await using var server = LemmaServer.Create(new ServerOptions { Source = root, Port = 0, Production = true, Environment = _ => null, MailLog = TextWriter.Null });
            var error = await Assert.ThrowsAsync<MailSetupException>(() => server.StartAsync());
            Assert.StartsWith("site.yaml:5: error: smtp.dkim", error.Message);
            Assert.Contains(message, error.Message);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Theory]
    [InlineData("key_file: static/dkim.pem", "would be published with the site")]
    [InlineData("key_file: dkim.pem", "would be published with the site")]
    [InlineData("selector: 'a b', domain: example.org", "smtp.dkim.selector must be a DNS label")]
    public void A_key_file_the_site_would_publish_or_a_bad_selector_is_a_config_error_at_its_line(string dkim, string message)
    {
        var root = Directory.CreateTempSubdirectory("lemma-dkim-").FullName;
        try
        {
            var settings = dkim.StartsWith("key_file", StringComparison.Ordinal) ? $"domain: example.org, selector: lemma, {dkim}" : dkim;
            File.WriteAllText(Path.Combine(root, "site.yaml"), $"title: Notes\nsmtp:\n  host: mail.example.org\n  dkim: {{ {settings} }}\n");
            var error = Assert.Single(ConfigLoader.Load(root).Diagnostics, d => d.IsError);
            Assert.Equal(("site.yaml", 4), (error.Span.Path, error.Span.Line));
            Assert.Contains(message, error.Message);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
