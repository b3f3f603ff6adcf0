using Dapper;
using Microsoft.Data.Sqlite;
using MimeKit;
using netDumbster.smtp;

namespace Lemma.Cli.Tests;

/// <summary>`lemma newsletter send`: a post to the confirmed subscribers (imported from a Substack export: two confirmed,
/// one unsubscribed) through a real SMTP server over TCP (netDumbster); a dry run, a test copy, and no second send by mistake.</summary>
public class NewsletterSendCommandTests
{
    // One message in flight: netDumbster greets one connection at a time.
    private static TempSite Site(int port)
    {
        var site = TempSite.From($"""
            -- site.yaml --
            title: T
            base_url: https://example.org/
            newsletter: {"{"} concurrency: 1 {"}"}
            smtp: {"{"} host: 127.0.0.1, port: {port}, from: news@example.org {"}"}
            -- content/posts/a.md --
            ---
            title: A first post
            date: 2024-01-01
            ---

            A post.
            """);
        var import = site.Lemma("newsletter", "import", Path.Combine(AppContext.BaseDirectory, "fixtures", "newsletter", "substack.csv"), "--source", site.Root);
        Assert.True(import.ExitCode == 0, import.ToString());
        return site;
    }

    private static MimeMessage[] Received(SimpleSmtpServer smtp) =>
        [.. smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))];

    private static long Issues(TempSite site)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(site.Root, "data", "comments.db")};Pooling=False");
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM newsletter_issues");
    }

    [Fact]
    public void A_post_goes_to_each_confirmed_subscriber_once_and_the_table_says_so()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        using var site = Site(smtp.Configuration.Port);
        var run = site.Lemma("newsletter", "send", "content/posts/a.md", "--source", site.Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"sent\s*│\s*2", run.Output);
        Assert.Matches(@"bounced\s*│\s*0", run.Output);
        var mails = Received(smtp);
        Assert.Equal(["ada@example.org", "bob@example.org"], mails.Select(m => m.To.Mailboxes.Single().Address).Order().ToArray());
        Assert.All(mails, m => Assert.Equal("A first post", m.Subject));
        Assert.All(mails, m => Assert.StartsWith("<https://example.org/_lemma/newsletter/unsubscribe?id=", m.Headers["List-Unsubscribe"]));
        Assert.All(mails, m => Assert.Matches(@"^issue-1\.sub-\d+@example\.org$", m.MessageId));
    }

    [Fact]
    public void Sending_a_post_twice_is_refused_unless_asked_with_again()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        using var site = Site(smtp.Configuration.Port);
        Assert.Equal(0, site.Lemma("newsletter", "send", "/posts/a/", "--source", site.Root).ExitCode);
        var twice = site.Lemma("newsletter", "send", "content/posts/a.md", "--source", site.Root);
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("content/posts/a.md was sent already", twice.Errors);
        Assert.Contains("add --again", twice.Errors);
        Assert.Equal(2, smtp.ReceivedEmailCount);
        var again = site.Lemma("newsletter", "send", "content/posts/a.md", "--again", "--source", site.Root);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(4, smtp.ReceivedEmailCount);
        Assert.Equal(2, Issues(site));
    }

    [Fact]
    public void A_dry_run_counts_the_confirmed_subscribers_and_sends_nothing()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        using var site = Site(smtp.Configuration.Port);
        var run = site.Lemma("newsletter", "send", "content/posts/a.md", "--dry-run", "--source", site.Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("would send \"A first post\" to 2 confirmed subscribers; nothing sent (dry run)", run.Output);
        Assert.Equal(0, smtp.ReceivedEmailCount);
        Assert.Equal(0, Issues(site));
    }

    [Fact]
    public void A_test_copy_goes_to_the_given_address_only_marked_as_a_test_in_its_subject_and_stores_no_issue()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        using var site = Site(smtp.Configuration.Port);
        var run = site.Lemma("newsletter", "send", "content/posts/a.md", "--test", "writer@example.org", "--source", site.Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("sent a test copy of \"A first post\" to writer@example.org", run.Output);
        var mail = Assert.Single(Received(smtp));
        Assert.Equal("writer@example.org", mail.To.Mailboxes.Single().Address);
        Assert.Equal("[Test] A first post", mail.Subject);
        Assert.Equal(0, Issues(site));
        // The real send is still to come.
        Assert.Equal(0, site.Lemma("newsletter", "send", "content/posts/a.md", "--source", site.Root).ExitCode);
        Assert.Equal(3, smtp.ReceivedEmailCount);
    }

    [Fact]
    public void Without_an_smtp_server_set_nothing_is_sent_or_stored()
    {
        using var site = TempSite.From("-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nnewsletter: true\n-- content/posts/a.md --\n---\ntitle: A\ndate: 2024-01-01\n---\n\nA post.\n");
        var run = site.Lemma("newsletter", "send", "content/posts/a.md", "--source", site.Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no SMTP server is set", run.Errors);
        Assert.Contains("nothing sent", run.Errors);
        Assert.Equal(0, Issues(site));
    }

    [Fact]
    public void A_test_copy_to_a_mail_server_that_is_down_says_so()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)) { probe.Start(); port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port; }
        using var site = Site(port);
        var run = site.Lemma("newsletter", "send", "content/posts/a.md", "--test", "writer@example.org", "--source", site.Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"the test copy to writer@example.org was not sent through smtp://127.0.0.1:{port}", run.Errors);
    }
}
