using System.Net;
using System.Text.Json;

namespace Lemma.Server.Tests;

/// <summary>The writer's own replies: made on the admin page behind its login, shown at once and marked as the author's;
/// an email that matches the writer's marks nothing and skips no moderation.</summary>
public class AuthorReplyTests
{
    private static Task<HttpResponseMessage> Reply(CommentedSite site, string cookie, string key, string parent, string body, string name = "") =>
        site.AdminPost("_lemma/admin/reply", new() { ["id"] = parent, ["key"] = key, ["body"] = body, ["name"] = name }, cookie);

    private static async Task<JsonElement[]> Json(CommentedSite site) =>
        [.. JsonDocument.Parse(await site.Http.GetStringAsync("_lemma/comments?post=" + Uri.EscapeDataString(CommentedSite.Post))).RootElement.EnumerateArray()];

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task The_writers_reply_from_the_admin_page_approves_what_it_answers_and_is_stored_approved_and_marked_as_the_authors(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        await site.Comment(body: "A question, waiting.");
        var cookie = await site.AdminLogIn();
        var key = await site.AdminKey(cookie);

        var response = await Reply(site, cookie, key, "1", "An *answer*.");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/_lemma/admin#comment-2", response.Headers.Location!.ToString());
        var stored = await site.Query<(long Id, long? ParentId, string Name, string Status, long IsAuthor)>(
            "SELECT id, parent_id, name, status, is_author FROM comments ORDER BY id");
        Assert.Equal([(1L, (long?)null, "Ada", "approved", 0L), (2L, 1L, "Writer", "approved", 1L)], stored);

        var json = await Json(site);
        Assert.Equal([false, true], json.Select(c => c.GetProperty("is_author").GetBoolean()));
        Assert.Equal("Writer", json[1].GetProperty("author").GetString());
        Assert.Equal("<p>An <em>answer</em>.</p>", json[1].GetProperty("html").GetString());

        // A typed name is the reply's name; the mark stays.
        Assert.Equal(HttpStatusCode.SeeOther, (await Reply(site, cookie, key, "2", "And more.", name: "W. Riter")).StatusCode);
        Assert.Equal(("W. Riter", 1L), (await site.Query<(string, long)>("SELECT name, is_author FROM comments WHERE id = 3")).Single());
        var admin = new HttpRequestMessage(HttpMethod.Get, "_lemma/admin");
        admin.Headers.Add("Cookie", cookie);
        Assert.Contains("W. Riter (Author) on", await (await site.Http.SendAsync(admin)).Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_public_comment_with_the_writers_email_and_name_is_not_marked_and_waits_like_any_new_email(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        await site.Comment(body: "A question, waiting.");
        var cookie = await site.AdminLogIn();
        Assert.Equal(HttpStatusCode.SeeOther, (await Reply(site, cookie, await site.AdminKey(cookie), "1", "The real answer.")).StatusCode);

        // The writer's email has an approved comment now, but one made through the login: it earns a typed address nothing.
        var response = await site.Comment(name: "Writer", email: "writer@example.org", body: "A fake answer.", more: new() { ["parent"] = "1" });
        Assert.Matches(@"^/posts/a/\?mine=[0-9]+\.[0-9]{13}#comment-pending$", response.Headers.Location!.ToString());
        Assert.Equal(("pending", 0L), (await site.Query<(string, long)>("SELECT status, is_author FROM comments WHERE id = 3")).Single());
        Assert.Equal(2, (await Json(site)).Length);

        var key = await site.AdminKey(cookie);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.AdminPost("_lemma/admin/moderate", new() { ["id"] = "3", ["action"] = "approve", ["key"] = key }, cookie)).StatusCode);
        Assert.Equal([false, true, false], (await Json(site)).Select(c => c.GetProperty("is_author").GetBoolean()));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_reply_without_a_session_with_a_wrong_key_or_to_a_rejected_comment_is_refused_and_changes_nothing(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        await site.Comment(body: "A question, waiting.");
        await site.Comment(name: "Eve", email: "eve@example.org", body: "Spam, soon.");
        var cookie = await site.AdminLogIn();
        var key = await site.AdminKey(cookie);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.AdminPost("_lemma/admin/moderate", new() { ["id"] = "2", ["action"] = "spam", ["key"] = key }, cookie)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await Reply(site, "lemma_admin=forged", key, "1", "No session.")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.AdminPost("_lemma/admin/reply", new() { ["id"] = "1", ["key"] = key, ["body"] = "No cookie." })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.AdminPost("_lemma/admin/reply", new() { ["id"] = "1", ["key"] = key, ["body"] = "Elsewhere." }, cookie, "https://evil.example")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Reply(site, cookie, "forged", "1", "A wrong key.")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Reply(site, cookie, key, "1", "")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Reply(site, cookie, key, "1", "Two lines of name.", name: "Writer\nBcc: x@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Reply(site, cookie, key, "2", "To spam.")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Reply(site, cookie, key, "99", "To nothing.")).StatusCode);

        // Logged out, the old cookie and key open nothing.
        await site.AdminPost("_lemma/admin/logout", [], cookie);
        Assert.Equal(HttpStatusCode.Forbidden, (await Reply(site, cookie, key, "1", "After the logout.")).StatusCode);

        Assert.Equal(["pending", "spam"], await site.Query<string>("SELECT status FROM comments ORDER BY id"));
        Assert.Empty(await site.Query<long>("SELECT id FROM comments WHERE is_author <> 0"));
        Assert.Empty(await Json(site));
    }
}
