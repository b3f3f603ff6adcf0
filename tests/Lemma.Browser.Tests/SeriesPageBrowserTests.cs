using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lemma.Browser.Tests;

/// <summary>The example site's series page (issue #19), reached from a part's series navigation.</summary>
[Collection(SiteCollection.Name)]
public sealed class SeriesPageBrowserTests(SiteFixture site)
{
    [Fact]
    public async Task A_parts_series_link_leads_to_the_series_page_listing_the_parts_in_the_same_order_with_no_axe_violation()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.PostInSeries);
        var nav = page.Locator("nav.series");
        var name = (await nav.Locator(".series-title a").InnerTextAsync()).Trim();
        var parts = (await nav.Locator("li").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray();

        await nav.Locator(".series-title a").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/series/[^/]+/$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        Assert.Equal(parts, (await page.Locator(".series-parts .post-item-title").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            var violations = await Axe.ViolationsAsync(page, site.AxePath);
            Assert.True(violations.Count == 0, $"{scheme}:\n" + string.Join("\n", violations));
        }
        Assert.True(visit.Problems() == "", visit.Problems());
    }
}
