using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Lemma.Server.Newsletter;
using MimeKit;
using netDumbster.smtp;

namespace Lemma.Server.Tests;

/// <summary>Under `serve --production`, a post marked <c>newsletter: true</c> goes out on its own once it is live, once
/// only, and mail the server deferred or a crash left half sent goes out when due; SQLite and PostgreSQL alike.</summary>
public class NewsletterAutoSendTests
{
    private static async Task<CommentedSite> Start(Store store, SimpleSmtpServer? smtp, string config = "", Dictionary<string, string>? files = null, bool production = true) =>
        await CommentedSite.Start("{ enabled: false }", production, Options(smtp), "newsletter: { concurrency: 1 }\n" + config, store, files); // netDumbster serves one connection at a time

    private static Func<ServerOptions, ServerOptions> Options(SimpleSmtpServer? smtp) => options =>
        (smtp is null ? options : MailTests.Smtp(smtp.Configuration.Port)(options)) with { NewsletterCheck = TimeSpan.FromMilliseconds(50) };

    private static Task Restart(CommentedSite site, SimpleSmtpServer? smtp, bool production = true) =>
        site.Site.Restart(production, site.Configure(Options(smtp)));

    private static Task Subscribers(CommentedSite site, params string[] emails) =>
        site.Server.CommentService!.Subscribers.Import([.. emails.Select(e => new ImportedSubscriber(e, "", SubscriberState.Confirmed, 1, 1, "form"))]);

    /// <summary>A marked post dated <paramref name="from"/> the site's clock's now.</summary>
    private static string Marked(CommentedSite site, string title, TimeSpan from) =>
        $"---\ntitle: {title}\ndate: {(site.Clock.GetUtcNow() + from).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\nnewsletter: true\n---\n\n{title} for the readers.\n";

    /// <summary>Waits for two whole passes of the server's newsletter work, so that what it would do it has done.</summary>
    private static async Task Settled(LemmaServer server)
    {
        await server.Dispatch!.Passed().WaitAsync(TimeSpan.FromSeconds(30));
        await server.Dispatch!.Passed().WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<string> Log(CommentedSite site, string part)
    {
        for (var i = 0; i < 400 && !site.MailLog.ToString().Contains(part, StringComparison.Ordinal); i++) await Task.Delay(50);
        return site.MailLog.ToString();
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_marked_post_goes_out_signed_to_every_subscriber_once_it_is_live_and_not_again_after_a_restart(Store store)
    {
        using var key = RSA.Create(2048);
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await Start(store, smtp, DkimTests.Settings, new() { ["data/dkim.pem"] = key.ExportRSAPrivateKeyPem() });
        await Subscribers(site, "ada@example.org", "bob@example.org");
        site.Site.Write("content/posts/news.md", Marked(site, "News", TimeSpan.FromHours(-1)));
        await Restart(site, smtp); // a deploy

        var mails = await MailTests.Arrived(smtp, 2);
        Assert.Equal(["ada@example.org", "bob@example.org"], mails.Select(m => m.To.Mailboxes.Single().Address).Order().ToArray());
        foreach (var mail in mails)
        {
            Assert.Equal("News", mail.Subject);
            Assert.Contains("https://example.org/posts/news/", mail.HtmlBody);
            Assert.Matches(@"^issue-\d+\.sub-\d+@example\.org$", mail.MessageId);
            var (valid, signed) = DkimTests.Verify(mail, key);
            Assert.True(valid);
            Assert.Contains("list-unsubscribe", signed);
            Assert.Contains("list-unsubscribe-post", signed);
        }
        Assert.Contains("newsletter: content/posts/news.md is live: sending \"News\" to 2 confirmed subscribers", await Log(site, "is live"));

        await Settled(site.Server);
        await Restart(site, smtp);
        await Settled(site.Server);
        Assert.Equal(2, smtp.ReceivedEmailCount);
        Assert.Equal(["content/posts/news.md"], await site.Query<string>("SELECT post FROM newsletter_issues"));
        Assert.Equal(["sent", "sent"], await site.Query<string>("SELECT state FROM newsletter_deliveries"));
    }

    [Fact]
    public async Task A_marked_post_published_before_the_newsletter_first_started_is_not_mailed_and_the_log_says_how_to_send_it()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await Start(Store.Sqlite, smtp);
        await Subscribers(site, "ada@example.org");
        site.Site.Write("content/posts/old.md", "---\ntitle: Old\ndate: 2024-03-01\nnewsletter: true\n---\n\nFrom the archive.\n");
        site.Site.Write("content/posts/draft.md", Marked(site, "Draft", TimeSpan.FromHours(-1)).Replace("newsletter: true", "newsletter: true\ndraft: true"));
        await Restart(site, smtp);
        await Settled(site.Server);
        Assert.Equal(0, smtp.ReceivedEmailCount);
        Assert.Empty(await site.Query<string>("SELECT post FROM newsletter_issues"));
        Assert.Contains("content/posts/old.md has newsletter: true but was published before the newsletter first sent on its own", site.MailLog.ToString());
        Assert.Contains("`lemma newsletter send content/posts/old.md` sends it", site.MailLog.ToString());
        Assert.DoesNotContain("draft.md", site.MailLog.ToString());
    }

    [Fact]
    public async Task A_post_dated_ahead_goes_out_when_its_time_comes_and_is_live_by_then()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await Start(Store.Sqlite, smtp);
        await Subscribers(site, "ada@example.org");
        site.Site.Write("content/posts/later.md", Marked(site, "Later", TimeSpan.FromHours(2)));
        await Restart(site, smtp);
        await Settled(site.Server);
        Assert.Equal(0, smtp.ReceivedEmailCount);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Http.GetAsync("posts/later/")).StatusCode);

        site.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal("Later", (await MailTests.Arrived(smtp, 1)).Single().Subject);
        Assert.Equal(HttpStatusCode.OK, (await site.Http.GetAsync("posts/later/")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Deferred_mail_and_mail_a_crash_left_half_sent_go_out_when_due_without_running_the_command_again(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await Start(store, smtp);
        await Subscribers(site, "ada@example.org", "bob@example.org", "cy@example.org");
        // What `lemma newsletter send` leaves behind when the mail server deferred one message and the command was then
        // killed with another in flight: one row queued, one deferred for a minute, one claimed for five.
        var now = site.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await site.Server.CommentService!.Database.Run(sql =>
        {
            var issue = IssueQueue.Create(sql, "content/posts/a.md", "A", "<p>A</p>", "A", "example.org", now);
            var claimed = IssueQueue.Claim(sql, issue, now, TimeSpan.FromMinutes(5), 2);
            IssueQueue.Deferred(sql, claimed[1], "451 try later", now, TimeSpan.FromMinutes(1));
            return issue;
        });
        site.Server.Dispatch!.Wake();
        Assert.Equal(["cy@example.org"], (await MailTests.Arrived(smtp, 1)).Select(m => m.To.Mailboxes.Single().Address));
        await Settled(site.Server);
        Assert.Equal(1, smtp.ReceivedEmailCount);

        // The server's timer may be set just after a move of the clock; a wake makes the pass it would have made.
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        site.Server.Dispatch!.Wake();
        Assert.Equal(["bob@example.org", "cy@example.org"], (await MailTests.Arrived(smtp, 2)).Select(m => m.To.Mailboxes.Single().Address).Order().ToArray());
        site.Clock.Advance(TimeSpan.FromMinutes(5));
        site.Server.Dispatch!.Wake();
        Assert.Equal(["ada@example.org", "bob@example.org", "cy@example.org"], (await MailTests.Arrived(smtp, 3)).Select(m => m.To.Mailboxes.Single().Address).Order().ToArray());
        // A message arrives before its sender marks its row sent: the pass that sent it ends first.
        await Settled(site.Server);
        Assert.Equal(["sent", "sent", "sent"], await site.Query<string>("SELECT state FROM newsletter_deliveries"));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Two_servers_sharing_a_store_make_one_issue_and_each_subscriber_gets_one_copy(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await Start(store, smtp);
        await Subscribers(site, "ada@example.org", "bob@example.org", "cy@example.org");
        site.Site.Write("content/posts/news.md", Marked(site, "News", TimeSpan.FromHours(-1)));
        // A second instance behind the same load balancer, started with the first.
        await using var other = LemmaServer.Create(site.Configure(Options(smtp))(new ServerOptions { Source = site.Site.Root, Port = 0, Production = true }));
        await Task.WhenAll(Restart(site, smtp), other.StartAsync());
        await MailTests.Arrived(smtp, 3);
        await Task.WhenAll(Settled(site.Server), Settled(other));
        Assert.Equal(3, smtp.ReceivedEmailCount);
        Assert.Equal(["content/posts/news.md"], await site.Query<string>("SELECT post FROM newsletter_issues"));
    }

    [Fact]
    public async Task Without_smtp_settings_the_issue_is_printed_for_the_writer()
    {
        await using var site = await Start(Store.Sqlite, smtp: null);
        await Subscribers(site, "ada@example.org");
        site.Site.Write("content/posts/news.md", Marked(site, "News", TimeSpan.FromHours(-1)));
        await Restart(site, smtp: null);
        var log = await Log(site, "Subject: News");
        Assert.Contains("mail (no SMTP set; printed instead of sent)\nTo: ada@example.org\nSubject: News\n", log);
        Assert.Contains("News for the readers.", log);
    }

    [Fact]
    public async Task The_preview_never_sends()
    {
        await using var site = await Start(Store.Sqlite, smtp: null, production: false);
        await Subscribers(site, "ada@example.org");
        site.Site.Write("content/posts/news.md", Marked(site, "News", TimeSpan.FromHours(-1)));
        await Restart(site, smtp: null, production: false);
        Assert.Null(site.Server.Dispatch);
        Assert.Empty(await site.Query<string>("SELECT post FROM newsletter_issues"));
    }
}
