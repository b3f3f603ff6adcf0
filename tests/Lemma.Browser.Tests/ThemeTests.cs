using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lemma.Browser.Tests;

/// <summary>Light and dark: the toggle, its memory, and the OS setting when nothing is chosen.</summary>
[Collection(SiteCollection.Name)]
public sealed class ThemeTests(SiteFixture site)
{
    /// <summary>Relative luminance of the body's background, 0 (black) to 1 (white).</summary>
    private const string BackgroundLuminance = """
        () => {
          const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).map(Number);
          const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
          return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        }
        """;

    private static async Task<bool> LooksDarkAsync(IPage page) => await page.EvaluateAsync<double>(BackgroundLuminance) < 0.2;

    [Fact]
    public async Task The_toggle_switches_to_dark_and_the_choice_survives_a_reload()
    {
        await using var visit = await site.NewVisitAsync(new() { ColorScheme = ColorScheme.Light });
        var page = visit.Page;
        await visit.GoAsync(site.Home);
        var html = page.Locator("html");
        var toggle = page.Locator("button.theme-toggle");
        Assert.False(await LooksDarkAsync(page));
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");

        await toggle.ClickAsync();

        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await LooksDarkAsync(page));
        Assert.Equal("dark", await page.EvaluateAsync<string?>("() => localStorage.getItem('lemma-theme')"));

        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        Assert.True(await LooksDarkAsync(page));

        // Another page of the site keeps the choice too, and the toggle brings light back for good.
        await visit.GoAsync(site.PostWithCodeAndMath);
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        await toggle.ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        Assert.False(await LooksDarkAsync(page));
        Assert.True(visit.Problems() == "", visit.Problems());
    }

    [Fact]
    public async Task With_no_stored_choice_the_palette_follows_the_operating_system()
    {
        await using var visit = await site.NewVisitAsync(new() { ColorScheme = ColorScheme.Dark });
        var page = visit.Page;
        await visit.GoAsync(site.Home);
        var toggle = page.Locator("button.theme-toggle");
        Assert.True(await LooksDarkAsync(page));
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");

        // The OS switches while the page is open: the page follows, and nothing was stored.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.False(await LooksDarkAsync(page));
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await LooksDarkAsync(page));
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('lemma-theme')"));
    }

    [Fact]
    public async Task A_stored_choice_wins_over_the_operating_system()
    {
        await using var visit = await site.NewVisitAsync(new() { ColorScheme = ColorScheme.Dark });
        var page = visit.Page;
        await visit.GoAsync(site.Home);
        await page.Locator("button.theme-toggle").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await page.ReloadAsync();
        Assert.False(await LooksDarkAsync(page));
    }

    [Fact]
    public async Task Without_javascript_the_os_palette_applies_and_no_control_that_needs_script_is_shown()
    {
        await using var visit = await site.NewVisitAsync(new() { ColorScheme = ColorScheme.Dark, JavaScriptEnabled = false });
        var page = visit.Page;
        await visit.GoAsync(site.PostWithCodeAndMath);
        Assert.True(await LooksDarkAsync(page));
        await Expect(page.Locator("button.theme-toggle")).ToBeHiddenAsync();
        await Expect(page.Locator("button.copy").First).ToBeHiddenAsync();
        await Expect(page.Locator("article h1")).ToBeVisibleAsync();
    }
}
