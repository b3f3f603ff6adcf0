namespace Lemma.Cli.Tests;

/// <summary>A Hugo site (the benchmark corpus generator's output, in fixtures/) builds as it is: no change, no error.</summary>
public class HugoSiteTests
{
    private static TempSite Corpus() => TempSite.CopyOf(Path.Combine(AppContext.BaseDirectory, "fixtures", "hugo-corpus"));

    [Fact]
    public void The_hugo_corpus_builds_with_no_error_and_one_warning_that_its_go_templates_are_not_run()
    {
        using var site = Corpus();
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var warning = Assert.Single(run.ErrorLines);
        Assert.Equal("layouts/_default/baseof.html:1:1: warning: layouts: this and the other Hugo page templates of the site and its theme (6) "
            + "are not run; Lemma's default theme renders the pages (shortcode templates in layouts/shortcodes/ still run)", warning);
        Assert.Contains("98 posts", run.Output);
    }

    [Fact]
    public void Every_published_post_is_reachable_from_the_paginated_section_list()
    {
        using var site = Corpus();
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var posts = site.Files("public/posts").Where(f => f.EndsWith("/index.html", StringComparison.Ordinal) && !f.StartsWith("page/", StringComparison.Ordinal))
            .Select(f => "/posts/" + f[..^"index.html".Length]).ToHashSet();
        Assert.Equal(98, posts.Count);
        var listed = site.Files("public/posts").Where(f => f == "index.html" || f.StartsWith("page/", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(site.Read("public/posts/" + f), "href=\"(/posts/[^\"/]+/)\"").Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.Empty(posts.Except(listed));
    }

    [Fact]
    public void Hugo_urls_config_and_content_carry_over()
    {
        using var site = Corpus();
        Assert.Equal(0, site.Lemma("build").ExitCode);
        // baseURL, the posts permalink, taxonomies and pagination by 10 from hugo.yaml.
        var post = site.Read("public/posts/revisiting-attention-kernels/index.html");
        Assert.Contains("https://blog.example.org/posts/revisiting-attention-kernels/", post);
        Assert.True(site.Exists("public/posts/page/10/index.html"));
        Assert.False(site.Exists("public/posts/page/11/index.html"));
        Assert.True(site.Exists("public/tags/index.html"));
        Assert.True(site.Exists("public/categories/index.html"));
        // The draft is not published.
        Assert.False(site.Exists("public/posts/bayesian-optimization-from-scratch/index.html"));
        // Math became MathML and code was highlighted at build time.
        var pages = site.Files("public").Where(f => f.StartsWith("posts/", StringComparison.Ordinal) && f.EndsWith("/index.html", StringComparison.Ordinal))
            .Select(f => site.Read("public/" + f)).ToArray();
        Assert.Contains(pages, p => p.Contains("<math", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("class=\"hl-keyword\"", StringComparison.Ordinal));
        Assert.DoesNotContain(pages, p => p.Contains("math-error", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_under_content_that_no_bundle_claims_is_published_at_its_path()
    {
        using var site = TempSite.From("""
            -- hugo.toml --
            baseURL = "https://example.org/"
            -- content/images/plot.png --
            png
            -- content/posts/p.md --
            ---
            title: "P"
            date: 2024-02-01
            ---
            ![A plot](/images/plot.png)
            -- content/posts/b/index.md --
            ---
            title: "B"
            date: 2024-02-02
            ---
            ![Local](local.png)
            -- content/posts/b/local.png --
            png
            -- content/notes/data.csv --
            a,b
            -- static/notes/data.csv --
            static wins
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("png\n", site.Read("public/images/plot.png"));
        Assert.True(site.Exists("public/posts/b/local.png"));
        Assert.False(site.Exists("public/posts/b/local.png/index.html"));
        Assert.Equal("static wins", site.Read("public/notes/data.csv").Trim());
    }

    [Fact]
    public void Page_templates_of_the_site_and_its_themes_are_counted_in_one_warning_and_shortcode_templates_still_run()
    {
        using var site = TempSite.From("""
            -- hugo.toml --
            theme = ["extra", "main"]
            -- layouts/_default/single.html --
            {{ .Content }}
            -- layouts/partials/head.html --
            <head></head>
            -- layouts/shortcodes/hi.html --
            <b>hi {{ .Get 0 }}</b>
            -- themes/main/layouts/_default/list.html --
            {{ .Content }}
            -- themes/extra/layouts/shortcodes/bye.html --
            <i>bye</i>
            -- themes/unused/layouts/_default/list.html --
            {{ .Content }}
            -- content/posts/a.md --
            ---
            title: "A"
            ---
            {{< hi you >}} {{< bye >}}
            -- content/posts/b.md --
            ---
            title: "B"
            ---
            Text.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var warning = Assert.Single(run.ErrorLines);
        Assert.StartsWith("layouts/_default/single.html:1:1: warning: layouts: this and the other Hugo page templates of the site and its theme (3) are not run", warning);
        var page = site.Read("public/posts/a/index.html");
        Assert.Contains("<b>hi you</b>", page);
        Assert.Contains("<i>bye</i>", page);
    }
}
