using Lemma.Newsletter;
using Lemma.Server.Mail;
using Lemma.Server.Newsletter;
using Lemma.Server.Storage;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using netDumbster.smtp;

namespace Lemma.Server.Tests;

/// <summary>Sending an issue: the durable queue of deliveries and the sender, through a real SMTP server over TCP
/// (netDumbster) whose messages are read back; SQLite and PostgreSQL alike.</summary>
public class NewsletterSendTests
{
    private const string BaseUrl = "https://example.org/";

    /// <summary>A store with subscribers in every state, the site's links, and a clock to move.</summary>
    private sealed class Sending : IAsyncDisposable
    {
        public Database Database { get; private init; } = null!;
        public SubscriberLinks Links { get; private init; } = null!;
        public TestClock Clock { get; } = new();
        private string root = "";

        public static async Task<Sending> Start(Store store)
        {
            var root = Directory.CreateTempSubdirectory("lemma-send-").FullName;
            var setting = store == Store.Postgres ? await PostgresCluster.NewDatabase() : "data/comments.db";
            var database = await Database.Open(setting, root);
            var sending = new Sending { Database = database, Links = new SubscriberLinks(await SiteSecret.Load(database), "news@example.org"), root = root };
            await new SubscriberStore(database, sending.Clock).Import([
                new("ada@example.org", "Ada", SubscriberState.Confirmed, 1, 1, "form"),
                new("bob@example.org", "Bob", SubscriberState.Confirmed, 1, 1, "form"),
                new("cy@example.org", "Cy", SubscriberState.Confirmed, 1, 1, "form"),
                new("pat@example.org", "Pat", SubscriberState.Pending, 1, null, "form"),
                new("una@example.org", "Una", SubscriberState.Unsubscribed, 1, 1, "form"),
                new("bea@example.org", "Bea", SubscriberState.Bounced, 1, 1, "form"),
            ]);
            return sending;
        }

        public Task<long> Issue() => Database.Run(sql => IssueQueue.Create(sql, "content/posts/a.md", "A post",
            $"<p>Hello.</p><p><a href=\"{PostEmail.UnsubscribeSlot}\">Unsubscribe</a></p>", $"Hello.\n\nUnsubscribe: {PostEmail.UnsubscribeSlot}\n",
            "example.org", Clock.GetUtcNow().ToUnixTimeMilliseconds()));

        // One message in flight: netDumbster greets one connection at a time, and a second kept open would wait for the first.
        public IssueSender Sender(IMailTransport transport, SenderSettings? settings = null) =>
            new(Database, transport, Links, BaseUrl, Clock, settings ?? SenderSettings.Default with { Concurrency = 1, FirstRetry = TimeSpan.FromMinutes(1) });

        public async Task<string> StateOf(string email) =>
            await Database.Run(sql => sql.Single<string>("SELECT state FROM subscribers WHERE email = @email", new { email })) ?? "none";

        public async ValueTask DisposeAsync()
        {
            Database.Dispose();
            await Task.Yield();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static SmtpTransport Smtp(SimpleSmtpServer smtp) =>
        new(new SmtpTarget("127.0.0.1", smtp.Configuration.Port, SecureSocketOptions.None, "", "", "Notes <news@example.org>"));

    private static MimeMessage[] Received(SimpleSmtpServer smtp) =>
        [.. smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))];

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Every_confirmed_subscriber_gets_one_message_with_their_own_unsubscribe_link_and_headers_and_no_one_else_gets_any(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var sending = await Sending.Start(store);
        var issue = await sending.Issue();
        // Over connections kept open between messages, as `lemma newsletter send` sends.
        await using var pooled = new PooledSmtpTransport(new SmtpTarget("127.0.0.1", smtp.Configuration.Port, SecureSocketOptions.None, "", "", "Notes <news@example.org>"));
        var counts = await sending.Sender(pooled).Run(issue);
        Assert.Equal(new DeliveryCounts(Sent: 3, Deferred: 0, Bounced: 0, Failed: 0, Waiting: 0), counts);
        var mails = Received(smtp);
        Assert.Equal(["ada@example.org", "bob@example.org", "cy@example.org"], mails.Select(m => m.To.Mailboxes.Single().Address).Order().ToArray());
        foreach (var mail in mails)
        {
            var id = (await sending.Database.Run(sql => sql.Single<long>("SELECT id FROM subscribers WHERE email = @e", new { e = mail.To.Mailboxes.Single().Address })));
            var link = sending.Links.Unsubscribe(BaseUrl, new Subscriber { Id = id, Email = mail.To.Mailboxes.Single().Address });
            Assert.Equal("A post", mail.Subject);
            Assert.Contains($"href=\"{System.Net.WebUtility.HtmlEncode(link)}\"", mail.HtmlBody);
            Assert.Contains($"Unsubscribe: {link}", mail.TextBody);
            Assert.DoesNotContain(PostEmail.UnsubscribeSlot, mail.HtmlBody + mail.TextBody);
            Assert.Equal($"<{link}>, <mailto:news@example.org?subject=Unsubscribe&body={Uri.EscapeDataString(link)}>", mail.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
            Assert.Equal($"issue-{issue}.sub-{id}@example.org", mail.MessageId);
        }
        Assert.Equal(["sent", "sent", "sent"], await sending.Database.Run(sql => sql.Query<string>("SELECT state FROM newsletter_deliveries").ToArray()));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_sender_restarted_after_its_rows_were_claimed_sends_them_once_the_lease_ends_and_a_copy_in_flight_keeps_its_message_id(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var sending = await Sending.Start(store);
        var issue = await sending.Issue();
        // A sender claims every row, hands one message to the server, and dies before recording it.
        var claimed = await sending.Database.Run(sql => IssueQueue.Claim(sql, issue, sending.Clock.GetUtcNow().ToUnixTimeMilliseconds(), TimeSpan.FromMinutes(5), 64));
        Assert.Equal(3, claimed.Count);
        var stored = (await sending.Database.Run(sql => IssueQueue.Find(sql, issue)))!;
        await Smtp(smtp).Send(sending.Sender(Smtp(smtp)).Message(stored, claimed[0].Subscriber, claimed[0].MessageId), default);

        // While the lease holds, another sender takes nothing.
        Assert.Equal(new DeliveryCounts(0, 0, 0, 0, 3), await sending.Sender(Smtp(smtp)).Run(issue));
        Assert.Single(Received(smtp));

        sending.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(new DeliveryCounts(3, 0, 0, 0, 0), await sending.Sender(Smtp(smtp)).Run(issue));
        var byAddress = Received(smtp).GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.Equal(3, byAddress.Count);
        Assert.Equal(2, byAddress[claimed[0].Subscriber.Email].Length);
        Assert.Single(byAddress[claimed[0].Subscriber.Email].Select(m => m.MessageId).Distinct());
        Assert.All(byAddress.Where(p => p.Key != claimed[0].Subscriber.Email), p => Assert.Single(p.Value));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Rows_claimed_by_a_sender_that_is_gone_are_sent_at_once_without_waiting_for_the_lease(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var sending = await Sending.Start(store);
        var issue = await sending.Issue();
        // A sender of this machine claims every row and is killed: its process id now belongs to a process started at
        // another time (this one), as after the id was reused.
        var dead = new Claimant(Environment.MachineName, Environment.ProcessId, Started: 1);
        Assert.True(Claimant.IsGone(dead.ToString()));
        var claimed = await sending.Database.Run(sql => IssueQueue.Claim(sql, issue, sending.Clock.GetUtcNow().ToUnixTimeMilliseconds(), TimeSpan.FromMinutes(5), 64, dead));
        Assert.Equal(3, claimed.Count);

        // The clock has not moved: the lease still holds, and the rows are sent all the same.
        Assert.Equal(new DeliveryCounts(3, 0, 0, 0, 0), await sending.Sender(Smtp(smtp)).Run(issue));
        Assert.Equal(3, Received(smtp).Length);
    }

    [Fact]
    public async Task A_sender_that_died_but_was_not_yet_reaped_by_its_parent_counts_as_gone()
    {
        // The shell starts a child that ends at once, then becomes a process that never reaps it: the child stays a zombie.
        using var parent = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", "sleep 1 & echo $!; exec sleep 30"]) { RedirectStandardOutput = true })!;
        try
        {
            var pid = int.Parse(await parent.StandardOutput.ReadLineAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
            var claimant = Claimant.Of(pid)!;
            Assert.False(Claimant.IsGone(claimant.ToString())); // running (sleep 1)
            while (!File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal)) await Task.Delay(10);
            Assert.True(Claimant.IsGone(claimant.ToString()));
        }
        finally { parent.Kill(); }
    }

    [Fact]
    public async Task Rows_claimed_by_a_live_sender_or_one_on_another_machine_wait_for_the_lease()
    {
        await using var sending = await Sending.Start(Store.Sqlite);
        var issue = await sending.Issue();
        var now = sending.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.False(Claimant.IsGone(Claimant.Current().ToString()));
        Assert.False(Claimant.IsGone(new Claimant("another-machine", 1, 1).ToString()));
        await sending.Database.Run(sql => IssueQueue.Claim(sql, issue, now, TimeSpan.FromMinutes(5), 2, Claimant.Current()));
        await sending.Database.Run(sql => IssueQueue.Claim(sql, issue, now, TimeSpan.FromMinutes(5), 1, new Claimant("another-machine", 1, 1)));

        var server = new Refusing(SmtpStatusCode.Ok);
        Assert.Equal(new DeliveryCounts(0, 0, 0, 0, 3), await sending.Sender(server).Run(issue));
        sending.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(new DeliveryCounts(3, 0, 0, 0, 0), await sending.Sender(server).Run(issue));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Many_messages_in_flight_at_a_set_rate_give_every_subscriber_exactly_one_copy(Store store)
    {
        await using var sending = await Sending.Start(store);
        await new SubscriberStore(sending.Database, sending.Clock).Import(
            [.. Enumerable.Range(0, 300).Select(i => new ImportedSubscriber($"r{i}@example.org", "", SubscriberState.Confirmed, 1, 1, "import"))]);
        var issue = await sending.Issue();
        var settings = SenderSettings.From(new Lemma.Configuration.NewsletterSettings { Concurrency = 8, Rate = 1000, BounceAfter = 1 });
        Assert.Equal((8, 1000, 1), (settings.Concurrency, settings.Rate, settings.BounceAfter));
        var server = new Slow();
        Assert.Equal(new DeliveryCounts(303, 0, 0, 0, 0), await sending.Sender(server, settings).Run(issue));
        Assert.Equal(303, server.Taken.Count);
        Assert.Equal(303, server.Taken.Distinct().Count());
        Assert.True(server.MostAtOnce > 1, $"at most {server.MostAtOnce} in flight");
        Assert.True(server.MostAtOnce <= 8, $"{server.MostAtOnce} in flight");
    }

    /// <summary>Takes every message after a moment, and counts how many it held at once.</summary>
    private sealed class Slow : IMailTransport
    {
        private int inFlight;
        public System.Collections.Concurrent.ConcurrentBag<string> Taken { get; } = [];
        public int MostAtOnce { get; private set; }

        public async Task Send(MailMessage message, CancellationToken cancel)
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (Taken) MostAtOnce = System.Math.Max(MostAtOnce, now);
            await Task.Delay(2, cancel);
            Taken.Add(message.MessageId!);
            Interlocked.Decrement(ref inFlight);
        }
    }

    /// <summary>Answers as a mail server would with <paramref name="status"/> to the listed addresses, and takes the rest.</summary>
    private sealed class Refusing(SmtpStatusCode status, params string[] addresses) : IMailTransport
    {
        public SmtpErrorCode Error { get; init; } = SmtpErrorCode.RecipientNotAccepted;
        public List<string> Taken { get; } = [];
        public bool Refuse { get; set; } = true;

        public Task Send(MailMessage message, CancellationToken cancel)
        {
            lock (Taken)
            {
                if (Refuse && addresses.Contains(message.To))
                    throw new SmtpCommandException(Error, status, MailboxAddress.Parse(message.To), $"{(int)status} no");
                Taken.Add(message.To);
            }
            return Task.CompletedTask;
        }
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_4xx_reply_defers_the_message_and_it_is_sent_after_the_backoff(Store store)
    {
        await using var sending = await Sending.Start(store);
        var issue = await sending.Issue();
        var server = new Refusing(SmtpStatusCode.MailboxBusy, "bob@example.org");
        Assert.Equal(new DeliveryCounts(2, 1, 0, 0, 0), await sending.Sender(server).Run(issue));
        Assert.StartsWith("450", (await sending.Database.Run(sql => sql.Single<string>("SELECT last_reply FROM newsletter_deliveries WHERE state = 'deferred'")))!);

        server.Refuse = false;
        // Not before its time: the first retry waits a minute.
        Assert.Equal(new DeliveryCounts(2, 1, 0, 0, 0), await sending.Sender(server).Run(issue));
        sending.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new DeliveryCounts(3, 0, 0, 0, 0), await sending.Sender(server).Run(issue));
        Assert.Equal(["ada@example.org", "bob@example.org", "cy@example.org"], server.Taken.Order().ToArray());
        Assert.Equal("confirmed", await sending.StateOf("bob@example.org"));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_5xx_reply_marks_the_message_and_the_subscriber_bounced(Store store)
    {
        await using var sending = await Sending.Start(store);
        var issue = await sending.Issue();
        var server = new Refusing(SmtpStatusCode.MailboxUnavailable, "cy@example.org");
        Assert.Equal(new DeliveryCounts(2, 0, 1, 0, 0), await sending.Sender(server).Run(issue));
        Assert.Equal("bounced", await sending.StateOf("cy@example.org"));
        Assert.StartsWith("550", (await sending.Database.Run(sql => sql.Single<string>("SELECT last_reply FROM newsletter_deliveries WHERE state = 'bounced'")))!);
    }

    [Fact]
    public async Task A_5xx_to_the_sender_rather_than_the_recipient_defers_and_bounces_no_one()
    {
        await using var sending = await Sending.Start(Store.Sqlite);
        var issue = await sending.Issue();
        var server = new Refusing(SmtpStatusCode.MailboxUnavailable, "ada@example.org", "bob@example.org", "cy@example.org") { Error = SmtpErrorCode.SenderNotAccepted };
        Assert.Equal(new DeliveryCounts(0, 3, 0, 0, 0), await sending.Sender(server).Run(issue));
        Assert.Equal("confirmed", await sending.StateOf("ada@example.org"));
    }

    [Fact]
    public async Task A_5xx_to_the_message_fails_that_copy_and_keeps_the_subscriber()
    {
        await using var sending = await Sending.Start(Store.Sqlite);
        var issue = await sending.Issue();
        var server = new Refusing(SmtpStatusCode.TransactionFailed, "ada@example.org") { Error = SmtpErrorCode.MessageNotAccepted };
        Assert.Equal(new DeliveryCounts(2, 0, 0, 1, 0), await sending.Sender(server).Run(issue));
        Assert.Equal("confirmed", await sending.StateOf("ada@example.org"));
    }

    [Fact]
    public async Task A_subscriber_who_unsubscribes_after_the_issue_was_made_is_not_sent_it()
    {
        await using var sending = await Sending.Start(Store.Sqlite);
        var issue = await sending.Issue();
        await sending.Database.Run(sql => sql.Execute("UPDATE subscribers SET state = 'unsubscribed' WHERE email = 'ada@example.org'"));
        var server = new Refusing(SmtpStatusCode.Ok);
        Assert.Equal(new DeliveryCounts(2, 0, 0, 1, 0), await sending.Sender(server).Run(issue));
        Assert.DoesNotContain("ada@example.org", server.Taken);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task With_bounce_after_two_a_subscriber_is_bounced_at_the_second_hard_bounce_in_a_row_and_a_message_taken_between_starts_again(Store store)
    {
        await using var sending = await Sending.Start(store);
        var settings = SenderSettings.Default with { Concurrency = 1, BounceAfter = 2 };
        var server = new Refusing(SmtpStatusCode.MailboxUnavailable, "cy@example.org");
        Assert.Equal(new DeliveryCounts(2, 0, 1, 0, 0), await sending.Sender(server, settings).Run(await sending.Issue()));
        Assert.Equal("confirmed", await sending.StateOf("cy@example.org"));

        // Taken once: the count starts again, so the next bounce is the first in a row.
        server.Refuse = false;
        Assert.Equal(new DeliveryCounts(3, 0, 0, 0, 0), await sending.Sender(server, settings).Run(await sending.Issue()));
        server.Refuse = true;
        Assert.Equal(new DeliveryCounts(2, 0, 1, 0, 0), await sending.Sender(server, settings).Run(await sending.Issue()));
        Assert.Equal("confirmed", await sending.StateOf("cy@example.org"));

        Assert.Equal(new DeliveryCounts(2, 0, 1, 0, 0), await sending.Sender(server, settings).Run(await sending.Issue()));
        Assert.Equal("bounced", await sending.StateOf("cy@example.org"));
        // Bounced: the next issue is not made for it.
        Assert.Equal(new DeliveryCounts(2, 0, 0, 0, 0), await sending.Sender(server, settings).Run(await sending.Issue()));
    }
}
