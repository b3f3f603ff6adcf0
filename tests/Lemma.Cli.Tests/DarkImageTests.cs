namespace Lemma.Cli.Tests;

/// <summary>Dark variants of images (issue #19): <c>figure.png</c> beside <c>figure.dark.png</c> becomes a picture with a dark source.</summary>
public class DarkImageTests
{
    private const string Site = """
        -- site.yaml --
        title: Figures
        base_url: https://x.example/sub/
        -- content/posts/bundle/index.md --
        ---
        title: Bundle
        date: 2024-01-01
        ---
        ![Loss curve](figure.png)

        ![No variant](plain.png)

        <picture><img src="figure.png" alt="Own picture"></picture>
        -- content/posts/bundle/figure.png --
        light
        -- content/posts/bundle/figure.dark.png --
        dark
        -- content/posts/bundle/plain.png --
        light
        -- content/posts/statics.md --
        ---
        title: Statics
        date: 2024-01-02
        ---
        ![Chart](/images/chart.svg)
        -- static/images/chart.svg --
        <svg xmlns="http://www.w3.org/2000/svg"/>
        -- static/images/chart.dark.svg --
        <svg xmlns="http://www.w3.org/2000/svg"/>
        """;

    [Fact]
    public void An_image_with_a_dark_file_beside_it_in_its_bundle_gets_a_dark_source()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var html = site.Read("public/posts/bundle/index.html");
        Assert.Contains("<picture><source srcset=\"figure.dark.png\" media=\"(prefers-color-scheme: dark)\" data-dark><img src=\"figure.png\" alt=\"Loss curve\"", html);
        Assert.True(site.Exists("public/posts/bundle/figure.dark.png"));
    }

    [Fact]
    public void An_image_without_a_dark_file_or_inside_the_writers_own_picture_is_left_as_written()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var html = site.Read("public/posts/bundle/index.html");
        Assert.DoesNotContain("plain.dark.png", html);
        Assert.Contains("<picture><img src=\"figure.png\" alt=\"Own picture\"></picture>", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<source "));
    }

    [Fact]
    public void A_static_image_with_a_dark_file_gets_a_dark_source_under_the_base_path()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var html = site.Read("public/posts/statics/index.html");
        Assert.Matches("<picture><source srcset=\"(/sub)?/images/chart.dark.svg\" media=\"\\(prefers-color-scheme: dark\\)\" data-dark><img src=\"(/sub)?/images/chart.svg\"", html);
    }

    [Fact]
    public void A_dark_file_added_later_reaches_the_page_on_the_next_build()
    {
        using var site = TempSite.From(Site);
        site.Delete("content/posts/bundle/figure.dark.png");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.DoesNotContain("<source", site.Read("public/posts/bundle/index.html"));
        site.WriteFile("content/posts/bundle/figure.dark.png", "dark");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Contains("srcset=\"figure.dark.png\"", site.Read("public/posts/bundle/index.html"));
    }
}
