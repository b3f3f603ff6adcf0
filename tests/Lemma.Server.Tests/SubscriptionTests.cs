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
}
