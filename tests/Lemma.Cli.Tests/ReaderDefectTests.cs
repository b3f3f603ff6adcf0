using System.Text.RegularExpressions;

namespace Lemma.Cli.Tests;

/// <summary>Defects a reader or a feed reader saw on built pages (issue #19), each through `lemma build`.</summary>
public class ReaderDefectTests
{
    private const string Site = """
        -- site.yaml --
        title: Sub Site
        base_url: https://x.example/sub/
        page_size: 1
        -- content/posts/a.md --
        ---
        title: A
        date: 2024-01-02
        tags: [t]
        ---
        Hello second. <!--more--> More text.
        -- content/posts/b.md --
        ---
        title: B
        date: 2024-01-01
        tags: [t]
        ---
        - one
        - two <!--more--> three
        """;

    [Fact]
    public void A_more_mark_inside_a_paragraph_or_list_closes_what_it_cut()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        // The summary is the RSS description (feeds carry the whole post beside it).
        var feed = System.Net.WebUtility.HtmlDecode(site.Read("public/index.xml"));
        Assert.Contains("<description><p>Hello second.</p></description>", feed);
        Assert.Contains("<description><ul>\n<li>one</li>\n<li>two</li></ul></description>", feed);
        Assert.DoesNotContain("More text", site.Read("public/posts/index.html"));
    }

    [Fact]
    public void The_site_title_and_the_404_page_link_to_the_home_page_under_the_base_path()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Contains("class=\"site-title\" href=\"/sub/\"", site.Read("public/posts/a/index.html"));
        Assert.Contains("<a href=\"/sub/\">Go to the home page</a>", site.Read("public/404.html"));
    }

    [Fact]
    public void A_later_page_of_a_list_is_its_own_canonical_page()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Contains("<link rel=\"canonical\" href=\"https://x.example/sub/posts/page/2/\">", site.Read("public/posts/page/2/index.html"));
        Assert.Contains("<link rel=\"canonical\" href=\"https://x.example/sub/posts/\">", site.Read("public/posts/index.html"));
        Assert.Contains("<link rel=\"canonical\" href=\"https://x.example/sub/tags/t/page/2/\">", site.Read("public/tags/t/page/2/index.html"));
    }

    [Fact]
    public void The_home_page_links_the_atom_feed_once_and_a_tag_page_counts_posts()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Single(Regex.Matches(site.Read("public/index.html"), "application/atom\\+xml"));
        Assert.Contains("2 posts", site.Read("public/tags/t/index.html"));
    }

    [Fact]
    public void A_layout_that_names_no_template_is_a_warning_at_its_line()
    {
        using var site = TempSite.From("""
            -- site.yaml --
            title: T
            base_url: https://example.org/
            -- content/search.md --
            ---
            title: Search
            layout: search
            ---
            Find things.
            -- content/about.md --
            ---
            title: About
            layout: about
            ---
            Me.
            -- layouts/about.liquid --
            {%- layout 'base' -%}<p class="about-layout">{{ page.content | raw }}</p>
            """);
        var run = site.Lemma("build");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("content/search.md:3:1: warning: layout: no template 'search' (layouts/search.liquid or the theme's); the page uses 'page'",
            Assert.Single(run.ErrorLines));
        Assert.Contains("Find things.", site.Read("public/search/index.html"));
        Assert.Contains("class=\"about-layout\"", site.Read("public/about/index.html"));
    }

    [Fact]
    public void Without_a_home_layout_the_home_page_shows_what_the_site_has_in_the_order_a_reader_meets_it()
    {
        static string Post(string name, string date, string categories, string extra = "") =>
            $"-- content/posts/{name}.md --\n---\ntitle: {name}\ndate: {date}\ncategories: [{categories}]\ntags: [t-{name}]\n{extra}---\nBody.\n";
        using var site = TempSite.From("""
            -- site.yaml --
            title: T
            base_url: https://example.org/
            social: [{ name: GitHub, url: "https://github.com/t" }]
            -- data/recommendations.yaml --
            - { title: A book, url: "https://example.org/book" }
            -- content/research/note.md --
            ---
            title: Open Note
            date: 2024-01-01
            status: in-progress
            ---
            Thinking.

            """ + Post("a", "2024-03-01", "Python", "featured: true\n") + Post("b", "2024-02-01", "Python") + Post("c", "2024-02-02", "Python")
            + Post("d", "2024-02-03", "Rust") + Post("e", "2024-02-04", "Rust") + Post("f", "2024-02-05", "Go") + Post("g", "2024-02-06", "Zig"));
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var headings = Regex.Matches(site.Read("public/index.html"), "<h2 id=\"home-[0-9]+\">([^<]+)</h2>").Select(m => m.Groups[1].Value);
        // The three most used categories, most used first (Go and Zig tie: by name); Zig has no stream of its own.
        Assert.Equal(["Featured", "Python", "Rust", "Go", "Research notes", "Recommendations", "Recent updates", "Trending topics", "Connect"], headings);

        using var plain = TempSite.From("""
            -- site.yaml --
            title: T
            base_url: https://example.org/
            -- content/posts/only.md --
            ---
            title: Only
            date: 2024-03-01
            ---
            Body.
            """);
        Assert.Equal(0, plain.Lemma("build").ExitCode);
        Assert.Equal(["Recent updates"], Regex.Matches(plain.Read("public/index.html"), "<h2 id=\"home-[0-9]+\">([^<]+)</h2>").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void The_home_page_shows_each_post_once_and_names_drafts_and_work_in_progress_as_their_own_pages_do()
    {
        using var site = TempSite.From("""
            -- site.yaml --
            title: T
            base_url: https://example.org/
            home:
              - { kind: featured, title: Featured }
              - { kind: category, title: Python, category: Python }
              - { kind: research, title: Research, sections: [research] }
              - { kind: recent, title: Recent }
            -- content/posts/star.md --
            ---
            title: Star Post
            date: 2024-03-01
            featured: true
            categories: [Python]
            ---
            Star.
            -- content/posts/plain.md --
            ---
            title: Plain Post
            date: 2024-02-01
            categories: [Python]
            ---
            Plain.
            -- content/posts/unfinished.md --
            ---
            title: Unfinished Post
            date: 2024-02-15
            draft: true
            ---
            Soon.
            -- content/research/note.md --
            ---
            title: Open Note
            date: 2024-01-01
            status: in-progress
            ---
            Thinking.
            """);
        Assert.Equal(0, site.Lemma("build", "--drafts").ExitCode);
        var home = site.Read("public/index.html");
        foreach (var title in new[] { "Star Post", "Plain Post", "Unfinished Post", "Open Note" })
            Assert.Single(Regex.Matches(home, ">" + title + "<"));
        var recent = home[home.IndexOf(">Recent<", StringComparison.Ordinal)..];
        Assert.Matches("Draft</span>[^<]*(<time[^>]*>[^<]*</time>)?</span>\\s*<a href=\"/posts/unfinished/\">", recent);
        Assert.Contains("In progress", home[home.IndexOf(">Research<", StringComparison.Ordinal)..home.IndexOf(">Recent<", StringComparison.Ordinal)]);
        Assert.DoesNotContain(">Draft<", home[home.IndexOf(">Research<", StringComparison.Ordinal)..home.IndexOf(">Recent<", StringComparison.Ordinal)]);
        Assert.Contains("In progress", site.Read("public/research/note/index.html"));
    }

    [Fact]
    public void A_relative_menu_url_points_to_the_same_place_from_every_page()
    {
        using var site = TempSite.From("""
            -- site.yaml --
            title: T
            base_url: https://x.example/sub/
            menu:
              - { name: Archive, url: archive/ }
              - { name: Posts, url: /posts/ }
              - { name: Code, url: "https://github.com/someone" }
              - { name: Ghost, url: nowhere/ }
            -- content/posts/p1.md --
            ---
            title: P1
            date: 2024-01-01
            ---
            Text.
            """);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var post = site.Read("public/posts/p1/index.html");
        Assert.Contains("<a href=\"/sub/archive/\">Archive</a>", post);
        Assert.Contains("<a href=\"/sub/posts/\" aria-current=\"true\">Posts</a>", post);
        Assert.Contains("<a href=\"https://github.com/someone\">Code</a>", post);
        // lemma check finds the menu item that leads nowhere, once, at its line in the config.
        var check = site.Lemma("check");
        Assert.Equal(1, check.ExitCode);
        Assert.Equal("site.yaml:7:1: error: broken menu link: Ghost → nowhere/ (no nowhere/index.html in the site)", Assert.Single(check.ErrorLines));
    }

    [Fact]
    public void Every_url_in_feed_content_is_absolute()
    {
        using var site = TempSite.From("""
            -- site.yaml --
            title: T
            base_url: https://x.example/sub/
            -- content/posts/a/index.md --
            ---
            title: A
            date: 2024-01-02
            ---
            See [B](../b/), [the note](#note) and ![a plot](pic.png) or [elsewhere](https://example.com/x?a=1&b=2).
            -- content/posts/a/pic.png --
            PNG
            -- content/posts/b.md --
            ---
            title: B
            date: 2024-01-01
            ---
            B.
            """);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        foreach (var feed in new[] { "public/index.xml", "public/atom.xml", "public/feed.json" })
        {
            // The feeds' own escaping (XML text, JSON strings) taken off: what a feed reader parses as HTML.
            var text = feed.EndsWith(".json", StringComparison.Ordinal)
                ? string.Join("\n", System.Text.Json.JsonDocument.Parse(site.Read(feed)).RootElement.GetProperty("items").EnumerateArray()
                    .Select(item => item.GetProperty("content_html").GetString()))
                : site.Read(feed).Replace("&quot;", "\"");
            Assert.Contains("href=\"https://x.example/sub/posts/b/\"", text);
            Assert.Contains("href=\"https://x.example/sub/posts/a/#note\"", text);
            Assert.Contains("src=\"https://x.example/sub/posts/a/pic.png\"", text);
            Assert.Contains("https://example.com/x?a=1", text);
            Assert.DoesNotMatch("(?:href|src)=\"(?!https?://)", text);
        }
    }

    [Fact]
    public void A_summary_with_math_reads_as_its_tex_in_plain_text_and_never_as_text_and_tex_run_together()
    {
        using var site = TempSite.From("""
            -- site.yaml --
            title: T
            base_url: https://example.org/
            -- content/posts/euler.md --
            ---
            title: Euler
            date: 2024-01-01
            ---
            Inline dollar $e^{i\pi}+1=0$ here.
            """);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var post = site.Read("public/posts/euler/index.html");
        Assert.Contains("<meta name=\"description\" content=\"Inline dollar $e^{i\\pi}&#x2B;1=0$ here.\">", post);
        Assert.Contains("<meta property=\"og:description\" content=\"Inline dollar $e^{i\\pi}&#x2B;1=0$ here.\">", post);
        var item = System.Text.Json.JsonDocument.Parse(site.Read("public/feed.json")).RootElement.GetProperty("items")[0];
        Assert.Equal("Inline dollar $e^{i\\pi}+1=0$ here.", item.GetProperty("summary").GetString());
        Assert.Contains("<math", post);
    }
}
