using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lemma.Browser.Tests;

/// <summary>Every kind of page loads cleanly: no console error, no failed request, nothing fetched from elsewhere.</summary>
[Collection(SiteCollection.Name)]
public sealed class PageLoadTests(SiteFixture site)
{
    public static TheoryData<string> Pages => new() { "home", "post", "section", "tag", "404", "series", "footnotes", "archive", "about", "tags", "interactive" };

    internal static string PathOf(SiteFixture site, string page) => page switch
    {
        "home" => site.Home,
        "post" => site.PostWithCodeAndMath,
        "section" => site.SectionList,
        "tag" => site.TagPage,
        "404" => site.MissingPage,
        "series" => site.PostInSeries,
        "footnotes" => site.PostWithFootnotes,
        "archive" => site.Archive,
        "about" => site.About,
        "tags" => site.TagIndex,
        "interactive" => site.InteractivePost,
        _ => throw new ArgumentOutOfRangeException(nameof(page), page, null),
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_loads_with_no_console_error_no_failed_request_and_no_request_leaving_127_0_0_1(string page)
    {
        await using var visit = await site.NewVisitAsync();
        var path = PathOf(site, page);
        if (page == "404") visit.Expected404 = visit.Url(path);

        var response = await visit.GoAsync(path);

        Assert.NotNull(response);
        Assert.Equal(page == "404" ? 404 : 200, response.Status);
        await Expect(visit.Page.Locator("h1").First).ToBeVisibleAsync();
        Assert.True(visit.Problems() == "", $"{path}:\n{visit.Problems()}");
        // Local requests were made (stylesheets at least), so the watch above did see the page's traffic.
        Assert.Contains(visit.Responses, r => r.Request.ResourceType == "stylesheet");
    }

    [Fact]
    public async Task A_posts_own_script_runs_under_the_sites_policy()
    {
        await using var visit = await site.NewVisitAsync();
        await visit.GoAsync(site.InteractivePost);
        // The figure's caption says the demo needs JavaScript until the post's script takes over.
        await Expect(visit.Page.Locator("#gd-status")).Not.ToContainTextAsync("needs JavaScript");
        Assert.True(visit.Problems() == "", visit.Problems());
    }

    [Fact]
    public async Task The_not_found_page_offers_a_way_back()
    {
        await using var visit = await site.NewVisitAsync();
        visit.Expected404 = visit.Url(site.MissingPage);
        await visit.GoAsync(site.MissingPage);
        await Expect(visit.Page.Locator("main a[href='/']")).Not.ToHaveCountAsync(0);
    }
}
