namespace Lemma.Cli.Tests;

/// <summary>A Jekyll site's layout on disk (files, drafts, home page, assets) is published as Jekyll publishes it.</summary>
public sealed class JekyllSiteTests
{
    [Fact]
    public void Files_outside_underscore_folders_are_published_at_their_paths()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            exclude: [drafts-notes, secret.txt]
            -- images/cat.png --
            PNG
            -- files/paper.pdf --
            PDF
            -- assets/img/dog.jpg --
            JPG
            -- assets/js/theme.js --
            old theme script
            -- CNAME --
            example.org
            -- secret.txt --
            no
            -- drafts-notes/a.txt --
            no
            -- Gemfile --
            source 'https://rubygems.org'
            -- feed.xml --
            ---
            layout: null
            ---
            <feed>{{ site.title }}</feed>
            -- robots.txt --
            User-agent: *
            -- _includes/x.html --
            x
            -- about.md --
            ---
            title: About
            ---
            ![cat](/images/cat.png) ![dog]({{ "/assets/img/dog.jpg" | relative_url }})
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("PNG\n", site.Read("public/images/cat.png"));
        Assert.Equal("PDF\n", site.Read("public/files/paper.pdf"));
        Assert.Equal("JPG\n", site.Read("public/assets/img/dog.jpg"));
        Assert.Equal("example.org\n", site.Read("public/CNAME"));
        // The theme's own script keeps its name; the old theme's would break Lemma's pages.
        Assert.DoesNotContain("old theme script", site.Read("public/assets/js/theme.js"));
        foreach (var gone in new[] { "public/secret.txt", "public/drafts-notes/a.txt", "public/Gemfile", "public/_includes/x.html" })
            Assert.False(site.Exists(gone), gone);
        Assert.DoesNotContain("{{ site.title }}", site.Exists("public/feed.xml") ? site.Read("public/feed.xml") : "");
        Assert.Contains("<img src=\"/images/cat.png\"", site.Read("public/about/index.html"));
    }

    [Fact]
    public void Drafts_build_only_with_the_drafts_flag()
    {
        const string Archive = """
            -- _config.yml --
            title: T
            url: https://example.org
            -- _posts/2020-01-01-out.md --
            ---
            title: Out
            ---
            Text.
            -- _drafts/coming-soon.md --
            ---
            title: Coming soon
            ---
            Not yet.
            """;
        using var site = TempSite.From(Archive);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.DoesNotContain(site.Files("public"), f => f.Contains("coming-soon", StringComparison.Ordinal));
        using var withDrafts = TempSite.From(Archive);
        Assert.Equal(0, withDrafts.Lemma("build", "--drafts").ExitCode);
        Assert.Contains(withDrafts.Files("public"), f => f.Contains("coming-soon", StringComparison.Ordinal));
    }

    [Fact]
    public void An_index_md_without_a_title_is_the_home_page()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            -- index.md --
            ---
            layout: home
            ---
            Welcome to {{ site.title }}.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Welcome to T.", site.Read("public/index.html"));
        Assert.False(site.Exists("public/index/index.html"));
    }

    [Fact]
    public void An_a_name_anchor_is_an_anchor_for_lemma_check()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            -- guide.md --
            ---
            title: Guide
            ---
            [Go to setup](#setup) and [nowhere](#nowhere).

            <a name="setup"></a>
            Setup text.
            """);
        var run = site.Lemma("check");
        Assert.DoesNotContain("no id 'setup'", run.Errors + run.Output);
        Assert.Contains("no id 'nowhere'", run.Errors + run.Output);
    }
}
