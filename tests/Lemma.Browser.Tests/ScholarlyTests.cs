using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lemma.Browser.Tests;

/// <summary>
/// Callouts, theorems and numbered figures of the example site's research notes, as Chromium shows them: visible
/// titles, numbers and filled references, scholarly.css applied, and no axe-core violation in light or dark.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ScholarlyTests(SiteFixture site)
{
    /// <summary>The first built page whose HTML holds <paramref name="marker"/> (and not <paramref name="without"/>), as a root-relative URL.</summary>
    private string PageWith(string marker, string? without = null)
    {
        var file = Directory.EnumerateFiles(site.SiteDir, "index.html", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}page{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (File: f, Html: File.ReadAllText(f)))
            .FirstOrDefault(p => p.Html.Contains(marker, StringComparison.Ordinal) && (without is null || !p.Html.Contains(without, StringComparison.Ordinal))).File
            ?? throw new InvalidOperationException($"no page of the example site has {marker}");
        return "/" + Path.GetRelativePath(site.SiteDir, Path.GetDirectoryName(file)!).Replace('\\', '/') + "/";
    }

    private string TheoremPage => PageWith("class=\"theorem theorem-theorem\"");
    private string FigurePage => PageWith("<figure class=\"figure figure-block\" id=\"fig-exponents\"");

    /// <summary>
    /// A page with a numbered image figure and no citations: the axe check stays about figures (citation links,
    /// styled by citations.css, are checked with the citations).
    /// </summary>
    private string ImageFigurePage => PageWith("<figure class=\"figure\" id=\"fig-1\">\n<img", without: "class=\"citation\"");

    [Fact]
    public async Task A_callout_and_a_theorem_show_their_titles_and_a_reference_shows_the_number()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(TheoremPage);

        var callout = page.Locator("aside.callout[role=note]").First;
        await Expect(callout.Locator(".callout-title")).ToBeVisibleAsync();
        await Expect(callout.Locator(".callout-title")).Not.ToHaveTextAsync("");

        var theorem = page.Locator(".theorem.theorem-theorem").First;
        await Expect(theorem.Locator(":scope > .theorem-title")).ToBeVisibleAsync();
        await Expect(theorem.Locator(":scope > .theorem-title")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Theorem 1\b.*\.$"));
        await Expect(page.Locator(".proof .qed").First).ToBeVisibleAsync();

        var id = await theorem.GetAttributeAsync("id");
        Assert.False(string.IsNullOrEmpty(id), "the example theorem has no label");
        await Expect(page.Locator($"main a[href='#{id}']").First).ToHaveTextAsync("Theorem 1");

        // scholarly.css is linked and applied: a theorem's statement is in italics, as amsthm sets it.
        var style = await theorem.Locator("p:not(.theorem-title)").First.EvaluateAsync<string>("p => getComputedStyle(p).fontStyle");
        Assert.Equal("italic", style);
        Assert.True(visit.Problems() == "", visit.Problems());
    }

    [Fact]
    public async Task A_figure_shows_its_number_in_the_caption_and_in_references()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(FigurePage);

        var caption = page.Locator("#fig-exponents > figcaption");
        await Expect(caption).ToBeVisibleAsync();
        await Expect(caption.Locator(".figure-label")).ToHaveTextAsync("Figure 1:");
        await Expect(page.Locator("main a[href='#fig-exponents']").First).ToHaveTextAsync("Figure 1");
        Assert.True(visit.Problems() == "", visit.Problems());

        // An image alone in its paragraph is a numbered figure too, and its image loads.
        await visit.GoAsync(ImageFigurePage);
        await Expect(page.Locator("#fig-1 > figcaption > .figure-label")).ToHaveTextAsync("Figure 1:");
        var image = page.Locator("#fig-1 > img");
        await image.ScrollIntoViewIfNeededAsync(); // it loads lazily
        Assert.True(await image.EvaluateAsync<bool>("""
            img => img.complete && img.naturalWidth > 0 ? true
              : new Promise(done => { img.addEventListener('load', () => done(img.naturalWidth > 0)); img.addEventListener('error', () => done(false)); })
            """), "the figure's image did not load");
        Assert.True(visit.Problems() == "", visit.Problems());
    }

    [Theory]
    [InlineData("theorem", "light")]
    [InlineData("theorem", "dark")]
    [InlineData("figure", "light")]
    [InlineData("figure", "dark")]
    public async Task Axe_core_finds_no_violation(string which, string scheme)
    {
        await using var visit = await site.NewVisitAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        var page = visit.Page;
        var path = which == "theorem" ? TheoremPage : ImageFigurePage;
        await visit.GoAsync(path);
        Assert.Equal(scheme, await page.Locator("html").GetAttributeAsync("data-theme"));

        var violations = await Axe.ViolationsAsync(page, site.AxePath);
        Assert.True(violations.Count == 0, $"{path} in {scheme}:\n{string.Join("\n", violations)}");
    }
}
