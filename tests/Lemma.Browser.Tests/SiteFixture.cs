using System.Text.RegularExpressions;
using Lemma.Cli;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Lemma.Browser.Tests;

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "example site in Chromium";
}

/// <summary>
/// Builds examples/blog with `lemma build` (in-process) into a temporary folder, serves it on 127.0.0.1 and starts
/// Debian's headless Chromium through Playwright. Setting LEMMA_BROWSER_SITE to a built site's folder serves that
/// folder instead of building.
/// </summary>
public sealed partial class SiteFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private string? _tempOut;
    private IPlaywright? _playwright;

    public string RepoRoot { get; } = FindRepoRoot();
    public string SiteDir { get; private set; } = "";
    public StaticServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BuildLog { get; private set; } = "";

    /// <summary>The pages under test, as root-relative URLs found in the built site.</summary>
    public string Home => "/";
    public string PostWithCodeAndMath { get; private set; } = "";
    public string SectionList => "/posts/";
    public string TagPage { get; private set; } = "";
    public string MissingPage => "/no-such-page/";
    public string PostInSeries { get; private set; } = "";
    public string PostWithFootnotes { get; private set; } = "";
    /// <summary>A post that loads its own script (front matter <c>scripts:</c>).</summary>
    public string InteractivePost { get; private set; } = "";
    public string Archive => "/archive/";
    public string About => "/about/";
    public string TagIndex => "/tags/";

    public string ScreenshotDir => Path.Combine(RepoRoot, "tests", "Lemma.Browser.Tests", "screenshots");
    public string AxePath => Path.Combine(RepoRoot, "tests", "Lemma.Browser.Tests", "node_modules", "axe-core", "axe.min.js");

    public async Task InitializeAsync()
    {
        var prebuilt = Environment.GetEnvironmentVariable("LEMMA_BROWSER_SITE");
        if (!string.IsNullOrEmpty(prebuilt))
        {
            SiteDir = Path.GetFullPath(prebuilt);
        }
        else
        {
            _tempOut = Path.Combine(Path.GetTempPath(), "lemma-browser-" + Guid.NewGuid().ToString("N")[..12]);
            var output = new StringWriter();
            var error = new StringWriter();
            var source = Path.Combine(RepoRoot, "examples", "blog");
            var code = LemmaApp.Run(["build", "--source", source, "--out", _tempOut], output, error);
            BuildLog = $"exit {code}\n{output}\n{error}";
            if (code != 0) throw new InvalidOperationException("lemma build of examples/blog failed:\n" + BuildLog);
            SiteDir = _tempOut;
        }
        FindPages();
        Server = new StaticServer(SiteDir);

        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/browser-setup.sh");
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    private void FindPages()
    {
        var all = Directory.EnumerateFiles(Path.Combine(SiteDir, "posts"), "index.html", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}page{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (File: f, Html: File.ReadAllText(f)))
            .ToList();
        string UrlOf(string file) => "/" + Path.GetRelativePath(SiteDir, Path.GetDirectoryName(file)!).Replace('\\', '/') + "/";
        string First(string marker, string what) =>
            UrlOf(all.FirstOrDefault(p => p.Html.Contains(marker, StringComparison.Ordinal)).File
                ?? throw new InvalidOperationException($"no post of the example site has {what}"));
        PostInSeries = First("<nav class=\"series\"", "series navigation");
        PostWithFootnotes = First("class=\"footnotes", "footnotes");
        InteractivePost = First("demo.js\" defer></script>\n</head>", "a script of its own");

        // The post of the example site that has both highlighted code and math: the attention post, whatever its slug.
        var posts = all
            .Where(p => p.Html.Contains("<math", StringComparison.Ordinal) && p.Html.Contains("<figure class=\"code", StringComparison.Ordinal))
            .ToList();
        if (posts.Count == 0) throw new InvalidOperationException("no post of the example site has both code and math");
        var post = posts.FirstOrDefault(p => p.File.Contains("attention", StringComparison.Ordinal));
        if (post.File is null) post = posts[0];
        PostWithCodeAndMath = UrlOf(post.File);

        var tag = TagLink().Match(post.Html);
        if (!tag.Success) throw new InvalidOperationException($"{PostWithCodeAndMath} links to no tag page");
        TagPage = tag.Groups[1].Value;
    }

    /// <summary>
    /// Prints a measurement in the test run's output (xunit diagnostic messages, enabled in xunit.runner.json) and
    /// writes it beside the screenshots (git-ignored).
    /// </summary>
    public void SaveReport(string name, string text)
    {
        diagnostics.OnMessage(new DiagnosticMessage(text));
        Directory.CreateDirectory(ScreenshotDir);
        File.WriteAllText(Path.Combine(ScreenshotDir, name), text + "\n");
    }

    /// <summary>A fresh browser context (own storage, own colour scheme) watching every request and console message.</summary>
    public async Task<Visit> NewVisitAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = Server.BaseUri.ToString();
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 900 };
        var context = await Browser.NewContextAsync(options);
        var visit = new Visit(context, await context.NewPageAsync(), Server.BaseUri);
        await visit.WatchAsync();
        return visit;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Server?.Dispose();
        if (_tempOut is not null)
        {
            try { Directory.Delete(_tempOut, recursive: true); } catch (IOException) { }
        }
    }

    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lemma.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Lemma.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("<a href=\"(/tags/[^\"]+/)\" rel=\"tag\"")]
    private static partial Regex TagLink();
}
