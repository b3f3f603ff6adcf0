using System.Diagnostics;

namespace Lemma.Cli.Tests.Hostile;

/// <summary>
/// Issue #14, item 3: a build reads only files inside the site. A link out of it is an error at the link, a link to
/// nothing a warning, a link inside stands for its target without looping, and a FIFO never hangs a build.
/// </summary>
public class SymlinkTests
{
    private const string Site = "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n-- content/posts/a.md --\n---\ntitle: A\n---\nBody\n";

    /// <summary>Where a site may hold a link, and what outside it the link leads to: "canary" (a file), "outside"
    /// (a folder), or an absolute path of the machine.</summary>
    [Theory]
    [InlineData("static/x", "canary")]
    [InlineData("static/x.txt", "/etc/passwd")]
    [InlineData("static/etc", "/etc")]
    [InlineData("static/away", "outside")]
    [InlineData("static/deep/away", "outside")]
    [InlineData("static", "outside")]
    [InlineData("content/posts/b.md", "canary")]
    [InlineData("content/posts/stolen", "outside")]
    [InlineData("content/posts/bundle/secret.txt", "canary")]
    [InlineData("content/notes", "outside")]
    [InlineData("data/people.yaml", "canary")]
    [InlineData("layouts/single.liquid", "canary")]
    [InlineData("assets/css/site.css", "canary")]
    [InlineData("references.bib", "canary")]
    [InlineData("site.yaml", "canary")]
    public void A_link_out_of_the_site_is_an_error_at_the_link(string link, string target)
    {
        using var sandbox = Sandbox.With(Site + "-- content/posts/bundle/index.md --\n---\ntitle: Bundle\n---\nB\n");
        var to = target switch { "canary" => sandbox.Canary, "outside" => sandbox.Outside, _ => target };
        var path = Path.Combine(sandbox.Site.Root, link);
        if (File.Exists(path)) File.Delete(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, to);

        var run = sandbox.Build().AssertErrorAt(link + ":1:1:", "outside the site");

        Assert.DoesNotContain("precious", run.Run.Errors + run.Run.Output, StringComparison.Ordinal);
        File.Delete(path);
        if (link == "site.yaml") sandbox.Site.WriteFile("site.yaml", "title: T\nbase_url: https://example.org/\n");
        Assert.True(sandbox.Build().AssertContained().ExitCode == LemmaApp.Ok);
    }

    [Fact]
    public void A_relative_link_that_climbs_out_of_the_site_is_an_error()
    {
        using var sandbox = Sandbox.With(Site);
        Directory.CreateDirectory(Path.Combine(sandbox.Site.Root, "static"));
        File.CreateSymbolicLink(Path.Combine(sandbox.Site.Root, "static/x"), "../../canary.txt");

        sandbox.Build().AssertErrorAt("static/x:1:1:", "outside the site");
    }

    [Fact]
    public void A_link_inside_the_site_through_a_link_out_is_an_error()
    {
        // static/x -> ../inner/passwd looks inside, but inner -> /etc: the target is resolved in full.
        using var sandbox = Sandbox.With(Site);
        Directory.CreateDirectory(Path.Combine(sandbox.Site.Root, "static"));
        Directory.CreateSymbolicLink(Path.Combine(sandbox.Site.Root, "inner"), sandbox.Outside);
        File.CreateSymbolicLink(Path.Combine(sandbox.Site.Root, "static/x"), "../inner/precious.txt");

        sandbox.Build().AssertErrorAt("static/x:1:1:", "outside the site");
    }

    [Theory]
    [InlineData("static/gone.txt")]
    [InlineData("static/gone")]
    [InlineData("content/posts/gone.md")]
    [InlineData("data/gone.yaml")]
    public void A_dangling_link_is_a_warning_and_skipped(string link)
    {
        using var sandbox = Sandbox.With(Site);
        var path = Path.Combine(sandbox.Site.Root, link);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, "nowhere");

        var run = sandbox.Build().AssertWarningAt(link + ":1:1:", "does not exist");

        Assert.True(run.ExitCode == LemmaApp.Ok, run.Run.ToString());
        Assert.True(File.Exists(Path.Combine(sandbox.Output, "posts/a/index.html")));
    }

    [Fact]
    public void Links_inside_the_site_stand_for_their_targets()
    {
        using var sandbox = Sandbox.With(Site + "-- static/real.txt --\nreal\n-- static/sub/x.txt --\nx\n-- shared/logo.txt --\nlogo\n");
        File.CreateSymbolicLink(Path.Combine(sandbox.Site.Root, "static/copy.txt"), "real.txt");
        Directory.CreateSymbolicLink(Path.Combine(sandbox.Site.Root, "static/alias"), "sub");
        File.CreateSymbolicLink(Path.Combine(sandbox.Site.Root, "static/logo.txt"), "../shared/logo.txt");

        var run = sandbox.Build().AssertContained();

        Assert.True(run.ExitCode == LemmaApp.Ok, run.Run.ToString());
        Assert.Equal("real\n", File.ReadAllText(Path.Combine(sandbox.Output, "copy.txt")));
        Assert.Equal("x\n", File.ReadAllText(Path.Combine(sandbox.Output, "alias/x.txt")));
        Assert.Equal("logo\n", File.ReadAllText(Path.Combine(sandbox.Output, "logo.txt")));
        Assert.Null(new FileInfo(Path.Combine(sandbox.Output, "copy.txt")).LinkTarget);
    }

    [Theory]
    [InlineData("static/loop", ".")]
    [InlineData("static/sub/up", "..")]
    [InlineData("static/root", "..")]
    public void A_link_to_a_folder_that_holds_it_is_a_warning_not_a_loop(string link, string target)
    {
        using var sandbox = Sandbox.With(Site + "-- static/sub/x.txt --\nx\n");
        Directory.CreateSymbolicLink(Path.Combine(sandbox.Site.Root, link), target);

        var run = sandbox.Build().AssertWarningAt(link + ":1:1:", "holds it");

        Assert.True(run.ExitCode == LemmaApp.Ok, run.Run.ToString());
    }

    [Fact]
    public void Links_that_point_at_each_other_end_as_warnings()
    {
        using var sandbox = Sandbox.With(Site);
        Directory.CreateDirectory(Path.Combine(sandbox.Site.Root, "static"));
        File.CreateSymbolicLink(Path.Combine(sandbox.Site.Root, "static/a"), "b");
        File.CreateSymbolicLink(Path.Combine(sandbox.Site.Root, "static/b"), "a");

        var run = sandbox.Build().AssertWarningAt("static/a:1:1:", "loops");

        Assert.True(run.ExitCode == LemmaApp.Ok, run.Run.ToString());
    }

    [Theory]
    [InlineData("static/pipe")]
    [InlineData("content/posts/pipe.md")]
    [InlineData("data/pipe.yaml")]
    [InlineData("layouts/partials/pipe.liquid")]
    [InlineData("site.yaml")]
    public void A_fifo_in_the_site_does_not_hang_the_build(string fifo)
    {
        using var sandbox = Sandbox.With(Site);
        var path = Path.Combine(sandbox.Site.Root, fifo);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.Delete(path);
        // .NET has no mkfifo; the command makes one.
        using (var mkfifo = Process.Start("mkfifo", [path])) mkfifo.WaitForExit();
        Assert.True(File.Exists(path));

        // Sandbox.Build fails the test when the build takes longer than its limit.
        var run = sandbox.Build().AssertContained();

        if (fifo == "static/pipe") Assert.Equal(0, new FileInfo(Path.Combine(sandbox.Output, "pipe")).Length);
        Assert.True(run.ExitCode is LemmaApp.Ok or LemmaApp.ContentErrors, run.Run.ToString());
    }

    [Fact]
    public void A_cache_folder_that_links_out_of_the_site_is_not_written()
    {
        using var sandbox = Sandbox.With(Site + "-- content/posts/code.md --\n---\ntitle: Code\n---\n```haskell\nmain :: IO ()\nmain = putStrLn \"hi\"\n```\n\n```javascript\nconst x = 1;\n```\n");
        Directory.CreateSymbolicLink(Path.Combine(sandbox.Site.Root, ".lemma"), sandbox.Outside);

        var run = sandbox.Build().AssertContained();

        Assert.True(run.ExitCode == LemmaApp.Ok, run.Run.ToString());
        Assert.Equal(["precious.txt"], Directory.EnumerateFileSystemEntries(sandbox.Outside).Select(Path.GetFileName));
    }
}
