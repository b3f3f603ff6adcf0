using System.Text.Json;
using System.Xml.Linq;

namespace Lemma.Cli.Tests;

/// <summary>Feeds carry each post whole by default (issue #19, Outputs): what a feed reader shows away from the site.</summary>
public class FullFeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    private const string Site = """
        -- site.yaml --
        title: T
        base_url: https://x.example/sub/
        -- content/posts/a/index.md --
        ---
        title: A
        date: 2024-01-02
        tags: [t]
        ---
        The summary, with $e^{i\pi}$. <!--more--> Then [B](../b/) and ![a plot](pic.png).

        <img src="pic.png" srcset="pic.png 1x, big/pic.png 2x" alt="twice">

        <script>alert(1)</script>

        ```python
        def f(x):
            return x + 1
        ```

        $$
        \int_0^1 x\,dx = \tfrac12
        $$
        -- content/posts/a/pic.png --
        PNG
        -- content/posts/b.md --
        ---
        title: B
        date: 2024-01-01
        ---
        B's body.
        """;

    /// <summary>Each feed's content of post A, as a feed reader parses it: RSS content:encoded, Atom content, JSON Feed content_html.</summary>
    private static IEnumerable<string> ContentsOfA(TempSite site)
    {
        var rss = XDocument.Parse(site.Read("public/index.xml"));
        var item = rss.Descendants("item").Single(i => (string?)i.Element("title") == "A");
        yield return (string)item.Element(Content + "encoded")!;
        var atom = XDocument.Parse(site.Read("public/atom.xml"));
        var entry = atom.Descendants(Atom + "entry").Single(e => (string?)e.Element(Atom + "title") == "A");
        Assert.Equal("html", (string?)entry.Element(Atom + "content")!.Attribute("type"));
        yield return (string)entry.Element(Atom + "content")!;
        using var json = JsonDocument.Parse(site.Read("public/feed.json"));
        var a = json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == "A");
        yield return a.GetProperty("content_html").GetString()!;
    }

    [Fact]
    public void Every_feed_carries_the_whole_post_with_absolute_urls_mathml_and_code_coloured_inline()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        foreach (var html in ContentsOfA(site))
        {
            Assert.Contains("Then <a href=\"https://x.example/sub/posts/b/\">B</a>", html);
            Assert.Contains("src=\"https://x.example/sub/posts/a/pic.png\"", html);
            Assert.Contains("srcset=\"https://x.example/sub/posts/a/pic.png 1x, https://x.example/sub/posts/a/big/pic.png 2x\"", html);
            Assert.Contains("<math display=\"block\">", html);
            Assert.Contains("<annotation encoding=\"application/x-tex\">e^{i\\pi}</annotation>", html);
            // Colours where a reader keeps them (style attributes), not classes that need the site's stylesheet.
            Assert.Contains("<span style=\"color:#b8212b\">def</span>", html);
            Assert.Matches("<pre [^>]*style=\"color:#1f2328;background-color:#f4f2ed;", html);
            Assert.DoesNotContain("hl-", html);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("alert(1)", html);
            Assert.DoesNotContain("<button", html);
        }
        // The summary stays where it was: RSS description, Atom summary.
        var rss = XDocument.Parse(site.Read("public/index.xml"));
        var description = (string)rss.Descendants("item").Single(i => (string?)i.Element("title") == "A").Element("description")!;
        Assert.StartsWith("<p>The summary, with <math>", description);
        Assert.DoesNotContain("Then", description);
        // The section's feed carries whole posts too; a tag's feed carries summaries.
        Assert.Equal(2, XDocument.Parse(site.Read("public/posts/index.xml")).Descendants(Content + "encoded").Count());
        var tag = XDocument.Parse(site.Read("public/tags/t/index.xml"));
        Assert.Single(tag.Descendants("item"));
        Assert.Empty(tag.Descendants(Content + "encoded"));
    }

    [Fact]
    public void Summary_feeds_carry_the_summary_alone_and_limit_sets_the_entries_of_each_feed()
    {
        using var site = TempSite.From(Site + "\n-- site.yaml --\ntitle: T\nbase_url: https://x.example/sub/\nfeeds: { content: summary, limit: 1 }\n");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var rss = XDocument.Parse(site.Read("public/index.xml"));
        Assert.Equal(["A"], rss.Descendants("item").Select(i => (string)i.Element("title")!));
        Assert.Empty(rss.Descendants(Content + "encoded"));
        var atom = XDocument.Parse(site.Read("public/atom.xml"));
        Assert.Empty(atom.Descendants(Atom + "content"));
        using var json = JsonDocument.Parse(site.Read("public/feed.json"));
        var a = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain("Then", a.GetProperty("content_html").GetString());
        Assert.StartsWith("<p>The summary", a.GetProperty("content_html").GetString());
    }

    [Theory]
    [InlineData("feeds: { content: fuller }", "site.yaml:3:1: error: feeds.content must be full or summary; got 'fuller'")]
    [InlineData("feeds:\n  content: summary\n  limit: 0", "site.yaml:5:1: error: feeds.limit must be a whole number of at least 1; got '0'")]
    [InlineData("feeds:\n  limit: many", "site.yaml:4:1: error: feeds.limit must be a whole number of at least 1; got 'many'")]
    [InlineData("feeds: full", "site.yaml:3:1: error: feeds must be a map: { content: full | summary, limit: N }")]
    [InlineData("llms: maybe", "site.yaml:3:1: error: llms must be true or false; got 'maybe'")]
    public void A_bad_feeds_or_llms_setting_is_an_error_at_its_line(string setting, string error)
    {
        using var site = TempSite.From($"-- site.yaml --\ntitle: T\nbase_url: https://x.example/\n{setting}\n-- content/posts/a.md --\n---\ntitle: A\n---\nA.\n");
        var run = site.Lemma("build");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(error, run.ErrorLines);
    }
}
