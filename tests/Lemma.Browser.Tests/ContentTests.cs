using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Lemma.Browser.Tests;

/// <summary>Math and code in the post that has both, as Chromium lays them out.</summary>
[Collection(SiteCollection.Name)]
public sealed class ContentTests(SiteFixture site, ITestOutputHelper output)
{
    private static bool IsMathFont(IResponse r) =>
        r.Request.ResourceType == "font" || r.Url.Contains("/fonts/", StringComparison.Ordinal);

    [Fact]
    public async Task Math_elements_have_a_size_and_use_the_math_font()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.PostWithCodeAndMath);

        var sizes = await page.Locator("math").EvaluateAllAsync<double[][]>(
            "all => all.map(m => { const r = m.getBoundingClientRect(); return [r.width, r.height]; })");
        Assert.NotEmpty(sizes);
        var empty = sizes.Select((s, i) => (s, i)).Where(x => x.s[0] <= 0 || x.s[1] <= 0).Select(x => x.i).ToList();
        Assert.True(empty.Count == 0, $"math elements with no size: #{string.Join(", #", empty)} of {sizes.Length}");
        await Expect(page.Locator("math[display=block]")).Not.ToHaveCountAsync(0);

        var family = await page.Locator("math").First.EvaluateAsync<string>("m => getComputedStyle(m).fontFamily");
        Assert.StartsWith("\"STIX Two Math\"", family);
        Assert.True(await page.EvaluateAsync<bool>("() => document.fonts.check('16px \"STIX Two Math\"')"), "the math font did not load");
        Assert.Contains(visit.Responses, r => IsMathFont(r) && r.Status == 200);
        Assert.True(visit.Problems() == "", visit.Problems());
    }

    [Theory]
    [InlineData("home")]
    [InlineData("section")]
    [InlineData("tag")]
    public async Task The_math_font_is_not_requested_on_a_page_without_math(string pageName)
    {
        await using var visit = await site.NewVisitAsync();
        await visit.GoAsync(PageLoadTests.PathOf(site, pageName));
        Assert.Equal(0, await visit.Page.Locator("math").CountAsync());
        Assert.DoesNotContain(visit.Responses, IsMathFont);
    }

    [Fact]
    public async Task Code_is_a_figure_with_token_spans()
    {
        await using var visit = await site.NewVisitAsync();
        var page = visit.Page;
        await visit.GoAsync(site.PostWithCodeAndMath);

        await Expect(page.Locator("figure.code > pre[data-lang] > code").First).ToBeVisibleAsync();
        await Expect(page.Locator("pre code span.line").First).ToBeAttachedAsync();
        var tokens = await page.Locator("pre code span[class^=hl-]").CountAsync();
        Assert.True(tokens > 10, $"only {tokens} highlighted token spans");
        // Token colours come from highlight.css: a keyword is not painted like plain text.
        var colours = await page.Locator("pre code span[class^=hl-]").EvaluateAllAsync<string[]>(
            "all => [...new Set(all.map(s => getComputedStyle(s).color))]");
        Assert.True(colours.Length >= 3, $"token colours: {string.Join(", ", colours)}");
    }

    [Fact]
    public async Task The_copy_button_is_revealed_by_script_and_copies_the_code_without_a_prompt()
    {
        // In the HTML as built the button is hidden: without JavaScript it would do nothing.
        var file = Path.Combine(site.SiteDir, site.PostWithCodeAndMath.Trim('/'), "index.html");
        Assert.Matches("<button class=\"copy\"[^>]*hidden", File.ReadAllText(file));

        await using var visit = await site.NewVisitAsync();
        await visit.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = visit.Url("/").TrimEnd('/') });
        var page = visit.Page;
        await visit.GoAsync(site.PostWithCodeAndMath);

        var figure = page.Locator("figure.code").Filter(new() { Has = page.Locator("button.copy") }).First;
        var button = figure.Locator("button.copy");
        await Expect(button).ToBeVisibleAsync();
        var code = await figure.Locator("pre code").EvaluateAsync<string>("c => c.textContent");

        await button.ClickAsync();

        await Expect(button).ToHaveTextAsync("Copied");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(code.TrimEnd('\n'), copied.TrimEnd('\n'));
        Assert.True(visit.Problems() == "", visit.Problems());
    }

    /// <summary>The site paths of the example site's posts whose built HTML holds <paramref name="marker"/>.</summary>
    private List<string> PostsWith(string marker)
    {
        var posts = Directory.EnumerateFiles(Path.Combine(site.SiteDir, "posts"), "index.html", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains(marker, StringComparison.Ordinal))
            .Select(f => "/" + Path.GetRelativePath(site.SiteDir, Path.GetDirectoryName(f)!).Replace('\\', '/') + "/")
            .Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(posts);
        return posts;
    }

    [Fact]
    public async Task At_390_pixels_no_copy_button_covers_a_line_of_code()
    {
        var posts = PostsWith("<button class=\"copy\"");
        await using var visit = await site.NewVisitAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var covered = new List<string>();
        foreach (var post in posts)
        {
            await visit.GoAsync(post);
            // The script reveals the buttons (some blocks may sit in a closed <details>, with no box).
            await visit.Page.WaitForFunctionAsync("() => document.querySelector('button.copy:not([hidden])')");
            // The button's box against the first line's text (a Range, not the line's full-width box).
            covered.AddRange((await visit.Page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('figure.code')].flatMap((figure, i) => {
                  const button = figure.querySelector('button.copy'), line = figure.querySelector('pre .line');
                  if (!button || button.hidden || !line) return [];
                  const range = document.createRange();
                  range.selectNodeContents(line);
                  const b = button.getBoundingClientRect();
                  if (b.width === 0) return [];
                  return [...range.getClientRects()].some(r => r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top)
                    ? ['block ' + (i + 1) + ': ' + line.textContent.slice(0, 40)] : [];
                })
                """)).Select(block => $"{post} {block}"));
        }
        Assert.True(covered.Count == 0, string.Join("\n", covered));
    }

    [Fact]
    public async Task At_390_pixels_no_display_equation_is_cut_and_a_wide_one_scrolls_with_the_keyboard()
    {
        var posts = PostsWith("<math display=\"block\"");
        await using var visit = await site.NewVisitAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var (cut, scrolling) = (new List<string>(), 0);
        foreach (var post in posts)
        {
            await visit.GoAsync(post);
            // An equation is cut when its own box is narrower than what it draws; a wide one must sit in a box that
            // scrolls, and that box must take the focus (a keyboard scrolls it).
            var found = await visit.Page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('math[display=block]')].map((m, i) => {
                  const box = m.getBoundingClientRect();
                  let content = 0;
                  for (const child of m.children) { const r = child.getBoundingClientRect(); content = Math.max(content, r.right - box.left); }
                  if (content > box.width + 1) return 'cut ' + (i + 1) + ': ' + Math.round(content) + ' px drawn in ' + Math.round(box.width);
                  const scroller = m.closest('.math-display, .equation') || m;
                  if (scroller.scrollWidth <= scroller.clientWidth + 1) return 'fits';
                  const style = getComputedStyle(scroller);
                  if (style.overflowX !== 'auto' && style.overflowX !== 'scroll') return 'cut ' + (i + 1) + ': its box does not scroll';
                  return scroller.tabIndex === 0 ? 'scrolls' : 'cut ' + (i + 1) + ': scrolls but takes no focus';
                })
                """);
            cut.AddRange(found.Where(f => f.StartsWith("cut", StringComparison.Ordinal)).Select(f => $"{post} {f}"));
            scrolling += found.Count(f => f == "scrolls");
        }
        Assert.True(cut.Count == 0, string.Join("\n", cut));
        Assert.True(scrolling > 0, "no equation of the example site is wider than a phone: the test shows nothing");
    }

    [Fact]
    public async Task The_contents_sit_in_the_left_margin_and_stay_in_view_on_wide_screens_and_above_the_text_on_phones()
    {
        var post = PostsWith("<details class=\"toc\"").First();
        const string Boxes = """
            () => {
              const toc = document.querySelector('details.toc').getBoundingClientRect(), text = document.querySelector('.content').getBoundingClientRect();
              return [toc.left, toc.right, toc.top, toc.bottom, text.left, text.top, window.innerHeight];
            }
            """;
        await using (var wide = await site.NewVisitAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } }))
        {
            await wide.GoAsync(post);
            var b = await wide.Page.EvaluateAsync<double[]>(Boxes);
            Assert.True(b[1] <= b[4], $"the contents ({b[0]}–{b[1]} px) overlap the text, which starts at {b[4]} px");
            Assert.True(b[0] >= 0, $"the contents start off screen, at {b[0]} px");
            await wide.Page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight * 0.6)");
            b = await wide.Page.EvaluateAsync<double[]>(Boxes);
            Assert.True(b[2] >= 0 && b[2] < b[6], $"after scrolling, the contents' top is at {b[2]} px, out of view");
        }
        await using var phone = await site.NewVisitAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await phone.GoAsync(post);
        var p = await phone.Page.EvaluateAsync<double[]>(Boxes);
        Assert.True(p[3] <= p[5] && p[0] >= 0, $"on a phone the contents ({p[2]}–{p[3]} px) are not above the text ({p[5]} px)");
    }

    [Fact]
    public async Task Post_page_css_and_script_stay_under_30_kilobytes()
    {
        await using var visit = await site.NewVisitAsync();
        await visit.GoAsync(site.PostWithCodeAndMath);

        var files = new List<(string Url, int Bytes)>();
        foreach (var response in visit.Responses.Where(r => r.Request.ResourceType is "stylesheet" or "script"))
        {
            files.Add((new Uri(response.Url).AbsolutePath, (await response.BodyAsync()).Length));
        }
        var total = files.Sum(f => f.Bytes);
        var report = string.Join("\n", files.Select(f => $"  {f.Bytes,7:N0} B  {f.Url}")) + $"\n  {total,7:N0} B  total CSS + JS (fonts excluded)";
        var text = $"CSS and script loaded by {site.PostWithCodeAndMath}:\n{report}";
        output.WriteLine(text);
        site.SaveReport("post-page-bytes.txt", text);

        Assert.Contains(files, f => f.Url.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Url.EndsWith(".js", StringComparison.Ordinal));
        Assert.True(total < 30 * 1024, report);
    }
}
