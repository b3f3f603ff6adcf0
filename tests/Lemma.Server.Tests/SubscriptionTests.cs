using System.Net;
using System.Text.RegularExpressions;

namespace Lemma.Server.Tests;

/// <summary>"Email me replies": confirmed by mail, then each new comment of the post is mailed, with a link to stop.</summary>
public class SubscriptionTests
{
    /// <summary>Waits until the outbox has nothing left to send, then counts the mail printed to <paramref name="to"/>.</summary>
    private static async Task<int> MailsTo(CommentedSite site, string to)
    {
        for (var i = 0; i < 400 && (await site.Query<long>("SELECT COUNT(*) FROM outbox WHERE sent IS NULL")).Single() > 0; i++) await Task.Delay(25);
        return Regex.Matches(site.MailLog.ToString(), "^To: " + Regex.Escape(to) + "$", RegexOptions.Multiline).Count;
    }

    private static string LinkTo(CommentedSite site, string action) =>
        CommentedSite.Local(Regex.Matches(site.MailLog.ToString(), @"https?://\S+/_lemma/comments/subscription\?action=" + action + @"&\S+").Last().Value);

    /// <summary>Opens a mailed link: its page changes nothing; its button (the page's form, posted) does.</summary>
    private static async Task<string> Press(CommentedSite site, string link, Func<Task> beforeThePress)
    {
        var page = await site.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await beforeThePress();
        var fields = Regex.Matches(await page.Content.ReadAsStringAsync(), "name=\"(\\w+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var request = new HttpRequestMessage(HttpMethod.Post, "_lemma/comments/subscription") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", site.Origin);
        var response = await site.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_confirmed_reader_is_mailed_each_new_comment_of_the_post_but_their_own_until_they_stop(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }", store: store);
        await site.Comment(body: "Tell me more.", more: new() { ["subscribe"] = "on" });
        Assert.Equal(1, await MailsTo(site, "ada@example.org")); // the confirmation
        await site.Comment(name: "Bob", email: "bob@example.org", body: "Before the confirmation.");
        Assert.Equal(1, await MailsTo(site, "ada@example.org"));

        var confirmed = await Press(site, LinkTo(site, "confirm"),
            async () => Assert.Equal(0L, (await site.Query<long>("SELECT confirmed FROM subscriptions")).Single())); // the GET changed nothing
        Assert.Contains("Confirmed", confirmed);
        await site.Comment(name: "Bob", email: "bob@example.org", body: "A *reply*.");
        Assert.Equal(2, await MailsTo(site, "ada@example.org"));
        Assert.Contains("A *reply*.", site.MailLog.ToString());
        await site.Comment(body: "My own.");
        Assert.Equal(2, await MailsTo(site, "ada@example.org"));

        Assert.Contains("Stopped", await Press(site, LinkTo(site, "stop"), () => Task.CompletedTask));
        await site.Comment(name: "Carol", email: "carol@example.org", body: "After the stop.");
        Assert.Equal(2, await MailsTo(site, "ada@example.org"));
    }

    [Fact]
    public async Task A_changed_link_does_nothing_and_asking_again_sends_no_second_confirmation()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        await site.Comment(body: "First.", more: new() { ["subscribe"] = "on" });
        await site.Comment(body: "Second.", more: new() { ["subscribe"] = "on" });
        Assert.Equal(1, await MailsTo(site, "ada@example.org"));
        var link = LinkTo(site, "confirm");
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync(link.Replace("ada%40example.org", "eve%40example.org"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync(link.Replace("action=confirm", "action=stop"))).StatusCode);
    }

    /// <summary>A site that sends through a real SMTP server (netDumbster) with the https base URL in its links, where Ada
    /// asked for replies and confirmed, and Bob's comment was mailed to her: that reply mail is returned.</summary>
    private static async Task<(CommentedSite Site, MimeKit.MimeMessage Reply)> Subscribed(netDumbster.smtp.SimpleSmtpServer smtp, Store store)
    {
        var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }", production: true,
            configure: MailTests.Smtp(smtp.Configuration.Port), extraConfig: "smtp: { from: 'Notes <blog@example.org>' }\n", store: store);
        await site.Comment(body: "Tell me more.", more: new() { ["subscribe"] = "on" });
        var confirm = Regex.Match((await SentTo(site, smtp, "ada@example.org")).Single().TextBody ?? "", @"https://\S+action=confirm\S+").Value;
        await Press(site, CommentedSite.Local(confirm), () => Task.CompletedTask);
        await site.Comment(name: "Bob", email: "bob@example.org", body: "A reply.");
        return (site, (await SentTo(site, smtp, "ada@example.org")).Single(m => m.Subject!.Contains("New comment", StringComparison.Ordinal)));
    }

    /// <summary>Waits until the outbox has sent everything, then gives what the SMTP server received for <paramref name="to"/>
    /// (the writer is mailed each comment too), in no particular order.</summary>
    internal static async Task<MimeKit.MimeMessage[]> SentTo(CommentedSite site, netDumbster.smtp.SimpleSmtpServer smtp, string to)
    {
        for (var i = 0; i < 400 && (await site.Query<long>("SELECT COUNT(*) FROM outbox WHERE sent IS NULL")).Single() > 0; i++) await Task.Delay(25);
        return [.. smtp.ReceivedEmail.Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.To.Mailboxes.Any(b => b.Address == to))];
    }

    /// <summary>The https address of a mail's List-Unsubscribe header.</summary>
    private static string OneClickLink(MimeKit.MimeMessage mail) =>
        Regex.Match(mail.Headers["List-Unsubscribe"] ?? "", "<(https://[^>]+)>").Groups[1].Value;

    internal static Task<HttpResponseMessage> PostOneClick(CommentedSite site, string link) =>
        // As a mail provider sends it: no cookie, no form token, no Origin of the site.
        site.Http.PostAsync(CommentedSite.Local(link), new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_reply_mail_carries_list_unsubscribe_whose_one_click_post_stops_the_replies_at_once(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        var (site, reply) = await Subscribed(smtp, store);
        await using var _ = site;
        Assert.Equal("ada@example.org", reply.To.Mailboxes.Single().Address);
        var stop = Regex.Match(reply.TextBody ?? "", @"Stop these mails: (\S+)").Groups[1].Value;
        Assert.StartsWith("https://example.org/_lemma/comments/subscription?action=stop&post=%2Fposts%2Fa%2F&email=ada%40example.org&sig=", stop);
        Assert.Equal($"<{stop}>, <mailto:blog@example.org?subject=Stop%20replies%20on%20%2Fposts%2Fa%2F&body={Uri.EscapeDataString(stop)}>",
            reply.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", reply.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(stop, OneClickLink(reply));
        // As sent: folded between its two addresses at most, never turned into encoded words.
        var raw = System.Text.Encoding.ASCII.GetString(reply.Headers.Single(h => h.Field == "List-Unsubscribe").RawValue);
        Assert.DoesNotContain("=?", raw);

        var response = await PostOneClick(site, OneClickLink(reply));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await site.Query<long>("SELECT id FROM subscriptions"));
        await site.Comment(name: "Carol", email: "carol@example.org", body: "After the stop.");
        Assert.Equal(2, (await SentTo(site, smtp, "ada@example.org")).Length);
        Assert.Contains(await SentTo(site, smtp, "writer@example.org"), m => m.TextBody!.Contains("After the stop.")); // the comment went through
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Opening_the_one_click_link_or_posting_it_with_a_changed_signature_changes_nothing(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        var (site, reply) = await Subscribed(smtp, store);
        await using var _ = site;
        var link = OneClickLink(reply);

        var page = await site.Http.GetAsync(CommentedSite.Local(link));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<button type=\"submit\">Stop these mails</button>", await page.Content.ReadAsStringAsync());
        var sig = Regex.Match(link, "sig=([\\w-]+)").Groups[1].Value;
        var forged = link.Replace("sig=" + sig, "sig=" + (sig[0] == 'A' ? 'B' : 'A') + sig[1..]);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostOneClick(site, forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostOneClick(site, link.Replace("ada%40example.org", "bob%40example.org"))).StatusCode);
        // One click only stops: a signed confirm link posted the same way confirms nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostOneClick(site, link.Replace("action=stop", "action=confirm"))).StatusCode);
        Assert.Equal(1L, (await site.Query<long>("SELECT confirmed FROM subscriptions WHERE email = 'ada@example.org'")).Single());

        await site.Comment(name: "Carol", email: "carol@example.org", body: "Still mailed.");
        Assert.Contains(await SentTo(site, smtp, "ada@example.org"), m => m.TextBody!.Contains("Still mailed."));
    }
}
