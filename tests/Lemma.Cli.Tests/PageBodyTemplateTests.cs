namespace Lemma.Cli.Tests;

/// <summary>
/// `page.content` behaves in a layout as the HTML string it is, whatever Lemma holds it as: each row is a Liquid
/// expression over a body and what `lemma build` prints for it.
/// </summary>
public sealed class PageBodyTemplateTests
{
    private const string Body = "Hello *world* <span class=\"x\">é</span>";

    public static TheoryData<string, string, string> Rows => new()
    {
        // expression, body, printed
        { "{{ page.content | raw }}", Body, "<p>Hello <em>world</em> <span class=\"x\">é</span></p>\n" },
        { "{{ page.content }}", Body, "&lt;p&gt;Hello &lt;em&gt;world&lt;/em&gt; &lt;span class=&quot;x&quot;&gt;&#xE9;&lt;/span&gt;&lt;/p&gt;&#xA;" },
        { "{% if page.content contains 'class=\"x\"' %}yes{% else %}no{% endif %}", Body, "yes" },
        { "{% if page.content contains 'class=\"y\"' %}yes{% else %}no{% endif %}", Body, "no" },
        { "{% if page.content contains 'é' %}yes{% else %}no{% endif %}", Body, "yes" },
        { "{% if page.content != blank %}full{% else %}blank{% endif %}", Body, "full" },
        { "{% if page.content != blank %}full{% else %}blank{% endif %}", "", "blank" },
        { "{% if page.content == empty %}empty{% else %}not{% endif %}", "", "empty" },
        { "{{ page.content | strip_html | strip | size }}", Body, "13" },
        { "{{ page.content | strip_html | truncatewords: 1 }}", Body, "Hello..." },
        { "{{ page.content | upcase | strip_newlines | raw }}", Body, "<P>HELLO <EM>WORLD</EM> <SPAN CLASS=\"X\">É</SPAN></P>" },
        { "{% assign c = page.content %}{{ c | raw | size }}", Body, "53" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Page_content_in_a_layout(string expression, string body, string printed)
    {
        using var site = TempSite.From(
            "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n" +
            $"-- layouts/single.liquid --\n[{expression}]\n" +
            $"-- content/posts/a.md --\n---\ntitle: A\n---\n{body}\n");
        var run = site.Lemma("build");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"[{printed}]\n", site.Read("public/posts/a/index.html"));
    }
}
