using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lemma.Browser.Tests;

/// <summary>
/// Images in the dark palette (issue #19): a figure with a dark variant (the example's contours.svg and contours.dark.svg)
/// shows the variant whichever way dark was reached, the system's setting or the toggle, and the light one otherwise;
/// an image without one is dimmed on white on screen; a notebook DataFrame's border="1" grid takes the palette's border colour.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class DarkImageTests(SiteFixture site)
{
    private const string VariantPost = "/posts/gradient-descent/";
    private const string NotebookWithDataFrame = "/posts/learning-rate-sweep/";

    private static async Task ShowsAsync(IPage page, string file)
    {
        var figure = page.Locator("picture img").First;
        await figure.ScrollIntoViewIfNeededAsync();
        // currentSrc is the source the browser chose; it changes as soon as a <source>'s media does.
        await page.WaitForFunctionAsync($"() => document.querySelector('picture img').currentSrc.endsWith('/{file}')", null, new() { Timeout = 10_000 });
        Assert.True(await figure.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), $"{file} did not load");
    }

    private static Task<string> FilterAsync(ILocator image) => image.EvaluateAsync<string>("i => getComputedStyle(i).filter");

    [Fact]
    public async Task A_dark_variant_follows_the_system_setting_and_the_toggle_both_ways()
    {
        // The system says dark, nothing is chosen: the dark variant, shown as drawn.
        await using (var visit = await site.NewVisitAsync(new() { ColorScheme = ColorScheme.Dark }))
        {
            var page = visit.Page;
            await visit.GoAsync(VariantPost);
            await ShowsAsync(page, "contours.dark.svg");
            Assert.Equal("none", await FilterAsync(page.Locator("picture img").First));
            // The system turns light while the page is open.
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await ShowsAsync(page, "contours.svg");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await ShowsAsync(page, "contours.dark.svg");
            // The toggle chooses light against the system, and the choice holds on the next page load.
            await page.Locator("button.theme-toggle").ClickAsync();
            await ShowsAsync(page, "contours.svg");
            await page.ReloadAsync();
            await ShowsAsync(page, "contours.svg");
            Assert.True(visit.Problems() == "", visit.Problems());
        }

        // The system says light and the toggle chooses dark.
        await using (var visit = await site.NewVisitAsync(new() { ColorScheme = ColorScheme.Light }))
        {
            var page = visit.Page;
            await visit.GoAsync(VariantPost);
            await ShowsAsync(page, "contours.svg");
            await page.Locator("button.theme-toggle").ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
            await ShowsAsync(page, "contours.dark.svg");
            await page.ReloadAsync();
            await ShowsAsync(page, "contours.dark.svg");
            Assert.True(visit.Problems() == "", visit.Problems());
        }

        // Without JavaScript the system's setting alone decides, through the source's media.
        await using (var visit = await site.NewVisitAsync(new() { ColorScheme = ColorScheme.Dark, JavaScriptEnabled = false }))
        {
            await visit.GoAsync(VariantPost);
            await ShowsAsync(visit.Page, "contours.dark.svg");
        }
    }

    [Fact]
    public async Task An_image_without_a_dark_variant_is_dimmed_in_dark_and_a_dataframe_grid_is_no_white_lines()
    {
        await using var visit = await site.NewVisitAsync(new() { ColorScheme = ColorScheme.Light });
        var page = visit.Page;
        await visit.GoAsync(site.PostWithCodeAndMath);
        var image = page.Locator(".content img").First;
        Assert.Equal("none", await FilterAsync(image));
        await page.Locator("button.theme-toggle").ClickAsync();
        Assert.Contains("brightness", await FilterAsync(image));
        Assert.Equal("rgb(255, 255, 255)", await image.EvaluateAsync<string>("i => getComputedStyle(i).backgroundColor"));
        // Printed, the image is as drawn.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal("none", await FilterAsync(image));
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Dark is stored now: the notebook's DataFrame cells are bordered in the palette's dark border colour.
        await visit.GoAsync(NotebookWithDataFrame);
        var cell = page.Locator(".nb-html table[border] td").First;
        await Expect(cell).ToBeAttachedAsync();
        var luminance = await cell.EvaluateAsync<double>("""
            td => {
              const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
              const [r, g, b] = getComputedStyle(td).borderLeftColor.match(/[\d.]+/g).map(Number);
              return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
            }
            """);
        Assert.True(luminance < 0.1, $"the DataFrame grid is light in the dark palette (luminance {luminance:F2})");
        Assert.True(visit.Problems() == "", visit.Problems());
    }
}
