namespace Lemma.Cli.Tests.Hostile;

/// <summary>
/// Issue #14, items 2 and 8: whatever a site's front matter or config says, every file a build writes is inside its
/// output. A path that would leave it (or that no file system takes) is an error where it was written, and nothing is written.
/// </summary>
public class OutputPathTests
{
    private const string Config = "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n";

    private const string Plain = "---\ntitle: A\n---\nBody\n";

    private static readonly string Long = new('a', 300);

    /// <summary>A site whose one post has <paramref name="field"/> on line 3 of its file, after its title.</summary>
    private static string PostWith(string field) => Config + $"-- content/posts/a.md --\n---\ntitle: A\n{field}\n---\nBody\n";

    /// <summary>The same sandbox, the hostile line taken out, builds: the refusal was about that line alone.</summary>
    private static void AssertGoodBuildAfterwards(Sandbox sandbox)
    {
        sandbox.Site.WriteFile("site.yaml", "title: T\nbase_url: https://example.org/\n");
        sandbox.Site.WriteFile("content/posts/a.md", Plain);
        var run = sandbox.Build().AssertContained();
        Assert.True(run.ExitCode == LemmaApp.Ok, run.Run.ToString());
        Assert.True(File.Exists(Path.Combine(sandbox.Output, "posts/a/index.html")));
    }

    [Fact]
    public void A_NUL_in_a_slug_is_left_out_with_a_warning_at_its_line()
    {
        using var sandbox = Sandbox.With(PostWith("slug: \"a\\0b\""));
        sandbox.Build().AssertWarningAt("content/posts/a.md:3:", "control character");
        Assert.True(File.Exists(Path.Combine(sandbox.Output, "posts/ab/index.html")));
    }

    [Theory]
    [InlineData("slug: \"../../escaped\"", "'..'")]
    [InlineData("slug: \"../../../../../../../../tmp/escaped\"", "'..'")]
    [InlineData("slug: \"..\"", "'..'")]
    [InlineData("url: ../../escaped", "'..'")]
    [InlineData("url: /../../escaped/", "'..'")]
    [InlineData("url: \"/posts/../../escaped.html\"", "'..'")]
    [InlineData("slug: 'a\\b'", "backslash")]
    [InlineData("aliases: [\"../../../escaped\"]", "alias")]
    [InlineData("aliases: [\"/ok/\", \"/../escaped/\"]", "'..'")]
    public void A_front_matter_path_that_leaves_the_output_is_an_error_at_its_line(string field, string words)
    {
        using var sandbox = Sandbox.With(PostWith(field));
        sandbox.Build().AssertErrorAt("content/posts/a.md:3:", words);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Root, "escaped")));
        AssertGoodBuildAfterwards(sandbox);
    }

    [Fact]
    public void A_slug_of_300_bytes_is_an_error_at_its_line_and_leaves_no_empty_folders()
    {
        using var sandbox = Sandbox.With(PostWith($"slug: {Long}"));
        sandbox.Build().AssertErrorAt("content/posts/a.md:3:", "300 bytes");
        Assert.False(Directory.Exists(sandbox.Output));
        AssertGoodBuildAfterwards(sandbox);
    }

    [Fact]
    public void A_tag_of_300_bytes_is_an_error_at_the_tags_line()
    {
        using var sandbox = Sandbox.With(PostWith($"tags: [fine, {Long}]"));
        sandbox.Build().AssertErrorAt("content/posts/a.md:3:", "300 bytes");
        AssertGoodBuildAfterwards(sandbox);
    }

    [Fact]
    public void A_slug_of_a_dot_conflicts_with_the_section_list_instead_of_replacing_it()
    {
        using var sandbox = Sandbox.With(PostWith("slug: \".\"") + "-- content/posts/b.md --\n---\ntitle: B\n---\nB\n");
        sandbox.Build().AssertErrorAt("content/posts/a.md:3:", "already used by the list of section 'posts'");
        AssertGoodBuildAfterwards(sandbox);
    }

    [Theory]
    [InlineData("permalinks:\n  posts: /:section/../../:slug/", "site.yaml:3:", "permalink")]
    [InlineData("permalinks:\n  posts: ../../:slug/", "site.yaml:3:", "'..'")]
    [InlineData("taxonomies:\n  \"../../escaped\": tag", "site.yaml:3:", "taxonomy")]
    [InlineData("taxonomies:\n  \"..\": tag", "site.yaml:3:", "taxonomy")]
    public void A_config_pattern_or_name_that_leaves_the_output_is_an_error_at_the_config(string config, string position, string words)
    {
        using var sandbox = Sandbox.With(Config + config + "\n-- content/posts/a.md --\n---\ntitle: A\ntags: [x]\n---\nBody\n");
        var run = sandbox.Build().AssertErrorAt(position, words);
        // One error for the pattern, not one for every page it would have placed.
        Assert.Single(run.ErrorLines, l => l.Contains(": error: ", StringComparison.Ordinal));
        AssertGoodBuildAfterwards(sandbox);
    }

    [Theory]
    [InlineData("../../escaped")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    public void A_term_name_cannot_climb_out_of_its_taxonomy(string term)
    {
        using var sandbox = Sandbox.With(PostWith($"tags: [\"{term}\"]"));
        var run = sandbox.Build().AssertContained();
        Assert.True(run.ExitCode == LemmaApp.Ok, run.Run.ToString());
        Assert.All(Directory.EnumerateFiles(sandbox.Output, "*", SearchOption.AllDirectories),
            f => Assert.StartsWith(sandbox.Output + Path.DirectorySeparatorChar, Path.GetFullPath(f), StringComparison.Ordinal));
    }

    [Fact]
    public void A_static_file_whose_name_has_a_backslash_is_an_error_at_that_file()
    {
        using var sandbox = Sandbox.With(Config + "-- content/posts/a.md --\n" + Plain);
        sandbox.Site.WriteFile("static/a\\b.txt", "x");
        sandbox.Build().AssertErrorAt("static/a\\b.txt:1:1:", "backslash");
    }
}
