using System.Net;

namespace Lemma.Server.Tests;

/// <summary>What other sites and careless code cannot do with comments.</summary>
public class CommentSecurityTests
{
    public static TheoryData<string, string?, string?, string?> CrossSiteCases => new()
    {
        { "_lemma/comments", "https://evil.example", null, null },
        { "_lemma/comments", "null", null, null },
        { "_lemma/comments", null, "https://evil.example/page", null },
        { "_lemma/comments", null, null, "cross-site" },
        { "_lemma/comments", "https://blog.evil.example", null, "same-site" },
        { "_lemma/comments/moderate", "https://evil.example", null, null },
        { "_lemma/comments/moderate", null, "https://evil.example/page", null },
        { "_lemma/comments/moderate", null, null, "cross-site" },
        { "_lemma/comments/forget", "https://evil.example", null, null },
        { "_lemma/comments/forget/confirm", "https://evil.example", null, null },
        { "_lemma/comments/edit", "https://evil.example", null, null },
        { "_lemma/comments/edit", null, null, "cross-site" },
        { "_lemma/comments/subscription", "https://evil.example", null, null },
        { "_lemma/admin/reply", "https://evil.example", null, null },
        { "_lemma/admin/reply", null, null, "cross-site" },
    };

    [Theory]
    [MemberData(nameof(CrossSiteCases))]
    public async Task A_post_from_another_sites_page_is_refused_and_changes_nothing(string endpoint, string? origin, string? referer, string? fetchSite)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        var token = await site.Token();
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["post"] = CommentedSite.Post, ["name"] = "Eve", ["email"] = "eve@example.org", ["body"] = "Hi", ["token"] = token,
                ["id"] = "1", ["action"] = "approve", ["sig"] = "x", ["expires"] = "9999999999",
            }),
        };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (referer is not null) request.Headers.Referrer = new Uri(referer);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.SendAsync(request)).StatusCode);
        Assert.Empty(await site.Query<long>("SELECT id FROM comments"));
    }

    [Fact]
    public async Task A_post_from_the_sites_own_page_or_its_base_url_or_without_origin_headers_is_taken()
    {
        await using var site = await CommentedSite.Start();
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(body: "Own origin.")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(email: "b@example.org", body: "Base URL.", headers: r => { r.Headers.Remove("Origin"); r.Headers.Add("Origin", "https://example.org"); })).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(email: "c@example.org", body: "Referer.", headers: r => { r.Headers.Remove("Origin"); r.Headers.Referrer = new Uri(site.Server.Address, "posts/a/"); })).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(email: "d@example.org", body: "Nothing said.", headers: r => r.Headers.Remove("Origin"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(email: "e@example.org", body: "Same site.", headers: r =>
        {
            r.Headers.Remove("Origin");
            r.Headers.Add("Origin", "https://example.org");
            r.Headers.Add("Sec-Fetch-Site", "same-site");
        })).StatusCode);
    }

    [Fact]
    public async Task The_email_is_in_no_page_a_reader_can_open_and_not_in_the_published_comment()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        await site.Comment(email: "secret.reader@example.org");
        Assert.DoesNotContain(typeof(Lemma.Server.Comments.PublishedComment).GetProperties(), p => p.Name.Contains("mail", StringComparison.OrdinalIgnoreCase));
        var link = CommentedSite.Local((await site.Links("delete")).Single());
        foreach (var page in new[] { "posts/a/", "_lemma/comments/form?post=/posts/a/", link })
            Assert.DoesNotContain("secret.reader", await site.Http.GetStringAsync(page));
    }

    [Fact]
    public async Task The_approved_comments_as_json_carry_no_email_and_only_the_sites_origin_may_read_them_cross_origin()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        await site.Comment(email: "hidden@example.org", body: "Shown *here*.");
        var request = new HttpRequestMessage(HttpMethod.Get, "_lemma/comments?post=/posts/a/");
        request.Headers.Add("Origin", "https://example.org");
        var response = await site.Http.SendAsync(request);
        Assert.Equal("https://example.org", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var json = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hidden", json);
        var comment = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Single();
        Assert.Equal("<p>Shown <em>here</em>.</p>", comment.GetProperty("html").GetString());
        Assert.Equal("comment-1", comment.GetProperty("anchor").GetString());

        var other = new HttpRequestMessage(HttpMethod.Get, "_lemma/comments?post=/posts/a/");
        other.Headers.Add("Origin", "https://evil.example");
        Assert.False((await site.Http.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_servers_pages_forbid_scripts_framing_and_caching()
    {
        await using var site = await CommentedSite.Start();
        var response = await site.Http.GetAsync("_lemma/comments/form?post=/posts/a/");
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }
}
