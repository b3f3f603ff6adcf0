using System.Net;
using System.Text.RegularExpressions;

namespace Lemma.Server.Tests;

/// <summary>A reader erases everything their email posted, through a link mailed to that email.</summary>
public class ErasureTests
{
    private static async Task<HttpResponseMessage> Ask(CommentedSite site, string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "_lemma/comments/forget") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email }) };
        request.Headers.Add("Origin", site.Origin);
        return await site.Http.SendAsync(request);
    }

    private static async Task<string> Link(CommentedSite site)
    {
        for (var i = 0; i < 400; i++)
        {
            var match = Regex.Match(site.MailLog.ToString(), @"https?://\S+/_lemma/comments/forget/confirm\?\S+");
            if (match.Success) return CommentedSite.Local(match.Value);
            await Task.Delay(50);
        }
        throw new TimeoutException("no erase link was printed:\n" + site.MailLog);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task The_mailed_link_opens_a_confirm_page_whose_button_erases_every_comment_of_that_email(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }", store: store);
        var changed = new List<string>();
        site.Server.Comments!.Changed += post => { lock (changed) changed.Add(post); };
        await site.Comment(email: "ada@example.org", name: "Ada Lovelace", body: "Mine.");
        await site.Comment(email: "ada@example.org", body: "Also mine.", post: "/posts/b/", more: new() { ["subscribe"] = "on" });
        await site.Comment(email: "bob@example.org", body: "Bob's.");
        lock (changed) changed.Clear();

        var asked = await Ask(site, "Ada@Example.org");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("If comments were posted with this address", await asked.Content.ReadAsStringAsync());
        var link = await Link(site);
        Assert.Contains("To: ada@example.org", site.MailLog.ToString());

        var confirm = await site.Http.GetStringAsync(link);
        Assert.Contains("Erase my comments</button>", confirm);
        Assert.Equal(2, (await site.Server.Comments.Approved(CommentedSite.Post)).Count); // the GET changed nothing

        var query = System.Web.HttpUtility.ParseQueryString(new Uri(site.Server.Address, link).Query);
        var erase = new HttpRequestMessage(HttpMethod.Post, "_lemma/comments/forget/confirm")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = query["email"]!, ["expires"] = query["expires"]!, ["sig"] = query["sig"]! }),
        };
        erase.Headers.Add("Origin", site.Origin);
        Assert.Contains("2 comments were erased.", await (await site.Http.SendAsync(erase)).Content.ReadAsStringAsync());

        Assert.Equal("Bob's.", Assert.Single(await site.Server.Comments.Approved(CommentedSite.Post)).Html[3..^4]);
        Assert.Empty(await site.Server.Comments.Approved("/posts/b/"));
        Assert.Empty(await site.Query<long>("SELECT id FROM comments WHERE email = 'ada@example.org' OR name LIKE '%Lovelace%' OR body LIKE '%Mine%'"));
        Assert.Empty(await site.Query<long>("SELECT id FROM subscriptions WHERE email = 'ada@example.org'"));
        Assert.Empty(await site.Query<long>("SELECT id FROM outbox WHERE instr(text_body, 'ada@example.org') > 0"));
        lock (changed) Assert.Equal(["/posts/a/", "/posts/b/"], changed.Order());
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task An_email_without_comments_gets_the_same_answer_and_no_mail_and_asking_again_within_the_hour_sends_none(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        var unknown = await Ask(site, "nobody@example.org");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("If comments were posted with this address", await unknown.Content.ReadAsStringAsync());
        Assert.Empty(await site.Query<long>("SELECT id FROM outbox WHERE recipient = 'nobody@example.org'"));

        await site.Comment(email: "ada@example.org");
        await Ask(site, "ada@example.org");
        await Ask(site, "ada@example.org");
        Assert.Single(await site.Query<long>("SELECT id FROM outbox WHERE recipient = 'ada@example.org'"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Ask(site, "not an address")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_link_changed_to_another_email_or_expired_erases_nothing(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }", store: store);
        await site.Comment(email: "ada@example.org");
        await site.Comment(email: "eve@example.org", body: "Eve's.");
        await Ask(site, "eve@example.org");
        var link = await Link(site);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync(link.Replace("eve%40example.org", "ada%40example.org"))).StatusCode);
        site.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync(link)).StatusCode);
        Assert.Equal(2, (await site.Server.Comments!.Approved(CommentedSite.Post)).Count);
    }
}
