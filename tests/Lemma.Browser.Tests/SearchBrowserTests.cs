using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lemma.Browser.Tests;

/// <summary>
/// Search in Chromium on the built example site (issue #18): the header's box and the search page answering as the
/// reader types, from the index on a static server; keyboard use; axe; and every vector of the XSS corpus as a query.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SearchBrowserTests(SiteFixture site, ITestOutputHelper output)
{
    private const string Results = "#search-results li";

    private static bool LoadedClient(Visit visit) => visit.Responses.Any(r => new Uri(r.Url).AbsolutePath == "/assets/js/search.js");

    [Fact]
    public async Task Typing_on_the_search_page_shows_results_with_title_date_section_and_the_words_marked()
    {
        await using var visit = await site.NewVisitAsync();
        await visit.GoAsync("/search/");
        await visit.Page.Locator("#search-q").PressSequentiallyAsync("softmax");
        await Assertions.Expect(visit.Page.Locator(Results).First).ToBeVisibleAsync();
        var first = visit.Page.Locator(Results).First;
        Assert.Equal("Softmax in one pass: the trick inside FlashAttention", await first.Locator("a").TextContentAsync());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} · posts$", await first.Locator(".search-meta").TextContentAsync());
        Assert.Equal("softmax", (await first.Locator("p mark").First.TextContentAsync())!.ToLowerInvariant());
        Assert.EndsWith("/search/?q=softmax", visit.Page.Url);
    }

    [Fact]
    public async Task The_search_page_opened_with_a_query_shows_its_results()
    {
        await using var visit = await site.NewVisitAsync();
        await visit.GoAsync("/search/?q=KL%20divergence");
        await Assertions.Expect(visit.Page.Locator(Results).First.Locator("a")).ToHaveTextAsync("KL divergence is not a distance, and that is the point");
        Assert.Equal("KL divergence", await visit.Page.Locator("#search-q").InputValueAsync());
    }

    [Fact]
    public async Task A_plain_page_view_loads_no_search_client_and_slash_focuses_the_header_box_which_loads_it()
    {
        await using var visit = await site.NewVisitAsync();
        await visit.GoAsync(site.PostWithCodeAndMath);
        await visit.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.False(LoadedClient(visit));
        await visit.Page.Keyboard.PressAsync("/");
        Assert.True(await visit.Page.Locator(".site-search input").EvaluateAsync<bool>("e => e === document.activeElement"));
        await visit.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(LoadedClient(visit));
    }

    [Fact]
    public async Task Arrow_keys_move_from_the_header_box_through_its_results_and_escape_closes_them()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync("/");
        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync("training");
        var links = page.Locator(".site-search .search-results li a");
        await Assertions.Expect(links.Nth(1)).ToBeVisibleAsync();
        async Task<string> Focused() => await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href') || document.activeElement.name");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(await links.Nth(0).GetAttributeAsync("href"), await Focused());
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(await links.Nth(1).GetAttributeAsync("href"), await Focused());
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.Equal("q", await Focused());
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal(0, await links.CountAsync());
        // Enter submits the box to the search page, as it does without JavaScript.
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/search/\\?q=training$"));
        await Assertions.Expect(page.Locator(Results).First).ToBeVisibleAsync();
    }

    public static TheoryData<int, string> Sizes() => new() { { 1280, "light" }, { 1280, "dark" }, { 390, "light" }, { 390, "dark" } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Axe_finds_no_violation_in_the_search_page_or_the_header_panel(int width, string scheme)
    {
        await using var visit = await site.NewVisitAsync(new()
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        await visit.GoAsync("/search/?q=attention");
        await Assertions.Expect(visit.Page.Locator(Results).First).ToBeVisibleAsync();
        var onPage = await Axe.ViolationsAsync(visit.Page, site.AxePath);
        Assert.True(onPage.Count == 0, "search page: " + string.Join("\n", onPage));

        await visit.GoAsync("/");
        await visit.Page.Locator(".site-search input").FocusAsync();
        await visit.Page.Keyboard.TypeAsync("adam");
        await Assertions.Expect(visit.Page.Locator(".site-search .search-results li").First).ToBeVisibleAsync();
        var inPanel = await Axe.ViolationsAsync(visit.Page, site.AxePath);
        Assert.True(inPanel.Count == 0, "header panel: " + string.Join("\n", inPanel));
        Directory.CreateDirectory(site.ScreenshotDir);
        await visit.Page.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotDir, $"search-panel-{width}-{scheme}.png") });
    }

    [Fact]
    public async Task No_vector_of_the_xss_corpus_typed_as_a_query_runs_script_or_freezes_the_page()
    {
        var vectors = File.ReadLines(Path.Combine(site.RepoRoot, "tests", "Lemma.Browser.Tests", "xss", "vectors.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("vector").GetString()!).ToArray();
        var problems = new ConcurrentQueue<string>();
        await using var visit = await site.NewVisitAsync();
        await visit.Context.AddInitScriptAsync(ScriptTraps.Trap("#search-results"));
        // Not counting navigations: the client keeps the query in the address (history.replaceState), which Playwright
        // reports as one; the page's address is checked at the end instead.
        ScriptTraps.Watch(visit.Page, problems, () => false);
        await visit.GoAsync("/search/");
        // One page load; each vector typed into the box, given the client's pause and its fetches, its results checked.
        var found = await visit.Page.EvaluateAsync<string[]>("""
            async vectors => {
              const input = document.getElementById('search-q'), results = document.getElementById('search-results');
              const allowed = new Set(['ol', 'li', 'a', 'span', 'p', 'mark']), wrong = [];
              for (let i = 0; i < vectors.length; i++) {
                input.value = vectors[i];
                input.dispatchEvent(new Event('input'));
                await new Promise(r => setTimeout(r, 110));
                for (const e of results.querySelectorAll('*'))
                  if (!allowed.has(e.localName) || [...e.attributes].some(a => a.name !== 'href' && a.name !== 'class'))
                    wrong.push(i + ': <' + e.localName + '> ' + e.outerHTML.slice(0, 80));
              }
              return wrong;
            }
            """, vectors);
        foreach (var f in found) problems.Enqueue(f);
        await ScriptTraps.Collect(visit.Page, "#search-results", i => $"results {i}", problems);
        Assert.Equal("/search/", new Uri(visit.Page.Url).AbsolutePath);
        // The page still answers: no query froze it.
        Assert.Equal(2, await visit.Page.EvaluateAsync<int>("() => 1 + 1"));
        output.WriteLine($"{vectors.Length} vectors typed as queries; {problems.Count} problems");
        Assert.True(vectors.Length >= 900, $"{vectors.Length} vectors");
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Take(40)));
    }
}
