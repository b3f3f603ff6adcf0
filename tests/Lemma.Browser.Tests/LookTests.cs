using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lemma.Browser.Tests;

/// <summary>What the pages carry for readers, crawlers and link previews; screenshots to look at.</summary>
[Collection(SiteCollection.Name)]
public sealed class LookTests(SiteFixture site)
{
    [Theory]
    [InlineData("home", 1280)]
    [InlineData("home", 375)]
    [InlineData("post", 1280)]
    [InlineData("post", 375)]
    public async Task Screenshot_is_saved_for_a_person_to_look_at(string pageName, int width)
    {
        await using var visit = await site.NewVisitAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        await visit.GoAsync(PageLoadTests.PathOf(site, pageName));
        Directory.CreateDirectory(site.ScreenshotDir);
        var file = Path.Combine(site.ScreenshotDir, $"{pageName}-{width}.png");
        await visit.Page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000, $"{file} is nearly empty");
        Assert.True(visit.Problems() == "", visit.Problems());
    }

    [Fact]
    public async Task A_post_has_canonical_link_social_cards_json_ld_and_favicon()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.PostWithCodeAndMath);
        async Task<string?> Meta(string selector) => await page.Locator(selector).First.GetAttributeAsync("content");

        var canonical = await page.Locator("link[rel=canonical]").GetAttributeAsync("href");
        Assert.NotNull(canonical);
        Assert.Matches("^https?://", canonical);
        Assert.EndsWith(site.PostWithCodeAndMath, canonical);
        var title = (await page.Locator("h1").InnerTextAsync()).Trim();
        Assert.Equal(title, await Meta("meta[property='og:title']"));
        Assert.Equal("article", await Meta("meta[property='og:type']"));
        Assert.Equal(canonical, await Meta("meta[property='og:url']"));
        Assert.False(string.IsNullOrWhiteSpace(await Meta("meta[property='og:description']")));
        Assert.False(string.IsNullOrWhiteSpace(await Meta("meta[name=description]")));
        Assert.Matches("^summary", await Meta("meta[name='twitter:card']"));
        Assert.Equal(title, await Meta("meta[name='twitter:title']"));
        var image = await page.Locator("meta[property='og:image']").CountAsync() > 0 ? await Meta("meta[property='og:image']") : null;
        if (image is not null) Assert.Matches("^https?://", image);

        var ld = JsonDocument.Parse(await page.Locator("script[type='application/ld+json']").TextContentAsync() ?? "").RootElement;
        Assert.Equal("BlogPosting", ld.GetProperty("@type").GetString());
        Assert.Equal(title, ld.GetProperty("headline").GetString());
        Assert.Equal(canonical, ld.GetProperty("url").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\d", ld.GetProperty("datePublished").GetString());
        Assert.False(string.IsNullOrWhiteSpace(ld.GetProperty("author").GetProperty("name").GetString()));

        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        Assert.NotNull(icon);
        var iconResponse = await page.APIRequest.GetAsync(visit.Url(icon));
        Assert.Equal(200, iconResponse.Status);
        Assert.Contains("svg", iconResponse.Headers["content-type"]);
    }

    [Fact]
    public async Task A_post_shows_its_dates_reading_time_tags_contents_neighbours_related_posts_author_and_comment_form()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.PostWithCodeAndMath);
        var header = page.Locator("article .post-header");

        await Expect(header.Locator("h1")).ToHaveCountAsync(1);
        await Expect(header.Locator("time[datetime]").First).ToBeVisibleAsync();
        await Expect(header).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ min read"));
        await Expect(header.Locator(".updated time[datetime]")).ToBeVisibleAsync();
        await Expect(page.Locator("article a[rel=tag]").First).ToBeVisibleAsync();
        await Expect(page.Locator("nav[aria-label='Table of contents'] a[href^='#']").First).ToBeVisibleAsync();
        await Expect(page.Locator("nav.prev-next a").First).ToBeVisibleAsync();
        await Expect(page.Locator("section.related li a").First).ToBeVisibleAsync();
        await Expect(page.Locator(".author-box")).ToBeVisibleAsync();
        // The example site takes comments: a labelled form, its trap field out of sight, no notice until one is sent.
        var form = page.Locator("section#comments form.comment-form");
        await Expect(form.GetByRole(AriaRole.Textbox, new() { Name = "Name" })).ToBeVisibleAsync();
        await Expect(form.GetByRole(AriaRole.Textbox, new() { Name = "Email" })).ToBeVisibleAsync();
        await Expect(form.GetByRole(AriaRole.Checkbox, new() { Name = "Remember my name" })).ToBeVisibleAsync();
        await Expect(form.GetByLabel("Comment")).ToBeVisibleAsync();
        await Expect(form.Locator("input[name=url]")).ToBeHiddenAsync();
        await Expect(page.Locator("#comment-pending")).ToBeHiddenAsync();

        // Every entry of the table of contents points at a heading of the post.
        var targets = await page.Locator("nav[aria-label='Table of contents'] a").EvaluateAllAsync<bool[]>(
            "all => all.map(a => !!document.getElementById(decodeURIComponent(a.hash.slice(1))))");
        Assert.All(targets, Assert.True);
    }

    [Fact]
    public async Task Printed_a_dark_post_is_black_on_white_without_navigation()
    {
        await using var visit = await site.NewVisitAsync(new() { ColorScheme = ColorScheme.Dark });
        var page = visit.Page;
        await visit.GoAsync(site.PostWithCodeAndMath);
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.Locator(".site-footer")).ToBeHiddenAsync();
        await Expect(page.Locator("button.theme-toggle")).ToBeHiddenAsync();
        await Expect(page.Locator("article h1")).ToBeVisibleAsync();
        Assert.Equal("rgb(255, 255, 255)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.Equal("rgb(0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.content > p')).color"));
    }

    [Fact]
    public async Task A_series_post_lists_its_parts_and_marks_the_current_one()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.PostInSeries);
        var series = page.Locator("nav.series");
        await Expect(series).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Part \d+ of \d+"));
        await Expect(series.Locator("[aria-current=page]")).ToHaveTextAsync((await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await series.Locator("li a").CountAsync() >= 1);
    }

    [Fact]
    public async Task Footnote_references_and_back_links_lead_to_each_other()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.PostWithFootnotes);
        var broken = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('a.footnote-ref, a.footnote-back-ref, a[role=doc-noteref], a[role=doc-backlink]')]
              .filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1))))
              .map(a => a.outerHTML)
            """);
        Assert.Empty(broken);
        var reference = page.Locator("a.footnote-ref, a[role=doc-noteref]").First;
        await reference.ClickAsync();
        var note = page.Locator(".footnotes li:target");
        await Expect(note).ToBeInViewportAsync();
    }

    [Fact]
    public async Task A_section_list_reads_date_and_reading_time_and_pages_to_older_posts()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.SectionList);
        var metas = await page.Locator(".post-item .meta").AllInnerTextsAsync();
        Assert.NotEmpty(metas);
        // "June 18, 2026 · 4 min"; a link post has no reading time, an in-progress one shows its state instead of a date.
        Assert.All(metas, m => Assert.Matches(@"^(([A-Z][a-z]+ \d{1,2}, \d{4})|In progress)( · \d+ min)?$", m.Trim()));

        var older = page.Locator("nav.pagination a[rel=next]");
        await Expect(older).ToBeVisibleAsync();
        await older.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Matches("/page/2/$", page.Url);
        await Expect(page.Locator("nav.pagination a[rel=prev]")).ToBeVisibleAsync();
        await Expect(page.Locator(".post-item").First).ToBeVisibleAsync();
        Assert.True(visit.Problems() == "", visit.Problems());
    }

    [Fact]
    public async Task The_home_page_shows_the_blocks_of_the_site_configuration_in_order()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.Home);
        var blocks = await page.Locator("main > section").EvaluateAllAsync<string[]>("all => all.map(s => s.className)");
        string[] kinds = ["intro", "featured", "category", "research", "recommendations", "recent", "trending", "connect"];
        var firstIndex = kinds.Select(k => Array.FindIndex(blocks, b => b.Contains("home-" + k, StringComparison.Ordinal))).ToArray();
        Assert.True(firstIndex.All(i => i >= 0), $"blocks found: {string.Join(" | ", blocks)}");
        Assert.Equal(firstIndex.Order(), firstIndex);

        // An in-progress research note shows "In progress" where its date would be, the word its own page uses.
        await Expect(page.Locator(".home-research .badge.draft").First).ToHaveTextAsync("In progress");
        // Recommendations link out; trending tags link to tag pages; connect has the social links.
        await Expect(page.Locator(".home-recommendations a[href^='http']").First).ToBeVisibleAsync();
        await Expect(page.Locator(".home-trending a[href^='/tags/']").First).ToBeVisibleAsync();
        await Expect(page.Locator(".home-connect a[href^='http']").First).ToBeVisibleAsync();
    }
}
