using System.Collections.Immutable;
using Lemma.Content.Jekyll;

namespace Lemma.Tests.Content;

/// <summary>
/// Liquid in a Jekyll page body, before Markdown: each row is a body and what Markdown then reads. The site has
/// url https://example.org, baseurl /blog, a post 2020-01-02-first at /2020/01/02/first.html and about.md at /about/.
/// </summary>
public class JekyllLiquidSpecTests
{
    private static readonly JekyllLiquid Liquid = new();

    private static readonly JekyllSite Site = new()
    {
        Root = Path.GetTempPath(),
        BaseUrl = "https://example.org/blog/",
        Values = new Dictionary<string, object?>
        {
            ["title"] = "Notes",
            ["url"] = "https://example.org",
            ["baseurl"] = "/blog",
            ["data"] = new Dictionary<string, object?> { ["links"] = new object?[] { new Dictionary<string, object?> { ["name"] = "b", ["on"] = true }, new Dictionary<string, object?> { ["name"] = "a", ["on"] = false } } },
            ["posts"] = new object?[] { new Dictionary<string, object?> { ["title"] = "First", ["url"] = "/2020/01/02/first.html" } },
        },
        PostUrls = ImmutableDictionary<string, string>.Empty.Add("2020-01-02-first", "/2020/01/02/first.html"),
        SourceUrls = ImmutableDictionary<string, string>.Empty.Add("about.md", "/about/"),
    };

    private static ExpandedBody Expand(string body, int bodyLine = 5) =>
        Liquid.Expand(Site, new JekyllPage("post.md", body, bodyLine, new Dictionary<string, object?>
        {
            ["title"] = "A & B", ["date"] = new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero), ["tags"] = new object?[] { "y", "x" },
        }));

    public static TheoryData<string, string> Rows => new()
    {
        // body, what Markdown reads
        { "{{ site.title }} / {{ page.title }}", "Notes / A & B" },
        { "{{ site.url }}{{ site.baseurl }}", "https://example.org/blog" },
        { "{{ '/img/a.png' | relative_url }}", "/blog/img/a.png" },
        { "{{ '/img/a.png' | absolute_url }}", "https://example.org/blog/img/a.png" },
        { "{{ page.title | xml_escape }}", "A &amp; B" },
        { "{{ page.date | date_to_string }}", "02 Jan 2020" },
        { "{{ page.date | date_to_long_string }}", "02 January 2020" },
        { "{{ page.date | date_to_string: 'ordinal', 'US' }}", "Jan 2nd, 2020" },
        { "{{ 'Hello, World!' | slugify }}", "hello-world" },
        { "{{ page.tags | sort | jsonify }}", "[\"x\",\"y\"]" },
        { "{{ '*a*' | markdownify }}", "<p><em>a</em></p>" },
        { "{% assign on = site.data.links | where: 'on', true %}{% for l in on %}{{ l.name }}{% endfor %}", "b" },
        { "{% assign s = site.data.links | sort: 'name' %}{{ s | map: 'name' | join: ',' }}", "a,b" },
        { "{% capture x %}in{% endcapture %}[{{ x }}]", "[in]" },
        { "{% if page.title contains 'B' %}yes{% else %}no{% endif %}", "yes" },
        { "{% unless false %}shown{% endunless %}", "shown" },
        { "{% for p in site.posts %}{{ p.title }}{% endfor %}", "First" },
        { "{% raw %}{{ site.title }}{% endraw %}", "{{ site.title }}" },
        { "{% post_url 2020-01-02-first %}", "/blog/2020/01/02/first.html" },
        { "{% link about.md %}", "/blog/about/" },
        { "{% highlight ruby %}\nputs 1\n{% endhighlight %}", "\n```ruby\nputs 1\n```\n" },
        { "{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}", "\n```ruby {linenos=true}\nputs 1\n```\n" },
        { "{: .note}\n{::comment}x{:/comment}", "{: .note}\n{::comment}x{:/comment}" },
        { "Plain text, no Liquid.", "Plain text, no Liquid." },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_body_after_liquid(string body, string expected)
    {
        var expanded = Expand(body);
        Assert.Empty(expanded.Diagnostics);
        Assert.Equal(expected, expanded.Body);
    }

    [Fact]
    public void Each_line_keeps_its_file_line_and_lines_a_tag_wrote_take_the_tag_line()
    {
        var expanded = Expand("one\n{% highlight c %}\nx;\n{% endhighlight %}\nlast\n", bodyLine: 10);
        var lines = expanded.Body.Split('\n');
        Assert.Equal("one", lines[0]);
        Assert.Equal(10, expanded.Lines[0]);
        var last = Array.IndexOf(lines, "last");
        Assert.Equal(14, expanded.Lines[last]);
        Assert.All(expanded.Lines.Skip(1).Take(last - 1), line => Assert.InRange(line, 11, 13));
    }

    [Fact]
    public void A_syntax_error_is_a_warning_at_its_line_and_the_body_is_kept()
    {
        var expanded = Expand("fine\n\nthen {% if %} here\n", bodyLine: 4);
        var warning = Assert.Single(expanded.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(6, warning.Span.Line);
        Assert.Equal("fine\n\nthen {% if %} here\n", expanded.Body);
    }

    [Fact]
    public void An_unknown_post_is_a_warning_at_its_tag_with_a_visible_mark()
    {
        var expanded = Expand("a\nsee {% post_url 2099-01-01-none %}\n", bodyLine: 3);
        var warning = Assert.Single(expanded.Diagnostics);
        Assert.Equal("post.md:4:5", warning.Span.ToString());
        Assert.Contains("<code class=\"liquid-error\"", expanded.Body);
        Assert.Contains("{% post_url 2099-01-01-none %}", expanded.Body);
    }

    [Fact]
    public void A_plugin_tag_is_a_warning_with_its_text_marked_and_the_rest_still_runs()
    {
        var expanded = Expand("{{ site.title }}\nsee {% cite vaswani2017 %} and {% twitter https://x.com/a %}\n", bodyLine: 2);
        Assert.Equal(2, expanded.Diagnostics.Length);
        Assert.Equal("post.md:3:5", expanded.Diagnostics[0].Span.ToString());
        Assert.Contains("unknown tag 'cite'", expanded.Diagnostics[0].Message);
        Assert.StartsWith("Notes\nsee <code class=\"liquid-error\"", expanded.Body);
        Assert.Contains("{% cite vaswani2017 %}</code>", expanded.Body);
        Assert.Equal(2, expanded.Body.Split('\n').Length - 1);
    }

    [Fact]
    public void Render_with_liquid_false_or_no_liquid_at_all_is_not_run()
    {
        Assert.False(JekyllLiquid.Runs("{{ x }}", new Dictionary<string, object?> { ["render_with_liquid"] = false }));
        Assert.False(JekyllLiquid.Runs("no tags", new Dictionary<string, object?>()));
        Assert.True(JekyllLiquid.Runs("{% raw %}", new Dictionary<string, object?>()));
    }
}
