using System.Net;

namespace Lemma.Server.Tests;

/// <summary>A site hosted elsewhere (a CDN, base_url https://example.org/) that takes its comments on a Lemma server:
/// its pages read the approved comments and a form token by CORS, post the form, and come back to their own page.</summary>
public class CrossOriginTests
{
    private const string Site = "https://example.org";

    private static async Task<HttpResponseMessage> Get(CommentedSite site, string path, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await site.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("_lemma/comments?post=/posts/a/")]
    [InlineData("_lemma/comments/form?post=/posts/a/")]
    public async Task The_sites_own_origin_may_read_the_answer_and_no_other_origin_may(string path)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none, server: 'https://comments.example.org' }");
        var own = await Get(site, path, Site);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(Site, own.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", own.Headers.Vary);
        Assert.False(own.Headers.Contains("Access-Control-Allow-Credentials"));

        foreach (var other in new[] { "https://evil.example", "https://example.org.evil.example", "http://example.org", "null" })
        {
            var refused = await Get(site, path, other);
            Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"), other);
            // A cache in between keeps the two answers apart.
            Assert.Contains("Origin", refused.Headers.Vary);
        }
        Assert.False((await Get(site, path, null)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_post_never_gets_a_cors_header_even_from_the_sites_origin()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none, server: 'https://comments.example.org' }");
        var posted = await site.Comment(headers: r => { r.Headers.Remove("Origin"); r.Headers.Add("Origin", Site); });
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.False(posted.Headers.Contains("Access-Control-Allow-Origin"));
        var refused = await site.Comment(email: "eve@example.org", headers: r => { r.Headers.Remove("Origin"); r.Headers.Add("Origin", "https://evil.example"); });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_form_posted_from_the_site_on_another_domain_is_taken_and_the_reader_comes_back_to_the_sites_page()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none, server: 'https://comments.example.org' }", production: true);
        // What Chromium sends for a form on https://example.org posting to https://comments.example.net: another site.
        var posted = await site.Comment(body: "From the CDN.", headers: r =>
        {
            r.Headers.Remove("Origin");
            r.Headers.Add("Origin", Site);
            r.Headers.Add("Sec-Fetch-Site", "cross-site");
        });
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Matches(@"^https://example\.org/posts/a/\?mine=1\.[0-9]{13}#comment-1$", posted.Headers.Location!.ToString());
        // Lax: the Edit link on the site's page is a cross-site navigation to the comment server, which Strict would not follow.
        var cookie = posted.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant();
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("httponly", cookie);
        // The server's own forms (a reply, an edit) lead back to the site's pages too: a redirect a form's policy allows.
        var form = await site.Http.GetAsync("_lemma/comments/form?post=/posts/a/");
        Assert.Contains("form-action 'self' https://example.org;", form.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("On <a href=\"https://example.org/posts/a/\">", await form.Content.ReadAsStringAsync());
        // The writer's moderation links lead to the comment server, where the confirm page is.
        Assert.StartsWith("https://comments.example.org/_lemma/comments/moderate?", (await site.Links("delete")).Single());
        // ...while the post it names is where readers see it, on the site.
        Assert.Contains("commented on https://example.org/posts/a/", site.MailLog.ToString());
        Assert.DoesNotContain("comments.example.org/posts/", site.MailLog.ToString());
        // So does the admin page's link to it.
        var admin = new HttpRequestMessage(HttpMethod.Get, "_lemma/admin");
        admin.Headers.Add("Cookie", await site.AdminLogIn());
        Assert.Contains("on <a href=\"https://example.org/posts/a/\">/posts/a/</a>", await (await site.Http.SendAsync(admin)).Content.ReadAsStringAsync());
    }
}
