using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lemma.Cli;
using Lemma.Server;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lemma.Browser.Tests;

/// <summary>
/// A site hosted elsewhere: built by `lemma build` and served by a static host on http://127.0.0.1:S/ (its base_url),
/// with its comments on a Lemma server at http://localhost:P (comments.server), another site to the browser. The server
/// holds a conversation on one post and every vector of the XSS corpus as comments on another.
/// </summary>
public sealed class CdnCommentedSite : IAsyncLifetime
{
    public const string Vectors = "/posts/vectors/", Talk = "/posts/talk/", Quiet = "/posts/quiet/";
    private readonly string root = Directory.CreateTempSubdirectory("lemma-cdn-browser-").FullName;
    /// <summary>What `lemma build` wrote, which the static host serves.</summary>
    public string Output => Path.Combine(root, "out");
    public StaticServer Static { get; private set; } = null!;
    public LemmaServer Server { get; private set; } = null!;
    /// <summary>The comment server as the site names it: localhost, so that the browser sees another site.</summary>
    public string CommentServer { get; private set; } = "";
    public List<string> Sent { get; private set; } = [];
    public int Refused { get; private set; }

    public async Task InitializeAsync()
    {
        var output = Output;
        Static = new StaticServer(output);
        var port = FreePort();
        CommentServer = $"http://localhost:{port}";
        var source = Path.Combine(root, "site");
        Directory.CreateDirectory(Path.Combine(source, "content/posts"));
        File.WriteAllText(Path.Combine(source, "site.yaml"), $"title: Elsewhere\nbase_url: {Static.BaseUri}\nauthor: {{ name: Writer, email: writer@example.org }}\n" +
            $"comments: {{ server: '{CommentServer}/', moderation: none, min_seconds: 0, per_ip: 1000000, per_email: 1000000, max_links: 1000 }}\n");
        File.WriteAllText(Path.Combine(source, "content/posts/vectors.md"), "---\ntitle: Vectors\ndate: 2024-01-01\n---\n\nEvery vector, as comments.\n");
        File.WriteAllText(Path.Combine(source, "content/posts/talk.md"), "---\ntitle: Talk\ndate: 2024-01-02\n---\n\nA post people talk about.\n");
        File.WriteAllText(Path.Combine(source, "content/posts/quiet.md"), "---\ntitle: Quiet\ndate: 2024-01-03\n---\n\nNo one has said anything yet.\n");
        var (log, errors) = (new StringWriter(), new StringWriter());
        if (LemmaApp.Run(["build", "--source", source, "--out", output], log, errors) != 0)
            throw new InvalidOperationException($"lemma build failed:\n{log}\n{errors}");

        Server = LemmaServer.Create(new ServerOptions { Source = source, Port = port, Production = true, MailLog = TextWriter.Null, Environment = _ => null });
        await Server.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.Address };
        // Posted as the site's pages post: from its own origin.
        var poster = new CommentPoster(http, Static.BaseUri.GetLeftPart(UriPartial.Authority));
        var talk = await poster.Token(Talk);
        var first = await poster.Send(Talk, talk, "Ada Lovelace", "Does the bound hold for $n = 1$?\n\n```python\nprint(1)\n```", website: "https://ada.example/");
        var reply = await poster.Send(Talk, talk, "Writer", "It does: see the *second* lemma.", parent: first);
        await poster.Send(Talk, talk, "Lin Wei", "And for $n = 2$?", parent: reply);
        await poster.Send(Talk, talk, "grace hopper", "Thanks, this helped.", website: "http://grace.example/a?b=1&c=\"2\"");
        (Sent, Refused) = await poster.Vectors(Vectors);
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Static.Dispose();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// The comments of a site hosted elsewhere, in Chromium: its pages carry none in their HTML, and the theme's script
/// loads them from the comment server (CORS for the site's origin) into the markup the server's own pages have; no
/// vector of the corpus runs script there; a reader posts from the site, comes back to it, and may edit for 15 minutes.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class CdnCommentTests(SiteFixture site, CdnCommentedSite cdn, ITestOutputHelper output) : IClassFixture<CdnCommentedSite>
{
    // Each element of the comment list as tag, sorted attributes and whitespace-collapsed text: the shape two pages share
    // when they show the same comments the same way, whatever their indentation.
    private const string Shape = """
        () => {
          const shape = node => node.nodeType === 3 ? node.textContent.replace(/\s+/g, ' ')
            : '<' + node.localName + [...node.attributes].map(a => ' ' + a.name + '="' + a.value + '"').sort().join('')
              + '>' + [...node.childNodes].map(shape).join('') + '</' + node.localName + '>';
          const list = document.querySelector('.comment-list');
          return list ? shape(list).replace(/> +</g, '><').replace(/ +/g, ' ') : '';
        }
        """;

    private async Task<IBrowserContext> Context(bool javaScript = true)
    {
        var context = await site.Browser.NewContextAsync(new() { JavaScriptEnabled = javaScript });
        // Only the two servers of this site: nothing else is fetched.
        var pages = cdn.Static.BaseUri.GetLeftPart(UriPartial.Authority);
        await context.RouteAsync("**/*", route =>
            route.Request.Url.StartsWith(pages, StringComparison.Ordinal) || route.Request.Url.StartsWith(cdn.CommentServer, StringComparison.Ordinal)
                ? route.ContinueAsync() : route.AbortAsync("blockedbyclient"));
        return context;
    }

    [Fact]
    public async Task A_page_built_for_a_cdn_loads_its_comments_from_the_server_in_the_markup_the_servers_own_page_has()
    {
        var built = await File.ReadAllTextAsync(Path.Combine(cdn.Output, CdnCommentedSite.Talk.Trim('/'), "index.html"));
        Assert.DoesNotContain("class=\"comment-list\"", built);
        Assert.Contains($"action=\"{cdn.CommentServer}/_lemma/comments\"", built);
        var script = new FileInfo(Path.Combine(cdn.Output, "assets", "js", "comments.js"));
        output.WriteLine($"comments.js: {script.Length} bytes minified");
        Assert.True(script.Length <= 4096, $"comments.js is {script.Length} bytes minified; the theme allows 4 KB");

        var context = await Context();
        var plain = await Context(javaScript: false);
        try
        {
            var page = await context.NewPageAsync();
            var errors = new ConcurrentQueue<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Enqueue(m.Text); };
            page.PageError += (_, e) => errors.Enqueue(e);
            await page.GotoAsync(cdn.Static.BaseUri + CdnCommentedSite.Talk.TrimStart('/'));
            await Assertions.Expect(page.Locator("li.comment")).ToHaveCountAsync(4);
            await Assertions.Expect(page.Locator("#comments-title")).ToHaveTextAsync("4 comments");
            Assert.Equal(["depth-0", "depth-1", "depth-2", "depth-0"], await page.Locator("li.comment").EvaluateAllAsync<string[]>("els => els.map(e => e.classList[1])"));
            Assert.Equal(["AL", "W", "LW", "GH"], await page.Locator("li.comment .avatar").AllTextContentsAsync());

            // The server's own page of the same post, read without any script: the comments are in its HTML.
            var served = await plain.NewPageAsync();
            await served.GotoAsync($"{cdn.CommentServer}{CdnCommentedSite.Talk}");
            Assert.Equal(4, await served.Locator("li.comment").CountAsync());
            Assert.Equal(await served.EvaluateAsync<string>(Shape), await page.EvaluateAsync<string>(Shape));
            Assert.True(errors.IsEmpty, string.Join("\n", errors));
        }
        finally
        {
            await context.CloseAsync();
            await plain.CloseAsync();
        }
    }

    [Fact]
    public async Task No_vector_runs_script_from_the_comments_a_cdn_page_loads()
    {
        Assert.True(cdn.Sent.Count > 800, $"only {cdn.Sent.Count} of the vectors were published ({cdn.Refused} refused)");
        var problems = new ConcurrentQueue<string>();
        var context = await Context();
        try
        {
            await context.AddInitScriptAsync(ScriptTraps.Trap(".comment"));
            var page = await context.NewPageAsync();
            var loaded = false;
            ScriptTraps.Watch(page, problems, () => loaded);
            await page.GotoAsync(cdn.Static.BaseUri + CdnCommentedSite.Vectors.TrimStart('/'), new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 30_000 });
            loaded = true;
            await Assertions.Expect(page.Locator("li.comment")).ToHaveCountAsync(cdn.Sent.Count, new() { Timeout = 30_000 });
            await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
            await page.WaitForTimeoutAsync(1500);

            string Vector(int index) => index >= 0 && index < cdn.Sent.Count ? cdn.Sent[index] : $"comment {index}";
            await ScriptTraps.Collect(page, ".comment", Vector, problems);
        }
        finally
        {
            await context.CloseAsync();
        }
        output.WriteLine($"{cdn.Sent.Count} vectors published as comments and loaded by the script; {problems.Count} problems");
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Take(60)));
    }

    [Fact]
    public async Task A_reader_posts_from_the_cdn_page_comes_back_to_it_and_has_an_edit_link_for_15_minutes()
    {
        var context = await Context();
        try
        {
            var page = await context.NewPageAsync();
            await page.Clock.InstallAsync();
            var quiet = cdn.Static.BaseUri + CdnCommentedSite.Quiet.TrimStart('/');
            await page.GotoAsync(quiet);
            await page.Locator("#comment-name").FillAsync("Noor");
            // The token came from the comment server, read across origins.
            await Assertions.Expect(page.Locator("form.comment-form input[name=token]")).ToBeAttachedAsync();
            await page.Locator("#comment-email").FillAsync("noor@example.org");
            await page.Locator("#comment-body").FillAsync("Posted from the *static* copy.");
            await page.Locator("form.comment-form button[type=submit]").ClickAsync();

            // Back on the site's own page, not the server's, without the hint in the address, the comment loaded and marked as the reader's.
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(quiet) + "#comment-[0-9]+$"));
            var own = page.Locator("li.comment", new() { HasText = "Posted from the static copy." });
            await Assertions.Expect(own.Locator("em")).ToHaveTextAsync("static");
            var edit = own.Locator(".comment-edit a");
            await Assertions.Expect(edit).ToHaveAttributeAsync("href", new Regex("^" + Regex.Escape(cdn.CommentServer) + @"/_lemma/comments/edit\?id=[0-9]+$"));

            // The link crosses to the comment server (another site): its cookie goes along, and the change comes back to the site.
            await edit.ClickAsync();
            await Assertions.Expect(page.Locator("textarea#body")).ToHaveValueAsync("Posted from the *static* copy.");
            await page.Locator("textarea#body").FillAsync("Posted from the static copy, then changed.");
            await page.Locator("button[value=save]").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(quiet) + @"\?comment=edited#comment-[0-9]+$"));
            await Assertions.Expect(page.Locator("li.comment", new() { HasText = "then changed." }).Locator(".comment-edit a")).ToBeVisibleAsync();

            // Fifteen minutes on, the link goes.
            await page.Clock.FastForwardAsync("15:01");
            await Assertions.Expect(page.Locator(".comment-edit")).ToHaveCountAsync(0);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
