using System.Net;

namespace Lemma.Server.Tests;

/// <summary>`serve` shows a post's newsletter email at /_lemma/newsletter/preview, from the build it serves.</summary>
public class NewsletterPreviewTests
{
    private static Dictionary<string, string> Site() => new()
    {
        ["site.yaml"] = "title: Served\nbase_url: https://example.org/\n",
        ["content/posts/a.md"] = "---\ntitle: A post\ndate: 2024-01-01\n---\n\nFirst version with $e^{i\\pi}+1=0$.\n",
        ["content/about.md"] = "---\ntitle: About\n---\n\nA page.\n",
    };

    [Fact]
    public async Task A_post_s_email_is_shown_by_its_url_or_source_path_in_html_and_text()
    {
        await using var site = await ServedSite.Start(Site());
        var html = await site.Http.GetAsync("_lemma/newsletter/preview?post=/posts/a/");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        var body = await html.Content.ReadAsStringAsync();
        Assert.Contains("First version with <span style=", body);
        Assert.Contains("$e^{i\\pi}+1=0$", body);
        // Links lead where the server is: its own address is the preview's base URL.
        Assert.Contains($"href=\"{site.Server.Address}posts/a/\"", body);

        var text = await site.Get("_lemma/newsletter/preview?post=content/posts/a.md&part=text");
        Assert.Contains("First version with $e^{i\\pi}+1=0$.", text);
    }

    [Fact]
    public async Task The_email_follows_an_edit_as_the_pages_do()
    {
        await using var site = await ServedSite.Start(Site());
        var events = await site.Events();
        Assert.Contains("First version", await site.Get("_lemma/newsletter/preview?post=/posts/a/"));

        site.Write("content/posts/a.md", "---\ntitle: A post\ndate: 2024-01-01\n---\n\nSecond version.\n");
        Assert.Equal("reload", (await events.Next()).Event);
        var email = await site.Get("_lemma/newsletter/preview?post=/posts/a/");
        Assert.Contains("Second version.", email);
        Assert.DoesNotContain("First version", email);
    }

    [Fact]
    public async Task What_is_not_a_post_is_a_clear_404_and_a_missing_name_a_400()
    {
        await using var site = await ServedSite.Start(Site());
        var page = await site.Http.GetAsync("_lemma/newsletter/preview?post=/about/");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("no post of this site has the source path or URL /about/", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await site.Http.GetAsync("_lemma/newsletter/preview?post=../../etc/passwd")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Http.GetAsync("_lemma/newsletter/preview")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Http.GetAsync("_lemma/newsletter/preview?post=/" + new string('a', 2000))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Http.GetAsync("_lemma/newsletter/preview?post=/posts/a/&part=pdf")).StatusCode);
    }

    [Fact]
    public async Task Production_shows_no_preview()
    {
        await using var site = await ServedSite.Start(Site(), production: true);
        var response = await site.Http.GetAsync("_lemma/newsletter/preview?post=/posts/a/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
