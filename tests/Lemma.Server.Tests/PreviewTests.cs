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
}
