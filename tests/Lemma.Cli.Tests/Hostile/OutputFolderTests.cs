namespace Lemma.Cli.Tests.Hostile;

/// <summary>
/// Issue #14, items 1 and 9: what a build deletes and replaces is its own, inside its output. The manifest of what it
/// wrote lives beside the output, never published, and no line of it (nor a link a site's repository put in its output)
/// reaches a file outside. An output that cannot be written, or that would hold the site, is refused with one message.
/// </summary>
public class OutputFolderTests
{
    private const string Site = "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n-- content/posts/a.md --\n---\ntitle: A\n---\nBody\n";

    /// <summary>Manifest lines aimed outside the output, by name in the sandbox: "{canary}" is its absolute path.</summary>
    public static TheoryData<string, bool> HostileLines => new()
    {
        { "{canary}", false },
        { "{canary}", true },
        { "../../canary.txt", false },
        { "../../canary.txt", true },
        { "../../outside/precious.txt", true },
        { "../site.yaml", false },
        { "../content/posts/a.md", true },
        { "posts/../../site.yaml", false },
        { "/{canary}", false },
    };

    [Theory]
    [MemberData(nameof(HostileLines))]
    public void A_manifest_line_outside_the_output_is_ignored(string line, bool oldPlace)
    {
        using var sandbox = Sandbox.With(Site);
        var manifest = oldPlace ? Path.Combine(sandbox.Output, ".lemma-manifest") : sandbox.Manifest;
        sandbox.Site.WriteFile(Path.GetRelativePath(sandbox.Site.Root, manifest), line.Replace("{canary}", sandbox.Canary) + "\nposts/a/index.html\n");

        var run = sandbox.Build().AssertContained();

        Assert.True(run.ExitCode == LemmaApp.Ok, run.Run.ToString());
        Assert.True(File.Exists(sandbox.Site.Root + "/site.yaml") && File.Exists(sandbox.Site.Root + "/content/posts/a.md"));
    }

    [Fact]
    public void A_manifest_line_through_a_link_in_the_output_is_ignored()
    {
        using var sandbox = Sandbox.With(Site);
        Directory.CreateDirectory(sandbox.Output);
        Directory.CreateSymbolicLink(Path.Combine(sandbox.Output, "old"), sandbox.Outside);
        sandbox.Site.WriteFile(".public.lemma-manifest", "old/precious.txt\n");

        var run = sandbox.Build().AssertContained();

        Assert.True(run.ExitCode == LemmaApp.Ok, run.Run.ToString());
    }

    [Fact]
    public void The_manifest_lives_beside_the_output_and_an_old_one_inside_is_removed()
    {
        using var sandbox = Sandbox.With(Site + "-- content/posts/b.md --\n---\ntitle: B\n---\nB\n");
        sandbox.Site.WriteFile("public/.lemma-manifest", "posts/gone/index.html\n");
        sandbox.Site.WriteFile("public/posts/gone/index.html", "stale");
        sandbox.Site.WriteFile("public/CNAME", "example.org");

        sandbox.Build().AssertContained();

        // The old manifest still counted: what it listed went, with it; what Lemma never wrote stays.
        Assert.False(File.Exists(Path.Combine(sandbox.Output, ".lemma-manifest")));
        Assert.False(Directory.Exists(Path.Combine(sandbox.Output, "posts/gone")));
        Assert.True(File.Exists(Path.Combine(sandbox.Output, "CNAME")));
        Assert.Contains("posts/b/index.html", File.ReadAllLines(sandbox.Manifest));

        sandbox.Site.Delete("content/posts/b.md");
        sandbox.Build().AssertContained();
        Assert.False(File.Exists(Path.Combine(sandbox.Output, "posts/b/index.html")));
        Assert.DoesNotContain("posts/b/index.html", File.ReadAllLines(sandbox.Manifest));
        Assert.Empty(Directory.EnumerateFiles(sandbox.Output, ".lemma*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_manifest_that_is_a_link_is_replaced_not_written_through()
    {
        using var sandbox = Sandbox.With(Site);
        File.CreateSymbolicLink(sandbox.Manifest, sandbox.Canary);

        sandbox.Build().AssertContained();

        Assert.Null(new FileInfo(sandbox.Manifest).LinkTarget);
    }

    [Theory]
    [InlineData("posts")]
    [InlineData("posts/a")]
    public void A_link_in_the_output_where_a_page_goes_is_refused_before_anything_is_written(string folder)
    {
        using var sandbox = Sandbox.With(Site);
        sandbox.Site.WriteFile("public/index.html", "old home");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(sandbox.Output, folder))!);
        Directory.CreateSymbolicLink(Path.Combine(sandbox.Output, folder), sandbox.Outside);

        sandbox.Build().AssertRefused(LemmaApp.ContentErrors, "symbolic link");
        Assert.False(Directory.Exists(Path.Combine(sandbox.Site.Root, ".public.lemma-staging")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_staging_folder_that_is_a_link_is_removed_not_followed(bool toFolder)
    {
        using var sandbox = Sandbox.With(Site);
        var staging = Path.Combine(sandbox.Site.Root, ".public.lemma-staging");
        if (toFolder) Directory.CreateSymbolicLink(staging, sandbox.Outside);
        else File.CreateSymbolicLink(staging, sandbox.Canary);

        var run = sandbox.Build();

        // The link itself, Lemma's own name beside the output, is the one entry that goes.
        Assert.Equal(["removed site/.public.lemma-staging"], run.OutsideChanges);
        Assert.True(run.ExitCode == LemmaApp.Ok, run.Run.ToString());
    }

    [Fact]
    public void An_output_that_is_a_link_out_of_the_site_is_refused()
    {
        using var sandbox = Sandbox.With(Site);
        Directory.CreateSymbolicLink(sandbox.Output, sandbox.Outside);

        sandbox.Build().AssertRefused(LemmaApp.ContentErrors, "symbolic link");
    }

    [Fact]
    public void An_output_that_cannot_be_a_folder_is_one_message_and_no_staging_is_left()
    {
        using var sandbox = Sandbox.With(Site);
        sandbox.Site.WriteFile("public", "a file where the output goes");

        sandbox.Build().AssertRefused(LemmaApp.ContentErrors, "cannot write output");
        Assert.False(Directory.Exists(Path.Combine(sandbox.Site.Root, ".public.lemma-staging")));

        sandbox.Site.Delete("public");
        Assert.True(sandbox.Build().AssertContained().ExitCode == LemmaApp.Ok);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_read_only_output_is_one_message_and_stays_as_it_was()
    {
        using var sandbox = Sandbox.With(Site);
        sandbox.Site.WriteFile("public/index.html", "old home");
        File.SetUnixFileMode(sandbox.Output, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            // Root (as in many CI containers) writes through mode 555: there is no read-only folder to test then, and
            // the output-is-a-file case above stands for this one.
            var probe = Path.Combine(sandbox.Output, "probe");
            try { File.WriteAllText(probe, ""); File.Delete(probe); return; } catch (UnauthorizedAccessException) { }

            sandbox.Build().AssertRefused(LemmaApp.ContentErrors, "cannot write output");
            Assert.Equal("old home", File.ReadAllText(Path.Combine(sandbox.Output, "index.html")));
        }
        finally
        {
            File.SetUnixFileMode(sandbox.Output, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    /// <summary>Not run end to end: a build that wrongly took "/" would write a site into the machine's root.</summary>
    [Theory]
    [InlineData("/")]
    [InlineData("//")]
    public void The_root_of_the_file_system_is_refused_as_an_output(string output) =>
        Assert.Equal("is the root of the file system", Commands.OutputFolder.Refusal(Path.GetTempPath(), output));

    [Theory]
    [InlineData("site")]
    [InlineData("site/")]
    [InlineData(".")]
    [InlineData("site/content")]
    [InlineData("site/content/posts")]
    [InlineData("site/static/out")]
    [InlineData("site/layouts")]
    [InlineData("site/data/x")]
    [InlineData("site/assets")]
    [InlineData("site/themes/t")]
    public void An_out_folder_that_is_or_holds_or_sits_in_the_sources_is_a_usage_error(string output)
    {
        using var sandbox = Sandbox.With(Site + "-- static/keep.txt --\nkeep\n-- data/x/keep.yaml --\na: 1\n");
        var folder = Path.Combine(sandbox.Root, output);

        sandbox.Build("--out", folder).AssertRefused(LemmaApp.UsageErrors, "cannot build into");

        Assert.True(sandbox.Build().AssertContained().ExitCode == LemmaApp.Ok);
    }
}
