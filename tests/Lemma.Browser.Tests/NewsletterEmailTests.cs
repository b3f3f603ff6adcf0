using Ganss.Xss;
using Lemma.Server;
using Microsoft.Playwright;

namespace Lemma.Browser.Tests;

/// <summary>A copy of examples/blog under `lemma serve` (preview), and Chromium.</summary>
public sealed class PreviewedBlog : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("lemma-newsletter-").FullName;
    private IPlaywright? playwright;
    public LemmaServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A copy: the example turns comments on, and serve opens their database in the site's folder.
        var blog = Path.Combine(SiteFixture.FindRepoRoot(), "examples", "blog");
        foreach (var file in Directory.EnumerateFiles(blog, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(blog, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Server = LemmaServer.Create(new ServerOptions { Source = root, Port = 0, MailLog = TextWriter.Null, Environment = _ => null });
        await Server.StartAsync();
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = SiteFixture.ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// The newsletter email of the online-softmax post (Python, C++ and CUDA, inline and display math) in Chromium, as
/// `serve` shows it and as Gmail would after stripping what it strips: it loads cleanly, fits a phone, keeps its code
/// colours, and each formula's TeX is on screen.
/// </summary>
public sealed class NewsletterEmailTests(PreviewedBlog blog) : IClassFixture<PreviewedBlog>
{
    private const string Preview = "_lemma/newsletter/preview?post=/posts/online-softmax/";

    private async Task<Visit> Open(int width)
    {
        var context = await blog.Browser.NewContextAsync(new() { BaseURL = blog.Server.Address.ToString(), ViewportSize = new() { Width = width, Height = 800 } });
        var visit = new Visit(context, await context.NewPageAsync(), blog.Server.Address);
        await visit.WatchAsync();
        return visit;
    }

    private static async Task AssertReadable(IPage page)
    {
        // No MathML reaches the email; its formulas are their TeX, on screen.
        Assert.Equal(0, await page.Locator("math").CountAsync());
        await Assertions.Expect(page.GetByText("$e^{x}$").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("$$\\operatorname{softmax}(x)_i = \\frac{e^{x_i}}{\\sum_{j=1}^{n} e^{x_j}}$$")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("def online_softmax(xs: list[float]) -> list[float]:", new() { Exact = false })).ToBeVisibleAsync();
        // The text of MathML tokens never shows beside the TeX.
        Assert.DoesNotContain("softmax⁡", await page.InnerTextAsync("body"));
    }

    [Fact]
    public async Task The_email_as_served_loads_cleanly_fits_a_phone_and_keeps_its_code_colours()
    {
        await using var visit = await Open(375);
        await visit.GoAsync(Preview);
        await AssertReadable(visit.Page);
        var keyword = visit.Page.Locator("pre span", new() { HasTextString = "import" }).First;
        Assert.Equal("rgb(184, 33, 43)", await keyword.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.True(await visit.Page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth"), "the email is wider than a phone");
        Assert.Equal("", visit.Problems());
    }

    [Fact]
    public async Task The_email_after_a_webmail_strips_styles_classes_and_MathML_still_shows_every_formula()
    {
        using var http = new HttpClient { BaseAddress = blog.Server.Address };
        var html = await http.GetStringAsync(Preview);
        // Gmail's way: no <style>, class, id or MathML, and the text of a removed element left in place.
        var gmail = new HtmlSanitizer { KeepChildNodes = true, AllowDataAttributes = false };
        foreach (var tag in (string[])["style", "math", "svg"]) gmail.AllowedTags.Remove(tag);
        gmail.AllowedAttributes.Remove("class");
        gmail.AllowedAttributes.Remove("id");
        var stripped = gmail.Sanitize(html);

        await using var visit = await Open(1024);
        await visit.Page.SetContentAsync("<!DOCTYPE html><html><body>" + stripped + "</body></html>");
        await AssertReadable(visit.Page);
        Assert.Equal("", visit.Problems());
    }
}
