namespace Lemma.Server.Tests;

/// <summary>`lemma serve` in preview: edits show up over HTTP and as events; errors show and go; drafts are visible.</summary>
public class PreviewTests
{
    private static Dictionary<string, string> Site(string body = "First version.") => new()
    {
        ["site.yaml"] = "title: Served\nbase_url: https://example.org/\n",
        ["content/posts/a.md"] = $"---\ntitle: A\ndate: 2024-01-01\n---\n\n{body}\n",
        ["content/posts/draft.md"] = "---\ntitle: Unfinished\ndate: 2024-01-02\ndraft: true\n---\n\nSoon.\n",
        ["static/custom.css"] = "body { color: black; }\n",
    };

    [Fact]
    public async Task An_edit_is_served_and_announced_as_a_reload()
    {
        await using var site = await ServedSite.Start(Site());
        Assert.Contains("First version.", await site.Get("posts/a/"));
        var events = await site.Events();

        site.Write("content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\n\nSecond version.\n");
        var (name, data) = await events.Next();
        Assert.Equal("reload", name);
        Assert.Contains("posts/a/index.html", data);
        Assert.Contains("Second version.", await site.Get("posts/a/"));
    }

    [Fact]
    public async Task Pages_carry_the_preview_script_and_links_to_the_servers_own_address()
    {
        await using var site = await ServedSite.Start(Site());
        var html = await site.Get("posts/a/");
        Assert.Contains("<script src=\"/_lemma/preview.js\" defer></script></body>", html);
        Assert.Contains(site.Server.Address.ToString(), html);
        Assert.Contains("EventSource", await site.Get("_lemma/preview.js"));
    }

    [Fact]
    public async Task Drafts_are_shown_in_preview()
    {
        await using var site = await ServedSite.Start(Site());
        Assert.Contains("Soon.", await site.Get("posts/draft/"));
    }

    [Fact]
    public async Task A_broken_post_reports_its_position_keeps_the_last_good_page_and_clears_when_fixed()
    {
        await using var site = await ServedSite.Start(Site());
        var events = await site.Events();

        site.Write("content/posts/a.md", "---\ntitle: [broken\n---\n\nBroken version.\n");
        var (name, data) = await events.Next();
        Assert.Equal("problems", name);
        Assert.Contains("content/posts/a.md:2:", data);
        Assert.Contains("First version.", await site.Get("posts/a/"));
        Assert.Contains("\"failed\":true", await site.Get("_lemma/status"));

        site.Write("content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\n\nFixed version.\n");
        Assert.Equal("reload", (await events.Next()).Event);
        Assert.Contains("Fixed version.", await site.Get("posts/a/"));
        Assert.Contains("\"failed\":false", await site.Get("_lemma/status"));
    }

    /// <summary>A page is rendered when first asked for (or by the server in the background), after its build: a
    /// template's error met then shows as the build's, and goes with the next build that renders the page well.</summary>
    [Fact]
    public async Task A_template_error_met_while_rendering_a_page_shows_as_a_problem_and_clears_when_fixed()
    {
        var files = Site();
        files["layouts/single.liquid"] = "<!doctype html><title>{{ page.title }}</title>{{ page.content | raw }}{% include page.title %}";
        await using var site = await ServedSite.Start(files);
        var events = await site.Events();
        Assert.DoesNotContain("First version.", await site.Get("posts/a/"));
        var status = await site.Get("_lemma/status");
        Assert.Contains("\"failed\":true", status);
        Assert.Contains("layouts/single.liquid", status);
        Assert.Contains("is included but no template has that name", status);

        site.Write("layouts/single.liquid", "<!doctype html><title>{{ page.title }}</title>{{ page.content | raw }}");
        Assert.Equal("reload", (await events.Next()).Event);
        Assert.Contains("First version.", await site.Get("posts/a/"));
        Assert.Contains("\"failed\":false", await site.Get("_lemma/status"));
    }

    [Fact]
    public async Task A_change_to_a_stylesheet_alone_swaps_styles_without_a_reload()
    {
        await using var site = await ServedSite.Start(Site());
        var events = await site.Events();
        site.Write("static/custom.css", "body { color: navy; }\n");
        Assert.Equal("css", (await events.Next()).Event);
        Assert.Contains("navy", await site.Get("custom.css"));
    }

    [Fact]
    public async Task A_deleted_post_takes_its_page_with_it()
    {
        await using var site = await ServedSite.Start(Site());
        var events = await site.Events();
        File.Delete(Path.Combine(site.Root, "content/posts/draft.md"));
        Assert.Equal("reload", (await events.Next()).Event);
        var response = await site.Http.GetAsync("posts/draft/");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_request_for_another_host_name_gets_421_so_dns_rebinding_cannot_read_drafts()
    {
        await using var site = await ServedSite.Start(Site());
        foreach (var path in new[] { "posts/draft/", "_lemma/status" })
        {
            var rebound = new HttpRequestMessage(HttpMethod.Get, path);
            rebound.Headers.Host = $"evil.example:{site.Server.Address.Port}";
            var response = await site.Http.SendAsync(rebound);
            Assert.Equal(System.Net.HttpStatusCode.MisdirectedRequest, response.StatusCode);
            Assert.DoesNotContain("Soon.", await response.Content.ReadAsStringAsync());
        }
        var local = new HttpRequestMessage(HttpMethod.Get, "posts/draft/");
        local.Headers.Host = $"localhost:{site.Server.Address.Port}";
        Assert.Contains("Soon.", await (await site.Http.SendAsync(local)).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("localhost", false, false)]
    [InlineData("::1", false, false)]
    [InlineData("0.0.0.0", false, true)]
    [InlineData("::", false, true)]
    [InlineData("192.168.1.5", false, true)]
    [InlineData("0.0.0.0", true, false)]
    public void A_preview_bound_beyond_loopback_is_announced_as_visible_to_the_network(string bind, bool production, bool warned)
    {
        var warning = Preview.HostFilter.NetworkWarning(new ServerOptions { Source = "/site", Bind = bind, Production = production });
        Assert.Equal(warned, warning is not null);
        if (warned) Assert.Contains("drafts", warning);
    }
}
