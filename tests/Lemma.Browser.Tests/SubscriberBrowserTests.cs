using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lemma.Server;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lemma.Browser.Tests;

/// <summary>
/// A site served by `lemma serve --production` with the newsletter on (comments off) and an admin password, where Ada
/// subscribed and every vector of the XSS corpus was sent as a subscriber's name through the real subscribe endpoint
/// (cut to the 100 characters a name may have; one with a line break is refused, as it should be).
/// </summary>
public sealed partial class SubscribedServer : IAsyncLifetime
{
    public const string Password = "correct horse battery";
    private readonly string root = Directory.CreateTempSubdirectory("lemma-subscribers-browser-").FullName;
    private readonly StringWriter mail = new();
    public LemmaServer Server { get; private set; } = null!;
    /// <summary>The names the server took.</summary>
    public List<string> Sent { get; } = [];
    public int Refused { get; private set; }
    public string ConfirmPage { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(root, "content/posts"));
        File.WriteAllText(Path.Combine(root, "site.yaml"), "title: Letters\nbase_url: https://example.org/\nauthor: { name: Writer, email: writer@example.org }\n" +
            "newsletter: { name: Letters Weekly, per_ip: 1000000 }\n");
        File.WriteAllText(Path.Combine(root, "content/posts/a.md"), "---\ntitle: A\ndate: 2024-01-01\n---\n\nA post.\n");
        Server = LemmaServer.Create(new ServerOptions { Source = root, Port = 0, Production = true, MailLog = TextWriter.Synchronized(mail), Environment = _ => null });
        await Server.StartAsync();
        await Lemma.Server.Admin.AdminPassword.Set("data/comments.db", root, Password);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Server.Address };
        var origin = Server.Address.GetLeftPart(UriPartial.Authority);
        async Task<bool> Subscribe(string email, string name)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "_lemma/newsletter/subscribe")
            { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["name"] = name }) };
            request.Headers.Add("Origin", origin);
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        await Subscribe("ada@example.org", "Ada Lovelace");
        for (var i = 0; i < 400 && !ConfirmLink().IsMatch(mail.ToString()); i++) await Task.Delay(50);
        ConfirmPage = new Uri(ConfirmLink().Match(mail.ToString()).Value).PathAndQuery;

        var vectors = File.ReadLines(Path.Combine(SiteFixture.FindRepoRoot(), "tests", "Lemma.Browser.Tests", "xss", "vectors.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("vector").GetString()!).ToList();
        foreach (var batch in vectors.Chunk(16))
        {
            // Cut to 100 UTF-16 units, never inside a surrogate pair.
            var names = batch.Select(v => (v.Length > 100 ? v[..(char.IsHighSurrogate(v[99]) ? 99 : 100)] : v).Trim()).ToArray();
            var taken = await Task.WhenAll(names.Select((n, i) => Subscribe($"x{Sent.Count + Refused}-{i}@example.org", n)));
            for (var i = 0; i < names.Length; i++)
                if (taken[i]) Sent.Add(names[i]); else Refused++;
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"https?://\S+/_lemma/newsletter/confirm\?[^\s""<]+")]
    private static partial Regex ConfirmLink();
}

/// <summary>
/// The subscribers page in Chromium: no vector of the corpus runs script from a subscriber's name (one page load holding
/// every name, with the same traps as the comment and notebook tests), and the subscribers page, the subscribe form and a
/// confirm link's page pass axe in both palettes at 1280 and 390 px.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SubscriberBrowserTests(SiteFixture site, SubscribedServer served, ITestOutputHelper output) : IClassFixture<SubscribedServer>
{
    private async Task<IBrowserContext> LoggedIn(BrowserNewContextOptions options)
    {
        options.BaseURL = served.Server.Address.ToString();
        var context = await site.Browser.NewContextAsync(options);
        var origin = served.Server.Address.GetLeftPart(UriPartial.Authority);
        await context.RouteAsync("**/*", route => route.Request.Url.StartsWith(origin, StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync("blockedbyclient"));
        var page = await context.NewPageAsync();
        await page.GotoAsync("_lemma/admin");
        await page.Locator("#password").FillAsync(SubscribedServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Newsletter subscribers" })).ToBeVisibleAsync();
        await page.CloseAsync();
        return context;
    }

    [Fact]
    public async Task No_vector_runs_script_from_a_subscribers_name_on_the_admin_page()
    {
        Assert.True(served.Sent.Count > 600, $"only {served.Sent.Count} of the vectors were stored ({served.Refused} refused)");
        var problems = new ConcurrentQueue<string>();
        var context = await LoggedIn(new());
        try
        {
            const string Unit = "tbody td:nth-child(2)";
            await context.AddInitScriptAsync(ScriptTraps.Trap(Unit));
            var page = await context.NewPageAsync();
            var loaded = false;
            ScriptTraps.Watch(page, problems, () => loaded);
            // Every vector row (their addresses have a dash; Ada's has none).
            var response = await page.GotoAsync("_lemma/admin/subscribers?q=-", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 30_000 });
            Assert.Equal(200, response!.Status);
            loaded = true;
            await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 15_000 });
            await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
            await page.WaitForTimeoutAsync(1500);

            Assert.Equal(served.Sent.Count, await page.Locator("tbody tr").CountAsync());
            // Each name is shown as the text that was sent (the batches were sent at once, so in no fixed order).
            var shown = await page.Locator(Unit).AllTextContentsAsync();
            static string Spaced(string name) => Regex.Replace(name, @"\s+", " ");
            Assert.Equal(served.Sent.Select(Spaced).Order(StringComparer.Ordinal), shown.Select(Spaced).Order(StringComparer.Ordinal));
            string Name(int index) => index >= 0 && index < shown.Count ? shown[index] : $"row {index}";
            await ScriptTraps.Collect(page, Unit, Name, problems);
        }
        finally
        {
            await context.CloseAsync();
        }
        output.WriteLine($"{served.Sent.Count} vectors stored as names ({served.Refused} refused by the form's checks); {problems.Count} problems");
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Take(60)));
    }

    [Theory]
    [InlineData(1280, "light")]
    [InlineData(1280, "dark")]
    [InlineData(390, "light")]
    [InlineData(390, "dark")]
    public async Task The_subscribers_page_the_subscribe_form_and_the_confirm_page_pass_axe(int width, string scheme)
    {
        var problems = new ConcurrentQueue<string>();
        var context = await LoggedIn(new()
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        try
        {
            var page = await context.NewPageAsync();
            page.Console += (_, message) => { if (message.Type == "error") problems.Enqueue($"console: {message.Text}"); };
            page.PageError += (_, error) => problems.Enqueue("uncaught: " + error);
            async Task Check(string what)
            {
                foreach (var violation in await Axe.ViolationsAsync(page, site.AxePath)) problems.Enqueue($"{what}: {violation}");
            }

            await page.GotoAsync("_lemma/admin/subscribers");
            await page.GetByLabel("Search by email or name").FillAsync("lovelace");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("tbody td").First).ToHaveTextAsync("ada@example.org");
            await Check("subscribers");

            await page.GotoAsync("_lemma/newsletter/subscribe");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Subscribe");
            await Check("subscribe form");

            await page.GotoAsync(served.ConfirmPage.TrimStart('/'));
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm my subscription" })).ToBeVisibleAsync();
            await Check("confirm page");
        }
        finally
        {
            await context.CloseAsync();
        }
        Assert.True(problems.IsEmpty, $"{width} px, {scheme}:\n" + string.Join("\n", problems));
    }
}
