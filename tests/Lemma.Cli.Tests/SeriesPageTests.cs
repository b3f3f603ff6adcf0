using System.Text.RegularExpressions;

namespace Lemma.Cli.Tests;

/// <summary>Series pages (issue #19): <c>/series/&lt;slug&gt;/</c> lists a series' parts in order and each part links to it.</summary>
public class SeriesPageTests
{
    private const string Site = """
        -- site.yaml --
        title: Series Site
        base_url: https://x.example/sub/
        page_size: 1
        -- content/posts/loop-1.md --
        ---
        title: The Loop
        date: 2024-03-01
        series: Training Loop
        series_order: 1
        summary: Where it starts.
        ---
        One.
        -- content/posts/loop-2.md --
        ---
        title: Mixed Precision
        date: 2024-01-01
        series: Training Loop
        series_order: 2
        ---
        Two.
        -- content/posts/loop-3.md --
        ---
        title: Checkpoints
        date: 2024-02-01
        series: Training Loop
        series_order: 3
        ---
        Three.
        -- content/posts/other.md --
        ---
        title: Alone
        date: 2024-04-01
        series: "C# Notes"
        ---
        Other.
        """;

    private static int[] Positions(string html, params string[] titles) => [.. titles.Select(t => html.IndexOf(">" + t + "</a>", StringComparison.Ordinal))];

    [Fact]
    public void A_series_page_lists_its_parts_in_series_order_with_dates_and_summaries()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var html = site.Read("public/series/training-loop/index.html");
        Assert.Contains("<h1>Training Loop</h1>", html);
        Assert.Contains("<title>Training Loop &#xB7; Series Site</title>", html);
        Assert.Contains("class=\"kind-series\"", html);
        Assert.Contains("3 parts", html);
        var at = Positions(html, "The Loop", "Mixed Precision", "Checkpoints");
        Assert.All(at, p => Assert.True(p > 0));
        Assert.True(at[0] < at[1] && at[1] < at[2], "parts in series order, not by date");
        Assert.Matches("<time datetime=\"2024-03-01[^\"]*\">March 1, 2024</time>", html);
        Assert.Contains("Where it starts.", html);
        // One page however many parts: a series is read whole.
        Assert.False(site.Exists("public/series/training-loop/page/2/index.html"));
        Assert.Contains("<link rel=\"canonical\" href=\"https://x.example/sub/series/training-loop/\">", html);
    }

    [Fact]
    public void Each_part_links_its_series_navigation_to_the_series_page()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Contains("<a href=\"/sub/series/training-loop/\">Training Loop</a>", site.Read("public/posts/loop-2/index.html"));
        // Slugged as a term is: "C# Notes" is c-sharp-notes.
        Assert.Contains("<a href=\"/sub/series/csharp-notes/\">C# Notes</a>", site.Read("public/posts/other/index.html"));
        Assert.True(site.Exists("public/series/csharp-notes/index.html"));
    }

    [Fact]
    public void Two_or_more_series_are_listed_at_series_and_every_series_page_is_in_the_sitemap()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var index = site.Read("public/series/index.html");
        Assert.Contains("<a href=\"/sub/series/training-loop/\">Training Loop</a> <span class=\"count\">3</span>", index);
        Assert.Contains("<a href=\"/sub/series/csharp-notes/\">C# Notes</a> <span class=\"count\">1</span>", index);
        Assert.Contains("<a href=\"/sub/series/\">Series</a>", site.Read("public/series/training-loop/index.html"));
        var sitemap = site.Read("public/sitemap.xml");
        Assert.Contains("<loc>https://x.example/sub/series/</loc>", sitemap);
        Assert.Contains("<loc>https://x.example/sub/series/training-loop/</loc>", sitemap);
        Assert.Contains("<loc>https://x.example/sub/series/csharp-notes/</loc>", sitemap);
    }

    [Fact]
    public void One_series_has_its_page_and_no_list_of_series()
    {
        using var site = TempSite.From(Site);
        site.Delete("content/posts/other.md");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.True(site.Exists("public/series/training-loop/index.html"));
        Assert.False(site.Exists("public/series/index.html"));
        Assert.DoesNotContain("<loc>https://x.example/sub/series/</loc>", site.Read("public/sitemap.xml"));
    }

    [Fact]
    public void A_site_with_a_series_taxonomy_has_its_term_pages_as_the_series_pages_listing_parts_in_order()
    {
        using var site = TempSite.From(Site);
        site.WriteFile("site.yaml", "title: Series Site\nbase_url: https://x.example/sub/\ntaxonomies: { tags: tag, series: series }\n");
        var run = site.Lemma("build");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("two outputs", run.Errors);
        var term = site.Read("public/series/training-loop/index.html");
        Assert.Contains("class=\"kind-term\"", term);
        var at = Positions(term, "The Loop", "Mixed Precision", "Checkpoints");
        Assert.True(at[0] > 0 && at[0] < at[1] && at[1] < at[2], "the term lists the parts in series order");
        Assert.Contains("<a href=\"/sub/series/training-loop/\">Training Loop</a>", site.Read("public/posts/loop-3/index.html"));
        // The taxonomy's own index is /series/.
        Assert.Contains("class=\"kind-taxonomy\"", site.Read("public/series/index.html"));
        Assert.Single(Regex.Matches(site.Read("public/sitemap.xml"), "<loc>https://x.example/sub/series/training-loop/</loc>"));
    }

    [Fact]
    public void A_link_written_to_a_series_page_is_a_link_to_a_page_that_exists()
    {
        using var site = TempSite.From(Site);
        site.WriteFile("content/about.md", "---\ntitle: About\n---\nRead [the series](/series/training-loop/).\n");
        var run = site.Lemma("build");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("no section, taxonomy or page", run.Errors + run.Output);
    }

    [Fact]
    public void A_page_at_a_series_url_is_reported_and_keeps_its_url()
    {
        using var site = TempSite.From(Site);
        site.WriteFile("content/about.md", "---\ntitle: About\nurl: /series/training-loop/\n---\nMine.\n");
        var run = site.Lemma("build");
        Assert.Contains("URL /series/training-loop/ is already used by the page of series 'Training Loop'", run.Errors + run.Output);
    }
}
