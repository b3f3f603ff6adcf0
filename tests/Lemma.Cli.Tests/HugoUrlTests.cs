namespace Lemma.Cli.Tests;

/// <summary>A Hugo site's pages answer where Hugo 0.111 publishes them (each row checked against `hugo` on the same files).</summary>
public sealed class HugoUrlTests
{
    private static TempSite Site(string config) => TempSite.From($"""
        -- hugo.toml --
        baseURL = "https://example.org/"
        title = "T"
        {config}
        -- content/posts/2021-05-24-PICK.md --
        ---
        title: "Pick Notes"
        date: 2021-05-24
        ---
        Text.
        -- content/posts/Slugged.md --
        ---
        title: "Slugged"
        date: 2022-03-04
        slug: My-Slug
        ---
        Text.
        -- content/posts/Bundle-X/index.md --
        ---
        title: "Deep Title Here"
        date: 2023-01-02
        ---
        Text.
        -- content/posts/sub/Inner.md --
        ---
        title: "Inner"
        date: 2023-01-03
        ---
        Text.
        -- content/posts/fixed.md --
        ---
        title: "Fixed"
        url: /Custom/Path
        aliases: ["Old-One", "/Abs/Old/", "old.html"]
        ---
        Text.
        -- content/About-Me.md --
        ---
        title: "About"
        ---
        About.
        """);

    public static TheoryData<string, string[]> Rules => new()
    {
        // config lines, output files that must exist
        {
            "",
            ["public/posts/2021-05-24-pick/index.html", "public/posts/my-slug/index.html", "public/posts/bundle-x/index.html",
             "public/posts/sub/inner/index.html", "public/Custom/Path/index.html", "public/about-me/index.html"]
        },
        {
            "disablePathToLower = true",
            ["public/posts/2021-05-24-PICK/index.html", "public/posts/My-Slug/index.html", "public/posts/Bundle-X/index.html", "public/About-Me/index.html"]
        },
        {
            "uglyURLs = true",
            ["public/posts/2021-05-24-pick.html", "public/posts/my-slug.html", "public/posts/sub/inner.html", "public/Custom/Path/index.html"]
        },
        {
            "[frontmatter]\ndate = [':filename', ':default']",
            ["public/posts/pick/index.html", "public/posts/my-slug/index.html"]
        },
        {
            "[frontmatter]\ndate = [':filename', ':default']\n[permalinks]\nposts = '/p/:year/:slug/'",
            ["public/p/2021/pick/index.html", "public/p/2022/my-slug/index.html"]
        },
        {
            "[permalinks]\nposts = '/p/:year/:month/:slug/'",
            ["public/p/2021/05/pick-notes/index.html", "public/p/2022/03/my-slug/index.html", "public/p/2023/01/deep-title-here/index.html"]
        },
        {
            "[permalinks]\nposts = '/p/:filename/:title/'",
            ["public/p/2021-05-24-pick/pick-notes/index.html", "public/p/bundle-x/deep-title-here/index.html", "public/p/inner/inner/index.html"]
        },
        {
            "[permalinks.page]\nposts = '/:section/:slugorfilename/'",
            ["public/posts/2021-05-24-pick/index.html", "public/posts/my-slug/index.html"]
        },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Pages_are_published_where_hugo_publishes_them(string config, string[] outputs)
    {
        using var site = Site(config);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var output in outputs) Assert.True(site.Exists(output), output + " missing; built:\n" + string.Join("\n", site.Files("public")));
    }

    [Fact]
    public void Aliases_redirect_relative_ones_from_the_page_folder_and_keep_their_case()
    {
        using var site = Site("[permalinks]\nposts = '/p/:slug/'");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        // The page itself is at its url; a relative alias sits beside the folder its permalink would give.
        Assert.Contains("/Custom/Path/", site.Read("public/Custom/Old-One/index.html"));
        Assert.Contains("/Custom/Path/", site.Read("public/Abs/Old/index.html"));
        Assert.Contains("/Custom/Path/", site.Read("public/Custom/old.html"));
    }

    [Fact]
    public void The_date_of_a_dated_file_name_is_taken_only_when_the_frontmatter_config_says_filename()
    {
        using var site = TempSite.From("""
            -- hugo.toml --
            title = "T"
            [permalinks]
            posts = '/:year/:filename/'
            -- content/posts/2020-01-02-Dated.md --
            ---
            title: "Dated"
            date: 2024-06-07
            ---
            Text.
            """);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.True(site.Exists("public/2024/2020-01-02-dated/index.html"), string.Join("\n", site.Files("public")));
        site.WriteFile("hugo.toml", "title = \"T\"\n[frontmatter]\ndate = [':filename', ':default']\n[permalinks]\nposts = '/:year/:filename/'\n");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        // The date comes from the name; :filename is still the whole name, as in Hugo.
        Assert.True(site.Exists("public/2020/2020-01-02-dated/index.html"), string.Join("\n", site.Files("public")));
    }

    [Fact]
    public void A_bundle_right_under_content_is_a_page_at_its_folder_not_a_section()
    {
        using var site = TempSite.From("""
            -- hugo.toml --
            title = "T"
            -- content/Classes/index.md --
            ---
            title: "Classes"
            ---
            ![Grades](grades.png)
            -- content/Classes/grades.png --
            png
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Classes", site.Read("public/classes/index.html"));
        Assert.True(site.Exists("public/classes/grades.png"), string.Join("\n", site.Files("public")));
    }

    [Fact]
    public void Terms_are_urlized_as_hugo_does_so_their_pages_keep_their_urls()
    {
        using var site = TempSite.From("""
            -- hugo.toml --
            title = "T"
            -- content/posts/a.md --
            ---
            title: "A"
            tags: ["Rubik's Cube", "C++", "node.js", "COMP 541", "Ünïcode Tag"]
            ---
            Text.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var term in (string[])["rubiks-cube", "c++", "node.js", "comp-541", "ünïcode-tag"])
            Assert.True(site.Exists($"public/tags/{term}/index.html"), term + "; built:\n" + string.Join("\n", site.Files("public/tags")));
        Assert.Contains("href=\"/tags/rubiks-cube/\"", site.Read("public/posts/a/index.html"));
    }

    [Fact]
    public void A_nested_section_index_opens_a_list_at_its_folder()
    {
        using var site = TempSite.From("""
            -- hugo.toml --
            title = "T"
            -- content/teaching/_index.md --
            ---
            title: "Teaching"
            ---
            All of it.
            -- content/teaching/Act/_index.md --
            ---
            title: "ACT"
            ---
            The ACT sessions.
            -- content/teaching/Act/binary/index.md --
            ---
            title: "Binary"
            date: 2022-01-01
            ---
            Text.
            -- content/teaching/other.md --
            ---
            title: "Other"
            date: 2022-01-02
            ---
            Text.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var act = site.Read("public/teaching/act/index.html");
        Assert.Contains("The ACT sessions.", act);
        Assert.Contains("href=\"/teaching/act/binary/\"", act);
        Assert.DoesNotContain("href=\"/teaching/other/\"", act);
        var teaching = site.Read("public/teaching/index.html");
        Assert.Contains("All of it.", teaching);
        Assert.Contains("href=\"/teaching/other/\"", teaching);
    }
}
