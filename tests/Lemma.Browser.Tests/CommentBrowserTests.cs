using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lemma.Server;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lemma.Browser.Tests;

/// <summary>
/// A site served by `lemma serve --production` with comments on, where every vector of the XSS corpus was sent as a
/// comment (its name and its body) through the real form endpoint, and another post holds an ordinary conversation.
/// </summary>
public sealed class CommentedServer : IAsyncLifetime
{
    public const string Vectors = "/posts/vectors/", Talk = "/posts/talk/", Quiet = "/posts/quiet/", AdminPassword = "correct horse battery";
    private readonly string root = Directory.CreateTempSubdirectory("lemma-comments-browser-").FullName;
    public LemmaServer Server { get; private set; } = null!;
    /// <summary>The vectors in the order they were sent; a comment's place on the page is its index here.</summary>
    public List<string> Sent { get; private set; } = [];
    public int Refused { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(root, "content/posts"));
        File.WriteAllText(Path.Combine(root, "site.yaml"), "title: Comments\nbase_url: https://example.org/\nauthor: { name: Writer, email: writer@example.org }\n" +
            "comments: { moderation: none, min_seconds: 0, per_ip: 1000000, per_email: 1000000, max_links: 1000 }\n");
        File.WriteAllText(Path.Combine(root, "content/posts/vectors.md"), "---\ntitle: Vectors\ndate: 2024-01-01\n---\n\nEvery vector, as comments.\n");
        File.WriteAllText(Path.Combine(root, "content/posts/talk.md"), "---\ntitle: Talk\ndate: 2024-01-02\n---\n\nA post people talk about.\n");
        File.WriteAllText(Path.Combine(root, "content/posts/quiet.md"), "---\ntitle: Quiet\ndate: 2024-01-03\n---\n\nNo one has said anything yet.\n");
        // The writer's reply, marked as theirs, is made through the admin login.
        await Lemma.Server.Admin.AdminPassword.Set("data/comments.db", root, AdminPassword);
        Server = LemmaServer.Create(new ServerOptions { Source = root, Port = 0, Production = true, MailLog = TextWriter.Null, Environment = _ => null });
        await Server.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.Address };
        var poster = new CommentPoster(http, Server.Address.GetLeftPart(UriPartial.Authority));

        var talk = await poster.Token(Talk);
        var first = await poster.Send(Talk, talk, "Ada Lovelace", "Does the bound hold for $n = 1$?\n\n```python\nprint(1)\n```", website: "https://ada.example/");
        await poster.AuthorReply(first!.Value, "It does: see the *second* lemma.", AdminPassword);
        await poster.Send(Talk, talk, "Grace", "Thanks, this helped.");
        (Sent, Refused) = await poster.Vectors(Vectors);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// Comments in Chromium: no vector of the corpus runs script from a post's comments (the same six kinds of sign as the
/// notebook test, in one page load holding every vector), and a post with a conversation passes axe in both palettes
/// at 1280 and 390 px.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class CommentBrowserTests(SiteFixture site, CommentedServer served, ITestOutputHelper output) : IClassFixture<CommentedServer>
{
    [Fact]
    public async Task No_vector_runs_script_from_a_posts_comments()
    {
        Assert.True(served.Sent.Count > 800, $"only {served.Sent.Count} of the vectors were published ({served.Refused} refused)");
        var problems = new ConcurrentQueue<string>();
        var context = await site.Browser.NewContextAsync(new() { BaseURL = served.Server.Address.ToString() });
        try
        {
            await context.AddInitScriptAsync(ScriptTraps.Trap(".comment"));
            var origin = served.Server.Address.GetLeftPart(UriPartial.Authority);
            await context.RouteAsync("**/*", route => route.Request.Url.StartsWith(origin, StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync("blockedbyclient"));
            var page = await context.NewPageAsync();
            var loaded = false;
            ScriptTraps.Watch(page, problems, () => loaded);
            var response = await page.GotoAsync(CommentedServer.Vectors.TrimStart('/'), new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 30_000 });
            Assert.Equal(200, response!.Status);
            loaded = true;
            await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 15_000 });
            await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
            await page.WaitForTimeoutAsync(1500);

            Assert.Equal(served.Sent.Count, await page.Locator("li.comment").CountAsync());
            string Vector(int index) => index >= 0 && index < served.Sent.Count ? served.Sent[index] : $"comment {index}";
            await ScriptTraps.Collect(page, ".comment", Vector, problems);
        }
        finally
        {
            await context.CloseAsync();
        }
        output.WriteLine($"{served.Sent.Count} vectors published as comments ({served.Refused} refused by the form's checks); {problems.Count} problems");
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Take(60)));
    }

    [Fact]
    public async Task With_scripts_a_comment_takes_one_click_remember_me_fills_the_form_next_time_and_its_author_gets_an_edit_link()
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = served.Server.Address.ToString() });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(CommentedServer.Quiet.TrimStart('/'));
            await page.Locator("#comment-name").FillAsync("Lin Wei");
            // Typing fetched a token: the first click sends the comment.
            await Assertions.Expect(page.Locator("form.comment-form input[name=token]")).ToBeAttachedAsync();
            await page.Locator("#comment-email").FillAsync("lin@example.org");
            await page.Locator("#comment-body").FillAsync("Sent with one click.");
            await page.Locator("input[name=remember]").CheckAsync();
            await page.Locator("form.comment-form button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(new Regex("#comment-[0-9]+$"));
            await Assertions.Expect(page.Locator("li.comment")).ToContainTextAsync("Sent with one click.");
            // The answer said the comment is this reader's (?mine=): the script takes the hint off the address and shows
            // an Edit link on that comment alone.
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/posts/quiet/#comment-[0-9]+$"));
            await Assertions.Expect(page.Locator("li.comment:target .comment-edit a")).ToHaveAttributeAsync("href", new Regex(@"/_lemma/comments/edit\?id=[0-9]+$"));
            Assert.Equal(1, await page.Locator(".comment-edit").CountAsync());

            var again = await context.NewPageAsync();
            await again.GotoAsync(CommentedServer.Quiet.TrimStart('/'));
            await Assertions.Expect(again.Locator("#comment-name")).ToHaveValueAsync("Lin Wei");
            await Assertions.Expect(again.Locator("#comment-email")).ToHaveValueAsync("lin@example.org");
            // Still the reader's for 15 minutes: the link leads to the server's edit page, which the comment's cookie opens.
            await again.Locator(".comment-edit a").ClickAsync();
            await Assertions.Expect(again.Locator("textarea#body")).ToHaveValueAsync("Sent with one click.");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(1280, "light")]
    [InlineData(1280, "dark")]
    [InlineData(390, "light")]
    [InlineData(390, "dark")]
    public async Task A_post_with_comments_and_its_form_pass_axe(int width, string scheme)
    {
        var context = await site.Browser.NewContextAsync(new()
        {
            BaseURL = served.Server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(CommentedServer.Talk.TrimStart('/'));
            Assert.Equal(3, await page.Locator("li.comment").CountAsync());
            Assert.Equal(1, await page.Locator("li.comment.depth-1").CountAsync());
            await Assertions.Expect(page.Locator("li.comment.depth-1.comment-by-author .comment-badge")).ToHaveTextAsync("Author");
            var violations = await Axe.ViolationsAsync(page, site.AxePath);
            Assert.True(violations.Count == 0, $"{width} px, {scheme}:\n" + string.Join("\n", violations));
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
