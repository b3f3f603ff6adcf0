namespace Lemma.Cli.Tests;

/// <summary>A Jekyll site's old URLs still answer: posts where its <c>permalink</c> put them, pages through redirects.</summary>
public sealed class JekyllPermalinkTests
{
    private static TempSite Site(string permalink) => TempSite.From($"""
        -- _config.yml --
        title: T
        url: https://example.org
        {permalink}
        -- _posts/2021-03-04-deep-nets.md --
        ---
        title: Deep Nets
        categories: [ML, Notes]
        ---
        Text.
        -- _posts/2021-05-06-fixed.md --
        ---
        title: Fixed
        permalink: /fixed/here/
        ---
        Text.
        -- about.md --
        ---
        title: About
        ---
        About.
        """);

    public static TheoryData<string, string> Styles => new()
    {
        // permalink line of _config.yml, output file of the post
        { "", "public/ml/notes/2021/03/04/deep-nets.html" },
        { "permalink: date", "public/ml/notes/2021/03/04/deep-nets.html" },
        { "permalink: pretty", "public/ml/notes/2021/03/04/deep-nets/index.html" },
        { "permalink: ordinal", "public/ml/notes/2021/063/deep-nets.html" },
        { "permalink: none", "public/ml/notes/deep-nets.html" },
        { "permalink: /blog/:year/:i_month/:i_day/:title/", "public/blog/2021/3/4/deep-nets/index.html" },
        { "permalink: /:short_year/:month/:slug:output_ext", "public/21/03/deep-nets.html" },
    };

    [Theory]
    [MemberData(nameof(Styles))]
    public void Posts_are_published_where_the_permalink_style_puts_them(string permalink, string output)
    {
        using var site = Site(permalink);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(site.Exists(output), string.Join("\n", site.Files("public")));
        Assert.True(site.Exists("public/fixed/here/index.html"));
    }

    [Fact]
    public void A_page_old_html_url_redirects_to_its_page_unless_the_style_is_pretty()
    {
        using var site = Site("");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.True(site.Exists("public/about/index.html"));
        Assert.Contains("/about/", site.Read("public/about.html"));

        using var pretty = Site("permalink: pretty");
        Assert.Equal(0, pretty.Lemma("build").ExitCode);
        Assert.False(pretty.Exists("public/about.html"));
    }

    [Fact]
    public void A_permalink_that_climbs_out_of_the_output_is_a_config_error()
    {
        using var site = Site("permalink: /../:title/");
        var run = site.Lemma("build");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("_config.yml:3:1: error: permalink", run.Errors);
    }
}
