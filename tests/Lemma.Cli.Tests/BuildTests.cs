using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;

namespace Lemma.Cli.Tests;

/// <summary>`lemma build` end to end on small temporary sites.</summary>
public class BuildTests
{
    private const string Config = """
        -- site.yaml --
        title: Test Site
        description: A site for tests
        base_url: https://example.org/
        page_size: 2
        author:
          name: Ada Park

        """;

    private static string Post(string title, string date, string extra = "", string body = "Some text.") =>
        $"---\ntitle: \"{title}\"\ndate: {date}\n{extra}---\n\n{body}\n";

    [Fact]
    public void A_post_is_written_at_its_pretty_url_with_a_summary_line()
    {
        using var site = TempSite.From(Config + "-- content/posts/hello.md --\n" + Post("Hello", "2024-03-01", body: "Hello **world**."));
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/hello/index.html");
        Assert.Contains("<strong>world</strong>", html);
        Assert.Contains("Hello", html);
        Assert.Matches(@"built: \d+ pages, 1 posts, \d+ files.*0 errors, 0 warnings in [\d.]+ s", run.Output);
    }

    [Fact]
    public void A_build_into_an_empty_output_publishes_what_a_build_over_an_old_output_does_and_leaves_nothing_beside_it()
    {
        using var site = TempSite.From(Config + """
            -- content/posts/a.md --
            ---
            title: A
            date: 2024-03-01
            tags: [x]
            ---

            Text with ![a picture](pic.svg).
            -- content/posts/pic.svg --
            <svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>
            -- static/notes.txt --
            A static file.
            """);
        var fresh = site.Lemma("build");
        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        var published = site.Files("public").ToDictionary(f => f, f => site.Read("public/" + f));
        Assert.Contains("notes.txt", published.Keys);
        Assert.Contains("posts/a/index.html", published.Keys);

        site.WriteFile("public/old.txt", "a file from before");
        var over = site.Lemma("build");
        Assert.True(over.ExitCode == 0, over.ToString());
        site.Delete("public/old.txt");
        Assert.Equal(published, site.Files("public").ToDictionary(f => f, f => site.Read("public/" + f)));
        Assert.Equal([".public.lemma-manifest", "content", "public", "site.yaml", "static"],
            Directory.EnumerateFileSystemEntries(site.Root).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Yaml_toml_and_json_front_matter_all_build()
    {
        using var site = TempSite.From(Config + """
            -- content/posts/yaml.md --
            ---
            title: From YAML
            date: 2024-01-01
            ---
            Body
            -- content/posts/toml.md --
            +++
            title = "From TOML"
            date = 2024-01-02
            +++
            Body
            -- content/posts/json.md --
            {
              "title": "From JSON",
              "date": "2024-01-03"
            }
            Body
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("From YAML", site.Read("public/posts/yaml/index.html"));
        Assert.Contains("From TOML", site.Read("public/posts/toml/index.html"));
        Assert.Contains("From JSON", site.Read("public/posts/json/index.html"));
    }

    [Fact]
    public void Drafts_and_future_posts_are_hidden_unless_asked_for_and_in_progress_ones_are_listed()
    {
        using var site = TempSite.From(Config
            + "-- content/posts/draft.md --\n" + Post("Draft", "2024-01-01", "draft: true\n")
            + "-- content/posts/future.md --\n" + Post("Future", "2999-01-01")
            + "-- content/posts/wip.md --\n" + Post("Work in progress", "2024-01-02", "status: in-progress\n"));
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.False(site.Exists("public/posts/draft/index.html"));
        Assert.False(site.Exists("public/posts/future/index.html"));
        Assert.True(site.Exists("public/posts/wip/index.html"));
        Assert.Contains("/posts/wip/", site.Read("public/posts/index.html"));

        Assert.Equal(0, site.Lemma("build", "--drafts", "--future").ExitCode);
        Assert.True(site.Exists("public/posts/draft/index.html"));
        Assert.True(site.Exists("public/posts/future/index.html"));
    }

    [Fact]
    public void A_bundle_copies_its_files_beside_its_page()
    {
        using var site = TempSite.From(Config
            + "-- content/posts/demo/index.md --\n" + Post("Demo", "2024-01-01", body: "![plot](plot.svg)\n\n<script src=\"demo.js\"></script>")
            + "-- content/posts/demo/demo.js --\nconsole.log('hi');\n"
            + "-- content/posts/demo/plot.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(site.Exists("public/posts/demo/index.html"));
        Assert.Equal("console.log('hi');\n", site.Read("public/posts/demo/demo.js"));
        Assert.True(site.Exists("public/posts/demo/plot.svg"));
    }

    [Fact]
    public void A_file_in_the_sites_assets_replaces_the_themes_of_that_name_and_pages_link_its_new_hash()
    {
        using var site = TempSite.From(Config + "-- content/posts/a.md --\n" + Post("A", "2024-01-01"));
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var themeLink = StylesheetLink(site.Read("public/posts/a/index.html"));

        site.Write("-- assets/css/site.css --\nbody { color: rebeccapurple; }\n-- assets/js/extra.js --\nconsole.log('extra');\n");
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("body { color: rebeccapurple; }\n", site.Read("public/assets/css/site.css"));
        Assert.Equal("console.log('extra');\n", site.Read("public/assets/js/extra.js"));
        Assert.True(site.Exists("public/assets/js/theme.js")); // the theme's others stay
        var siteLink = StylesheetLink(site.Read("public/posts/a/index.html"));
        Assert.StartsWith("/assets/css/site.css?v=", siteLink);
        Assert.NotEqual(themeLink, siteLink);
    }

    private static string StylesheetLink(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"stylesheet\" href=\"([^\"]*site\\.css[^\"]*)\"").Groups[1].Value;

    [Fact]
    public void Aliases_become_redirect_pages_to_the_canonical_url()
    {
        using var site = TempSite.From(Config + "-- content/posts/new.md --\n" + Post("New", "2024-01-01", "aliases: [/old-url/, /2019/01/old/]\n"));
        Assert.Equal(0, site.Lemma("build").ExitCode);
        foreach (var alias in new[] { "public/old-url/index.html", "public/2019/01/old/index.html" })
        {
            var html = site.Read(alias);
            Assert.Contains("https://example.org/posts/new/", html);
            Assert.Contains("http-equiv=\"refresh\"", html);
        }
    }

    [Fact]
    public void Feeds_parse_back_as_rss_atom_and_json_with_the_newest_post_first()
    {
        using var site = TempSite.From(Config
            + "-- content/posts/old.md --\n" + Post("Old", "2023-01-01", "tags: [ml]\n")
            + "-- content/posts/new.md --\n" + Post("New", "2024-01-01", "tags: [ml, python]\n"));
        Assert.Equal(0, site.Lemma("build").ExitCode);

        foreach (var path in new[] { "public/index.xml", "public/atom.xml", "public/tags/ml/index.xml", "public/posts/atom.xml" })
        {
            using var reader = XmlReader.Create(Path.Combine(site.Root, path));
            var feed = SyndicationFeed.Load(reader);
            Assert.Equal(["New", "Old"], feed.Items.Select(i => i.Title.Text).ToArray());
            Assert.Equal("https://example.org/posts/new/", feed.Items.First().Links.First().Uri.ToString());
        }
        using var json = System.Text.Json.JsonDocument.Parse(site.Read("public/feed.json"));
        Assert.Equal("https://jsonfeed.org/version/1.1", json.RootElement.GetProperty("version").GetString());
        Assert.Equal("New", json.RootElement.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Single(SyndicationFeed.Load(XmlReader.Create(Path.Combine(site.Root, "public/tags/python/index.xml"))).Items);
    }

    [Fact]
    public void Sitemap_lists_every_page_with_absolute_urls_and_robots_points_to_it()
    {
        using var site = TempSite.From(Config
            + "-- content/posts/a.md --\n" + Post("A", "2024-01-01", "aliases: [/a-old/]\n")
            + "-- content/about.md --\n" + Post("About", "2024-01-01"));
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var ns = XNamespace.Get("http://www.sitemaps.org/schemas/sitemap/0.9");
        var locs = XDocument.Load(Path.Combine(site.Root, "public/sitemap.xml")).Descendants(ns + "loc").Select(e => e.Value).ToArray();
        Assert.Contains("https://example.org/", locs);
        Assert.Contains("https://example.org/posts/a/", locs);
        Assert.Contains("https://example.org/about/", locs);
        Assert.Contains("https://example.org/posts/", locs);
        Assert.DoesNotContain("https://example.org/a-old/", locs);
        Assert.Contains("Sitemap: https://example.org/sitemap.xml", site.Read("public/robots.txt"));
    }

    [Fact]
    public void Lists_are_paginated_by_page_size()
    {
        var posts = string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"-- content/posts/p{i}.md --\n" + Post($"Post {i}", $"2024-01-0{i}", "tags: [t]\n")));
        using var site = TempSite.From(Config + posts);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.True(site.Exists("public/posts/index.html"));
        Assert.True(site.Exists("public/posts/page/2/index.html"));
        Assert.True(site.Exists("public/posts/page/3/index.html"));
        Assert.False(site.Exists("public/posts/page/4/index.html"));
        Assert.True(site.Exists("public/tags/t/page/3/index.html"));
        Assert.Contains("/posts/p5/", site.Read("public/posts/index.html"));
        Assert.Contains("/posts/p1/", site.Read("public/posts/page/3/index.html"));
    }

    [Fact]
    public void Jekyll_post_names_give_the_date_and_slug()
    {
        using var site = TempSite.From(Config + "-- content/posts/2023-07-14-bastille-day.md --\n---\ntitle: Bastille\n---\nText\n");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var html = site.Read("public/posts/bastille-day/index.html");
        Assert.Contains("2023-07-14", html);
    }

    [Fact]
    public void Unchanged_files_are_not_rewritten_and_removed_pages_disappear()
    {
        using var site = TempSite.From(Config
            + "-- content/posts/a.md --\n" + Post("A", "2024-01-01")
            + "-- content/posts/b.md --\n" + Post("B", "2024-01-02"));
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var file in site.Files("public")) File.SetLastWriteTimeUtc(Path.Combine(site.Root, "public", file), stamp);

        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.All(site.Files("public"), file => Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(site.Root, "public", file))));

        site.Delete("content/posts/b.md");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.False(site.Exists("public/posts/b/index.html"));
        Assert.True(site.Exists("public/posts/a/index.html"));
    }
}
