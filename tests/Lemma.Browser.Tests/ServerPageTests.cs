using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Lemma.Server;
using Microsoft.Playwright;

namespace Lemma.Browser.Tests;

/// <summary>
/// A site served by `lemma serve --production` whose writer set an admin password, with one comment waiting for
/// approval: its notification mail (printed, with the signed moderation links), the edit cookie of the browser that
/// posted it, and a mailed link to erase everything of its email.
/// </summary>
public sealed partial class ModeratedServer : IAsyncLifetime
{
    public const string Post = "/posts/a/", Password = "correct horse battery", Text = "Waiting for the writer.";
    private readonly string root = Directory.CreateTempSubdirectory("lemma-server-pages-").FullName;
    private readonly StringWriter mail = new();
    public LemmaServer Server { get; private set; } = null!;
    /// <summary>The comment's edit cookie, as the server gave it to the browser that posted it.</summary>
    public (string Name, string Value) EditCookie { get; private set; }
    public string ConfirmPage { get; private set; } = "";
    public string ErasePage { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(root, "content/posts"));
        File.WriteAllText(Path.Combine(root, "site.yaml"), "title: Moderated\nbase_url: https://example.org/\nauthor: { name: Writer, email: writer@example.org }\n" +
            "comments: { min_seconds: 0 }\n");
        File.WriteAllText(Path.Combine(root, "content/posts/a.md"), "---\ntitle: A\ndate: 2024-01-01\n---\n\nA post.\n");
        Server = LemmaServer.Create(new ServerOptions { Source = root, Port = 0, Production = true, MailLog = TextWriter.Synchronized(mail), Environment = _ => null });
        await Server.StartAsync();
        await Lemma.Server.Admin.AdminPassword.Set("data/comments.db", root, Password);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Server.Address };
        var origin = Server.Address.GetLeftPart(UriPartial.Authority);
        var poster = new CommentPoster(http, origin);
        using var posted = await poster.Post(Post, await poster.Token(Post), "Ada <b>Lovelace</b>", Text + " With `code` and $x^2$.", website: "https://ada.example/", email: "ada@example.org");
        var cookie = posted.Headers.GetValues("Set-Cookie").Single().Split(';')[0].Split('=', 2);
        EditCookie = (cookie[0], cookie[1]);
        ConfirmPage = Local(await Printed(ModerationLink(), "action=approve"));

        var forget = new HttpRequestMessage(HttpMethod.Post, "_lemma/comments/forget") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "ada@example.org" }) };
        forget.Headers.Add("Origin", origin);
        (await http.SendAsync(forget)).EnsureSuccessStatusCode();
        ErasePage = Local(await Printed(EraseLink(), "confirm"));
    }

    // The mail links name the site's base URL; the pages are on this server.
    private static string Local(string link) => new Uri(link).PathAndQuery;

    private async Task<string> Printed(Regex link, string containing)
    {
        for (var i = 0; i < 400; i++)
        {
            if (link.Matches(mail.ToString()).Select(m => m.Value).FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal)) is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("no link was printed:\n" + mail);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"https?://\S+/_lemma/comments/moderate\?id=\d+&action=\w+&sig=[\w-]+")]
    private static partial Regex ModerationLink();

    [GeneratedRegex(@"https?://\S+/_lemma/comments/forget/confirm\?[^\s""<]+")]
    private static partial Regex EraseLink();
}

/// <summary>
/// The server's own pages in Chromium, in both palettes at 1280 and 390 px: the admin login (a wrong password, then the
/// right one, by clicking), the list of waiting comments, a moderation link's confirm page, the commenter's edit page,
/// the reply form and both erasure pages load without a console error and pass axe. One page load each per case.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ServerPageTests(SiteFixture site, ModeratedServer served) : IClassFixture<ModeratedServer>
{
    [Theory]
    [InlineData(1280, "light")]
    [InlineData(1280, "dark")]
    [InlineData(390, "light")]
    [InlineData(390, "dark")]
    public async Task The_admin_moderation_edit_and_erasure_pages_work_by_clicking_and_pass_axe(int width, string scheme)
    {
        var address = served.Server.Address;
        var context = await site.Browser.NewContextAsync(new()
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        var problems = new ConcurrentQueue<string>();
        try
        {
            var origin = address.GetLeftPart(UriPartial.Authority);
            await context.RouteAsync("**/*", route => route.Request.Url.StartsWith(origin, StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync("blockedbyclient"));
            await context.AddCookiesAsync([new Cookie { Name = served.EditCookie.Name, Value = served.EditCookie.Value, Url = origin + "/_lemma/comments" }]);
            var page = await context.NewPageAsync();
            var wrongPassword = false;
            page.Console += (_, message) =>
            {
                // A wrong password is answered 401, which Chromium reports as a console error: that one is expected.
                if (message.Type == "error" && !(wrongPassword && message.Text.Contains("401", StringComparison.Ordinal))) problems.Enqueue($"console: {message.Text}");
            };
            page.PageError += (_, error) => problems.Enqueue("uncaught: " + error);

            async Task Check(string what)
            {
                foreach (var violation in await Axe.ViolationsAsync(page, site.AxePath)) problems.Enqueue($"{what}: {violation}");
            }

            await page.GotoAsync("_lemma/admin");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Admin");
            await Check("login");
            wrongPassword = true;
            await page.Locator("#password").FillAsync("not the password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Wrong password.");
            await Check("wrong password");
            wrongPassword = false;
            await page.Locator("#password").FillAsync(ModeratedServer.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 comment awaiting approval");
            await Assertions.Expect(page.Locator("article h2")).ToContainTextAsync("Ada <b>Lovelace</b>");
            await Check("admin list");

            await page.GotoAsync(served.ConfirmPage.TrimStart('/'));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Approve this comment?");
            await Check("moderation confirm");

            await page.GotoAsync("_lemma/comments/edit?id=1");
            await Assertions.Expect(page.Locator("textarea#body")).ToHaveValueAsync(new Regex("^" + Regex.Escape(ModeratedServer.Text)));
            await Check("edit");

            await page.GotoAsync("_lemma/comments/form?post=" + Uri.EscapeDataString(ModeratedServer.Post) + "&parent=1");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Leave a comment");
            await Check("reply form");

            await page.GotoAsync("_lemma/comments/forget");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Erase your comments");
            await Check("erasure request");

            await page.GotoAsync(served.ErasePage.TrimStart('/'));
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Erase my comments" })).ToBeVisibleAsync();
            await Check("erasure confirm");
        }
        finally
        {
            await context.CloseAsync();
        }
        Assert.True(problems.IsEmpty, $"{width} px, {scheme}:\n" + string.Join("\n", problems));
    }
}
