using System.Net;
using System.Net.Sockets;
using Lemma.Configuration;
using Lemma.Server.Mail;
using MailKit.Security;
using MimeKit;
using netDumbster.smtp;

namespace Lemma.Server.Tests;

/// <summary>The writer's mail, through a real SMTP server over TCP (netDumbster), read back as it arrived.</summary>
public class MailTests
{
    internal static Func<ServerOptions, ServerOptions> Smtp(int port) =>
        options => options with { Environment = name => name == SmtpTarget.UrlVariable ? $"smtp://127.0.0.1:{port}" : null };

    internal static async Task<MimeMessage[]> Arrived(SimpleSmtpServer smtp, int count)
    {
        for (var i = 0; i < 400 && smtp.ReceivedEmailCount < count; i++) await Task.Delay(50);
        Assert.Equal(count, smtp.ReceivedEmailCount);
        return [.. smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))];
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task The_writer_is_mailed_each_comment_with_signed_links_that_open_the_confirm_page(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await CommentedSite.Start(configure: Smtp(smtp.Configuration.Port), extraConfig: "smtp: { from: blog@example.org }\n", store: store);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(body: "Lovely *math*.")).StatusCode);
        var mail = (await Arrived(smtp, 1)).Single();
        Assert.Equal("writer@example.org", mail.To.Mailboxes.Single().Address);
        Assert.Equal("blog@example.org", mail.From.Mailboxes.Single().Address);
        Assert.Equal("[Notes] Comment awaiting approval on /posts/a/ by Ada", mail.Subject);
        Assert.Contains("<em>math</em>", mail.HtmlBody);
        Assert.Contains("Lovely *math*.", mail.TextBody);
        var approve = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"Approve: (\S+)").Groups[1].Value;
        Assert.StartsWith("https://example.org/_lemma/comments/moderate?id=1&action=approve&sig=", approve.Replace(site.Server.Address.ToString(), "https://example.org/"));
        Assert.Equal(HttpStatusCode.OK, (await site.Http.GetAsync(CommentedSite.Local(approve))).StatusCode);
        await AllSent(site);
    }

    /// <summary>Waits until the outbox has recorded every message as sent (the server took it a moment before).</summary>
    private static async Task AllSent(CommentedSite site)
    {
        for (var i = 0; i < 200 && (await site.Query<long>("SELECT id FROM outbox WHERE sent IS NULL")).Length > 0; i++) await Task.Delay(50);
        Assert.Empty(await site.Query<long>("SELECT id FROM outbox WHERE sent IS NULL"));
    }

    [Theory]
    [InlineData("Eve\r\nBcc: victim@example.org", "eve@example.org")]
    [InlineData("Eve\nTo: victim@example.org", "eve@example.org")]
    [InlineData("Eve", "eve@example.org\r\nBcc: victim@example.org")]
    [InlineData("Eve", "eve@example.org, victim@example.org")]
    [InlineData("Eve", "Eve <victim@example.org>")]
    public async Task A_line_break_or_second_address_in_the_name_or_email_is_a_form_error_and_no_mail_goes_out(string name, string email)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await CommentedSite.Start(configure: Smtp(smtp.Configuration.Port));
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Comment(name: name, email: email)).StatusCode);
        Assert.Empty(await site.Query<long>("SELECT id FROM outbox"));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Header_syntax_in_a_name_arrives_as_text_of_the_subject_with_one_recipient_and_no_added_header(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await CommentedSite.Start(configure: Smtp(smtp.Configuration.Port), store: store);
        var name = "=?utf-8?Q?Eve=0D=0ABcc:_victim@example.org?= Bcc: x@example.org";
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(name: name)).StatusCode);
        var mail = (await Arrived(smtp, 1)).Single();
        Assert.Equal($"[Notes] Comment awaiting approval on /posts/a/ by {name.Replace("=?", "= ?")}", mail.Subject);
        Assert.Empty(mail.Bcc);
        Assert.Equal(["writer@example.org"], mail.To.Mailboxes.Select(m => m.Address).ToArray());
        Assert.Equal(["writer@example.org"], smtp.ReceivedEmail.Single().ToAddresses.Select(a => a.Address).ToArray());
        Assert.DoesNotContain(mail.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task With_the_mail_server_down_the_comment_is_taken_at_once_and_its_mail_goes_out_when_the_server_is_back(Store store)
    {
        var port = FreePort();
        await using var site = await CommentedSite.Start(configure: Smtp(port), store: store);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment()).StatusCode);
        for (var i = 0; i < 400 && (await site.Query<long>("SELECT attempts FROM outbox")).Single() == 0; i++) await Task.Delay(50);
        Assert.Contains("Exception", (await site.Query<string>("SELECT last_error FROM outbox")).Single());
        using var smtp = netDumbster.smtp.Configuration.Configure().WithPort(port).Build();
        var mail = (await Arrived(smtp, 1)).Single();
        Assert.Equal("writer@example.org", mail.To.Mailboxes.Single().Address);
        await AllSent(site);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Mail_queued_before_a_restart_is_sent_after_it(Store store)
    {
        var port = FreePort();
        await using var site = await CommentedSite.Start(configure: Smtp(port), store: store);
        await site.Comment();
        using var smtp = netDumbster.smtp.Configuration.Configure().WithPort(port).Build();
        await site.Site.Restart(configure: site.Configure(Smtp(port)));
        Assert.Single(await Arrived(smtp, 1));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Sent_mail_is_deleted_from_the_outbox_30_days_later(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await CommentedSite.Start(configure: Smtp(smtp.Configuration.Port), store: store);
        await site.Comment();
        await Arrived(smtp, 1);
        await AllSent(site);
        site.Clock.Advance(TimeSpan.FromDays(31));
        await site.Site.Restart(configure: site.Configure(Smtp(smtp.Configuration.Port)));
        Assert.Empty(await site.Query<long>("SELECT id FROM outbox"));
    }

    [Fact]
    public async Task Without_mail_settings_the_mail_is_printed_for_the_writer()
    {
        await using var site = await CommentedSite.Start();
        await site.Comment(body: "Printed, not sent.");
        await site.Links("approve");
        var log = site.MailLog.ToString();
        Assert.Contains("printed instead of sent", log);
        Assert.Contains("To: writer@example.org", log);
        Assert.Contains("Printed, not sent.", log);
        Assert.Equal("comments on (data/comments.db, moderation: first); notifications to writer@example.org, printed here (no SMTP set)", site.Server.CommentsStatus);
    }

    [Theory]
    [InlineData("smtp://me@mail.example.org", "mail.example.org", 587, SecureSocketOptions.StartTlsWhenAvailable, "me")]
    [InlineData("smtp://mail.example.org:2525", "mail.example.org", 2525, SecureSocketOptions.StartTlsWhenAvailable, "")]
    [InlineData("smtps://me%40example.org@mail.example.org", "mail.example.org", 465, SecureSocketOptions.SslOnConnect, "me@example.org")]
    public void Lemma_smtp_is_a_url_whose_scheme_says_starttls_or_tls(string url, string host, int port, SecureSocketOptions security, string user)
    {
        var target = SmtpTarget.Find(new SmtpSettings { Host = "ignored.example" }, name => name switch
        {
            SmtpTarget.UrlVariable => url,
            SmtpTarget.PasswordVariable => "s3cret",
            _ => null,
        }, "blog@example.org", out var problem);
        Assert.Null(problem);
        Assert.Equal((host, port, security, user, "s3cret"), (target!.Host, target.Port, target.Security, target.User, target.Password));
        Assert.DoesNotContain("s3cret", target.ToString());
    }

    [Theory]
    [InlineData("smtp://me:hunter2@mail.example.org", "must not hold the password")]
    [InlineData("http://mail.example.org", "must be a URL such as")]
    public void A_password_in_lemma_smtp_or_another_scheme_is_refused(string url, string message)
    {
        Assert.Null(SmtpTarget.Find(new SmtpSettings(), name => name == SmtpTarget.UrlVariable ? url : null, "b@example.org", out var problem));
        Assert.Contains(message, problem);
        Assert.DoesNotContain("hunter2", problem);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
