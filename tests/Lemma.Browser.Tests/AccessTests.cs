using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lemma.Browser.Tests;

/// <summary>Keyboard, small screens and axe-core, in light and dark.</summary>
[Collection(SiteCollection.Name)]
public sealed class AccessTests(SiteFixture site)
{
    /// <summary>What has the focus: its tag, href, class, and whether a focus ring is drawn (outline or box-shadow).</summary>
    private const string Focused = """
        () => {
          const e = document.activeElement;
          const s = getComputedStyle(e);
          const r = e.getBoundingClientRect();
          return {
            tag: e.tagName.toLowerCase(),
            href: e.getAttribute('href') ?? '',
            cls: e.className ?? '',
            ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
            onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
          };
        }
        """;

    public sealed class FocusState
    {
        public string Tag { get; set; } = "";
        public string Href { get; set; } = "";
        public string Cls { get; set; } = "";
        public bool Ring { get; set; }
        public bool OnScreen { get; set; }

        public override string ToString() => $"<{Tag} class=\"{Cls}\" href=\"{Href}\"> ring {Ring}, on screen {OnScreen}";
    }

    private static async Task<FocusState> FocusedAsync(IPage page) =>
        await page.EvaluateAsync<FocusState>(Focused);

    [Fact]
    public async Task Tab_reaches_the_skip_link_first_then_the_header_links_with_a_visible_focus_ring()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.PostWithCodeAndMath);
        var expected = new List<string> { "#main", "/" };
        expected.AddRange(await page.Locator(".site-header nav a").EvaluateAllAsync<string[]>("all => all.map(a => a.getAttribute('href'))"));
        Assert.True(expected.Count > 3, "the header has no menu links");

        var seen = new List<FocusState>();
        foreach (var _ in expected)
        {
            await page.Keyboard.PressAsync("Tab");
            seen.Add(await FocusedAsync(page));
        }

        Assert.Equal(expected, seen.Select(f => f.Href));
        Assert.Contains("skip-link", seen[0].Cls);
        Assert.All(seen, f => Assert.True(f.Ring && f.OnScreen, $"{f.Href}: focus ring {f.Ring}, on screen {f.OnScreen}"));

        // Next comes the theme toggle, then the page itself.
        await page.Keyboard.PressAsync("Tab");
        var toggle = await FocusedAsync(page);
        Assert.True(toggle.Tag == "button" && toggle.Cls.Contains("theme-toggle") && toggle.Ring, $"after the menu: {toggle}");
    }

    [Fact]
    public async Task The_skip_link_moves_the_focus_to_the_main_content()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.Home);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        // The next Tab lands on the first link of the content, not back in the header.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"));
    }

    [Theory]
    [InlineData("home")]
    [InlineData("post")]
    [InlineData("section")]
    public async Task At_360_pixels_wide_nothing_scrolls_sideways(string pageName)
    {
        await using var visit = await site.NewVisitAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
        await visit.GoAsync(PageLoadTests.PathOf(site, pageName));
        var width = await visit.Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        var culprits = await visit.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > 361 && !e.closest('pre, .table-wrap, math[display=block], .math-display, .equation'))
              .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right))
            """);
        Assert.True(width <= 360, $"scroll width {width}; wide: {string.Join("; ", culprits)}");
    }

    public static TheoryData<string, string> AxePages
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var scheme in new[] { "light", "dark" })
                foreach (var page in new[] { "home", "post", "section", "tag", "series", "footnotes", "archive" })
                    data.Add(page, scheme);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AxePages))]
    public async Task Axe_core_finds_no_violation(string pageName, string scheme)
    {
        await using var visit = await site.NewVisitAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        var page = visit.Page;
        await visit.GoAsync(PageLoadTests.PathOf(site, pageName));
        Assert.Equal(scheme, await page.Locator("html").GetAttributeAsync("data-theme"));

        var violations = await Axe.ViolationsAsync(page, site.AxePath);
        Assert.True(violations.Count == 0, $"{PageLoadTests.PathOf(site, pageName)} in {scheme}:\n{string.Join("\n", violations)}");
    }
}
