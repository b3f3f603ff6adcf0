using System.Collections.Immutable;
using Lemma.Content;
using Lemma.Diagnostics;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Markdown.Shortcodes;
using Lemma.Math;

namespace Lemma.Tests.Markdown.Shortcodes;

/// <summary>Hugo shortcode syntax and the built-ins, as a table of body -> HTML.</summary>
public class ShortcodeSpecTests
{
    private static readonly ShortcodeSite Site = new("https://example.org/",
        ImmutableDictionary<string, object?>.Empty.Add("author", "Ada").Add("social", ImmutableDictionary<string, object?>.Empty.Add("github", "ada")),
        ImmutableDictionary<string, (string, string)>.Empty);

    private static readonly MarkdownFormat Format = new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, false),
        shortcodes: new ShortcodeReader(Site));

    internal static RenderedContent Render(string body, MarkdownFormat? format = null) => (format ?? Format).Render(new PageSource
    {
        Path = "content/posts/p.md", Section = "posts", Format = ContentFormat.Markdown, FileSlug = "p", Body = body, BodyLine = 5,
        FrontMatter = new FrontMatter { Title = "P", Raw = ImmutableDictionary<string, object?>.Empty.Add("topic", "attention").Add("Stars", 3) },
    });

    [Theory]
    // Arguments: positional, named, quoted with escapes, raw, numbers; a page param before a site param, dotted paths.
    [InlineData("By {{< param author >}}.", "<p>By Ada.</p>")]
    [InlineData("On {{< param \"topic\" >}} ({{< param stars >}}).", "<p>On attention (3).</p>")]
    [InlineData("At {{< param `social.github` >}}.", "<p>At ada.</p>")]
    [InlineData("{{< param name=\"author\" >}}", "Ada")]
    [InlineData("{{<param author>}}", "Ada")]
    // Self-closing, and the comment form printed as the tag.
    [InlineData("{{< figure src=\"a.png\" alt=\"A \\\"plot\\\"\" />}}", "<figure class=\"figure\"><img src=\"a.png\" alt=\"A &quot;plot&quot;\" loading=\"lazy\">\n</figure>")]
    [InlineData("Type {{</* param author */>}}.", "<p>Type {{&lt; param author &gt;}}.</p>")]
    [InlineData("Type {{%/* details */%}}.", "<p>Type {{% details %}}.</p>")]
    [InlineData("```\n{{</* figure src=\"a.png\" */>}}\n```", "<figure class=\"code\"><pre><code><span class=\"line\">{{&lt; figure src=&quot;a.png&quot; &gt;}}</span></code></pre></figure>")]
    // {{% %}} inner text is Markdown; {{< >}} output is HTML left as it is.
    [InlineData("{{% details summary=\"More\" %}}\nSome *text*.\n{{% /details %}}", "<details class=\"details\"><summary>More</summary>\n<p>Some <em>text</em>.</p>\n</details>")]
    [InlineData("{{< details \"More\" >}}\nSome *text*.\n{{< /details >}}", "<details class=\"details\"><summary>More</summary>\n<p>Some <em>text</em>.</p>\n</details>")]
    // Nested.
    [InlineData("{{% details Outer %}}\nBy {{< param author >}}.\n{{% /details %}}", "<details class=\"details\"><summary>Outer</summary>\n<p>By Ada.</p>\n</details>")]
    // Figure options.
    [InlineData("{{< figure src=\"a.png\" link=\"https://x.org\" target=\"_blank\" rel=\"noopener\" class=\"wide\" width=\"300\" title=\"T\" caption=\"A *c*\" attr=\"Me\" attrlink=\"https://me.org\" >}}",
        "<figure class=\"figure wide\"><a href=\"https://x.org\" target=\"_blank\" rel=\"noopener\"><img src=\"a.png\" alt=\"A *c*\" width=\"300\" loading=\"lazy\"></a>\n<figcaption><span class=\"figure-title\">T</span> A <em>c</em> <a href=\"https://me.org\">Me</a></figcaption>\n</figure>")]
    // Highlight becomes a fenced block with its options.
    [InlineData("{{< highlight go \"linenos=false,hl_lines=2\" >}}\na\nb\n{{< /highlight >}}", "<figure class=\"code\"><pre data-lang=\"go\"><code><span class=\"line\">a</span>\n<span class=\"line hl\">b</span></code></pre></figure>")]
    // Embeds are links, with no frame and no script.
    [InlineData("{{< youtube w7Ft2ymGmfc >}}", "<p class=\"video-link\"><a href=\"https://www.youtube.com/watch?v=w7Ft2ymGmfc\">▶ Watch a video on YouTube</a></p>")]
    [InlineData("{{< vimeo id=\"146022717\" title=\"A film\" >}}", "<p class=\"video-link\"><a href=\"https://vimeo.com/146022717\">▶ Watch A film on Vimeo</a></p>")]
    [InlineData("{{< tweet user=\"jack\" id=\"20\" >}}", "<blockquote class=\"post-link\"><p><a href=\"https://x.com/jack/status/20\">A post by @jack on X</a></p></blockquote>")]
    [InlineData("{{< gist spf13 7896402 \"img.html\" >}}", "<p class=\"gist-link\"><a href=\"https://gist.github.com/spf13/7896402#file-img-html\">View img.html in gist spf13/7896402 on GitHub</a></p>")]
    // What is not a shortcode stays text.
    [InlineData("A {{< figure src=\"a.png\" and no end.", "<p>A {{&lt; figure src=&quot;a.png&quot; and no end.</p>")]
    [InlineData("Go's {{ .Title }} is not a shortcode.", "<p>Go's {{ .Title }} is not a shortcode.</p>")]
    public void A_shortcode_renders_as_Hugo_would(string body, string html) => Assert.Equal(html, Render(body).Html.Trim());

    [Fact]
    public void An_unknown_shortcode_is_a_warning_at_its_position_and_its_text_stays_marked()
    {
        var r = Render("Intro.\n\nSee {{< notice warning >}}Careful *now*{{< /notice >}} then.\n");
        Assert.Equal("<p>Intro.</p>\n<p>See <code class=\"unread\">{{&lt; notice warning &gt;}}</code>Careful <em>now</em><code class=\"unread\">{{&lt; /notice &gt;}}</code> then.</p>",
            r.Html.Trim());
        var warning = Assert.Single(r.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(new SourceSpan("content/posts/p.md", 7, 5), warning.Span);
        Assert.Contains("'notice'", warning.Message);
    }

    [Fact]
    public void A_closing_tag_with_no_opening_one_is_a_warning_and_stays_as_written()
    {
        var r = Render("Text {{< /figure >}} here.");
        Assert.Contains("<code class=\"unread\">{{&lt; /figure &gt;}}</code>", r.Html);
        Assert.Contains("closes no open 'figure'", Assert.Single(r.Diagnostics).Message);
    }

    [Fact]
    public void A_built_in_without_its_argument_is_a_warning()
    {
        var r = Render("{{< figure alt=\"x\" >}}");
        Assert.Contains("<code class=\"unread\">", r.Html);
        Assert.Contains("shortcode 'figure': needs 'src'", Assert.Single(r.Diagnostics).Message);
    }

    [Fact]
    public void Positions_after_a_shortcode_over_several_lines_are_the_files()
    {
        var r = Render("{{< highlight python >}}\na = 1\nb = 2\n{{< /highlight >}}\n\n{{% details X %}}\n\nInside.\n{{% /details %}}\n\nSee [x](/x/).\n");
        var link = Assert.Single(r.Links);
        Assert.Equal(new SourceSpan("content/posts/p.md", 15, 5), link.Span);
    }

    [Fact]
    public void A_figures_image_and_link_are_links_for_the_checks()
    {
        var r = Render("Text.\n\n{{< figure src=\"/img/a.png\" link=\"/posts/b/\" >}}\n");
        Assert.Equal([new LinkReference("/img/a.png", true, new SourceSpan("content/posts/p.md", 7, 1)),
            new LinkReference("/posts/b/", false, new SourceSpan("content/posts/p.md", 7, 1))], r.Links.ToArray());
    }

    [Fact]
    public void Shortcodes_nested_past_the_limit_are_kept_marked_with_one_warning()
    {
        var body = string.Concat(Enumerable.Repeat("{{< details >}}", 10_000)) + "deep" + string.Concat(Enumerable.Repeat("{{< /details >}}", 10_000));
        var r = Render(body);
        Assert.Contains("nest deeper than 64", Assert.Single(r.Diagnostics).Message);
        Assert.Contains("deep", r.Html);
    }

    [Fact]
    public void A_ref_leaves_a_marker_the_build_resolves() =>
        Assert.Equal("<p><a href=\"lemma-ref:0:4:posts%2Fother.md%23part\">x</a></p>", Render("[x]({{< ref \"posts/other.md#part\" >}})").Html.Trim());

    [Fact]
    public void A_site_without_a_Hugo_config_reads_no_shortcodes()
    {
        var root = Directory.CreateTempSubdirectory("lemma-shortcodes").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "site.yaml"), "title: x\n");
            Assert.Null(ShortcodeReader.For(Lemma.Configuration.ConfigLoader.Load(root).Config, root));
            File.Delete(Path.Combine(root, "site.yaml"));
            File.WriteAllText(Path.Combine(root, "hugo.toml"), "title = 'x'\n");
            Assert.NotNull(ShortcodeReader.For(Lemma.Configuration.ConfigLoader.Load(root).Config, root));
        }
        finally { Directory.Delete(root, true); }
    }
}
