namespace Lemma.Cli.Tests;

/// <summary>Content errors: every one of a run, each as path:line:col, exit code 1, and no output touched.</summary>
public class ErrorTests
{
    private const string Config = "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n";

    [Fact]
    public void Invalid_yaml_is_reported_with_its_position_and_other_errors_in_the_same_run()
    {
        using var site = TempSite.From(Config + """
            -- content/posts/bad-yaml.md --
            ---
            title: Fine
            tags: [a, b
            ---
            Body
            -- content/posts/no-title.md --
            ---
            date: 2024-01-01
            ---
            Body
            """);
        var run = site.Lemma("build");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/bad-yaml.md:3:", StringComparison.Ordinal) && l.Contains(": error: "));
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/no-title.md:", StringComparison.Ordinal) && l.Contains("title"));
    }

    [Fact]
    public void Two_posts_at_one_url_is_an_error_naming_both_files()
    {
        using var site = TempSite.From(Config + """
            -- content/posts/a.md --
            ---
            title: A
            slug: same
            ---
            A
            -- content/posts/b.md --
            ---
            title: B
            slug: same
            ---
            B
            """);
        var run = site.Lemma("build");
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines, l => l.Contains("/posts/same/"));
        Assert.StartsWith("content/posts/b.md:3:1: error:", line);
        Assert.Contains("content/posts/a.md", line);
    }

    [Fact]
    public void A_link_to_an_unknown_section_is_an_error_at_the_link()
    {
        using var site = TempSite.From(Config + "-- content/posts/a.md --\n---\ntitle: A\n---\n\nFirst line.\n\nSee [this](/nowhere/page/) now.\n");
        var run = site.Lemma("build");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/a.md:7:5: error:", StringComparison.Ordinal) && l.Contains("nowhere"));
    }

    [Fact]
    public void A_failed_build_leaves_the_previous_output_untouched()
    {
        using var site = TempSite.From(Config + "-- content/posts/a.md --\n---\ntitle: A\n---\nFirst version\n");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var before = site.Files("public").ToDictionary(f => f, f => site.Read("public/" + f));

        site.Write("-- content/posts/a.md --\n---\ntitle: A\n---\nSecond version\n-- content/posts/b.md --\n---\ntitle: [broken\n---\nB\n");
        Assert.Equal(1, site.Lemma("build").ExitCode);
        var after = site.Files("public").ToDictionary(f => f, f => site.Read("public/" + f));
        Assert.Equal(before, after);
    }

    [Fact]
    public void A_build_that_fails_while_rendering_pages_leaves_the_output_and_no_staged_pages()
    {
        using var site = TempSite.From(Config + "-- content/posts/a.md --\n---\ntitle: A\n---\nFirst version\n");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var before = site.Files("public").ToDictionary(f => f, f => site.Read("public/" + f));
        Assert.False(Directory.Exists(Path.Combine(site.Root, ".public.lemma-staging")));

        // Other pages render (and are staged) before this layout fails.
        site.Write("-- content/posts/a.md --\n---\ntitle: A\n---\nSecond version\n-- layouts/page.liquid --\n{% layout 'nowhere' %}x\n-- content/about.md --\n---\ntitle: About\n---\nMe\n");
        var run = site.Lemma("build");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.Contains("template 'nowhere' not found"));
        Assert.Equal(before, site.Files("public").ToDictionary(f => f, f => site.Read("public/" + f)));
        Assert.False(Directory.Exists(Path.Combine(site.Root, ".public.lemma-staging")));
    }

    [Fact]
    public void Strict_turns_warnings_into_a_failed_build()
    {
        using var site = TempSite.From(Config + "-- content/posts/a.md --\n---\ntitle: A\n---\n\n```klingon\nqapla'\n```\n");
        var lenient = site.Lemma("build");
        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains(lenient.ErrorLines, l => l.Contains("warning") && l.Contains("klingon"));
        Assert.Equal(1, site.Lemma("build", "--strict").ExitCode);
    }

    [Fact]
    public void Usage_errors_exit_with_2()
    {
        using var site = TempSite.From(Config);
        Assert.Equal(2, site.Lemma("build", "--no-such-option").ExitCode);
        Assert.Equal(2, site.Lemma("frobnicate").ExitCode);
    }

    [Fact]
    public void A_template_error_names_the_template_and_its_line()
    {
        using var site = TempSite.From(Config + "-- content/posts/a.md --\n---\ntitle: A\n---\nA\n-- layouts/single.liquid --\n<h1>{{ page.title }}</h1>\n{% if %}\n");
        var run = site.Lemma("build");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("layouts/single.liquid:2:", StringComparison.Ordinal));
    }
}
