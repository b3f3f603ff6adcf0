namespace Lemma.Cli.Tests;

/// <summary>PaperMod's params, site-wide and per page, change what the default theme shows as they changed PaperMod's pages.</summary>
public sealed class PaperModParamsTests
{
    private static TempSite Site(string siteParams) => TempSite.From($"""
        -- hugo.toml --
        baseURL = "https://example.org/"
        title = "T"
        [params]
        {siteParams}
        -- content/posts/first.md --
        ---
        title: "First"
        date: 2024-01-01
        ---
        ## Alpha

        Text.

        ## Beta

        Text.
        -- content/posts/second.md --
        ---
        title: "Second"
        date: 2024-01-02
        ShowToc: false
        hidemeta: true
        author: ["Ada", "Alan"]
        searchHidden: true
        cover:
          image: "/images/c.png"
          alt: "A cover"
          caption: "The cover's caption"
        ---
        ## Gamma

        Text.
        -- content/posts/third.md --
        ---
        title: "Third"
        date: 2024-01-03
        author: Grace
        TocOpen: true
        cover:
          image: "/images/t.png"
          hiddenInSingle: true
        ---
        ## Delta

        Text.
        -- static/images/c.png --
        png
        """);

    [Fact]
    public void Site_params_turn_on_a_closed_toc_and_turn_off_reading_time_and_post_links()
    {
        using var site = Site("ShowToc = true\nTocOpen = false\nShowReadingTime = false\nShowPostNavLinks = false");
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var first = site.Read("public/posts/first/index.html");
        Assert.Contains("<details class=\"toc\">", first);
        Assert.Contains("href=\"#alpha\"", first);
        Assert.DoesNotContain("min read", first);
        Assert.DoesNotContain("class=\"prev-next\"", first);
        // A page's own TocOpen wins over the site's.
        Assert.Contains("<details class=\"toc\" open>", site.Read("public/posts/third/index.html"));
    }

    [Fact]
    public void Front_matter_hides_the_toc_and_meta_names_its_authors_and_shows_its_cover()
    {
        using var site = Site("ShowToc = true");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var second = site.Read("public/posts/second/index.html");
        Assert.DoesNotContain("class=\"toc\"", second);
        Assert.DoesNotContain("min read", second);
        Assert.Contains("<img src=\"/images/c.png\" alt=\"A cover\">", second);
        Assert.Contains("<figcaption>The cover&#x27;s caption</figcaption>", second);
        Assert.Contains("<meta property=\"og:image\" content=\"https://example.org/images/c.png\">", second);
        var third = site.Read("public/posts/third/index.html");
        Assert.Contains("<span class=\"authors\">Grace</span>", third);
        Assert.Contains("min read", third);
        // hiddenInSingle: a card image, not shown above the text.
        Assert.Contains("content=\"https://example.org/images/t.png\"", third);
        Assert.DoesNotContain("<figure class=\"cover\">", third);
        // Defaults of the theme: reading time and post links shown.
        Assert.Contains("class=\"prev-next\"", third);
    }
}
