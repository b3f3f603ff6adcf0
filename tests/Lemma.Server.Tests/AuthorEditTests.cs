using System.Net;

namespace Lemma.Server.Tests;

/// <summary>A commenter changes or deletes their comment for 15 minutes, from the browser that posted it.</summary>
public class AuthorEditTests
{
    private static string Cookie(HttpResponseMessage posted) => posted.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lemma_comment_")).Split(';')[0];

    private static async Task<HttpResponseMessage> Send(CommentedSite site, HttpMethod method, string path, string? cookie, Dictionary<string, string>? form = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
            request.Headers.Add("Origin", site.Origin);
        }
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await site.Http.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task The_browser_that_posted_a_comment_changes_it_for_15_minutes_and_then_no_more(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }", store: store);
        var posted = await site.Comment(body: "Frist!");
        var setCookie = posted.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant();
        foreach (var part in new[] { "lemma_comment_1=", "httponly", "secure", "samesite=strict", "path=/_lemma/comments", "max-age=900" }) Assert.Contains(part, setCookie);
        var cookie = Cookie(posted);

        var page = await Send(site, HttpMethod.Get, "_lemma/comments/edit?id=1", cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Frist!", await page.Content.ReadAsStringAsync());
        var saved = await Send(site, HttpMethod.Post, "_lemma/comments/edit", cookie, new() { ["id"] = "1", ["action"] = "save", ["body"] = "First, *really*." });
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal("/posts/a/?comment=edited#comment-1", saved.Headers.Location!.ToString());
        Assert.Equal("<p>First, <em>really</em>.</p>", Assert.Single(await site.Server.Comments!.Approved(CommentedSite.Post)).Html);
        Assert.Contains("really", await site.Http.GetStringAsync("_lemma/comments?post=/posts/a/"));

        var empty = await Send(site, HttpMethod.Post, "_lemma/comments/edit", cookie, new() { ["id"] = "1", ["action"] = "save", ["body"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("id=\"body-error\"", await empty.Content.ReadAsStringAsync());

        site.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(site, HttpMethod.Get, "_lemma/comments/edit?id=1", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(site, HttpMethod.Post, "_lemma/comments/edit", cookie, new() { ["id"] = "1", ["action"] = "delete" })).StatusCode);
        Assert.Single(await site.Server.Comments.Approved(CommentedSite.Post));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Deleting_clears_the_comment_and_takes_it_off_the_post(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }", store: store);
        var cookie = Cookie(await site.Comment(body: "Regretted."));
        var deleted = await Send(site, HttpMethod.Post, "_lemma/comments/edit", cookie, new() { ["id"] = "1", ["action"] = "delete" });
        Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Equal("/posts/a/?comment=deleted#comments", deleted.Headers.Location!.ToString());
        Assert.Empty(await site.Server.Comments!.Approved(CommentedSite.Post));
        Assert.Equal(("", "", "", "deleted"), Assert.Single(await site.Query<(string, string, string, string)>("SELECT name, email, body, status FROM comments")));
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(site, HttpMethod.Get, "_lemma/comments/edit?id=1", cookie)).StatusCode);
    }

    [Fact]
    public async Task Without_the_comments_own_cookie_or_from_another_site_nothing_changes()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        var first = Cookie(await site.Comment(body: "Mine."));
        await site.Comment(email: "bob@example.org", body: "Bob's.");
        // Comment 1's cookie renamed for comment 2, a forged one, none at all.
        foreach (var cookie in new[] { first.Replace("lemma_comment_1=", "lemma_comment_2="), "lemma_comment_2=99999999999999.forged", null })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Send(site, HttpMethod.Get, "_lemma/comments/edit?id=2", cookie)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Send(site, HttpMethod.Post, "_lemma/comments/edit", cookie, new() { ["id"] = "2", ["action"] = "save", ["body"] = "Not Bob's." })).StatusCode);
        }
        var crossSite = new HttpRequestMessage(HttpMethod.Post, "_lemma/comments/edit")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "1", ["action"] = "delete" }),
        };
        crossSite.Headers.Add("Origin", "https://evil.example");
        crossSite.Headers.Add("Cookie", first);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.SendAsync(crossSite)).StatusCode);
        Assert.Equal(["Mine.", "Bob's."], (await site.Server.Comments!.Approved(CommentedSite.Post)).Select(c => c.Html.Replace("<p>", "").Replace("</p>", "")));
    }

    [Fact]
    public async Task With_moderation_all_an_edited_comment_waits_for_approval_again()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: all }");
        var cookie = Cookie(await site.Comment(body: "Waiting."));
        var saved = await Send(site, HttpMethod.Post, "_lemma/comments/edit", cookie, new() { ["id"] = "1", ["action"] = "save", ["body"] = "Still waiting." });
        Assert.Equal("/posts/a/?comment=pending#comments", saved.Headers.Location!.ToString());
        Assert.Equal(("Still waiting.", "pending"), Assert.Single(await site.Query<(string, string)>("SELECT body, status FROM comments")));
    }

    [Fact]
    public async Task The_edit_link_without_an_id_opens_this_browsers_one_comment_or_lists_its_comments()
    {
        // The notice after posting links to /_lemma/comments/edit: without a script it cannot know the comment's id.
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: all }");
        var first = Cookie(await site.Comment(body: "Waiting here."));
        var second = Cookie(await site.Comment(body: "And a second thought.", post: "/posts/b/"));

        var one = await Send(site, HttpMethod.Get, "_lemma/comments/edit", first);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("Waiting here.", await one.Content.ReadAsStringAsync());

        var both = await (await Send(site, HttpMethod.Get, "_lemma/comments/edit", $"{first}; {second}")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/_lemma/comments/edit?id=1\"", both);
        Assert.Contains("href=\"/_lemma/comments/edit?id=2\"", both);
        Assert.DoesNotContain("Waiting here.", both);

        Assert.Equal(HttpStatusCode.Forbidden, (await Send(site, HttpMethod.Get, "_lemma/comments/edit", null)).StatusCode);
        site.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(site, HttpMethod.Get, "_lemma/comments/edit", $"{first}; {second}")).StatusCode);
    }
}
