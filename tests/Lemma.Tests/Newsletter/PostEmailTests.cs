using System.Text;
using AngleSharp.Html.Parser;
using Lemma.Newsletter;

namespace Lemma.Tests.Newsletter;

/// <summary>A post as an email: what mail clients keep (inline styles, absolute URLs), a text part a person reads, math
/// as its TeX in both, a subject no title can break, and a size Gmail does not clip.</summary>
public sealed class PostEmailTests : IDisposable
{
    private const string Post = """
        ---
        title: Softmax in one pass
        date: 2025-10-01
        ---

        Softmax is an exponential and a [division](/posts/division/), as [below](#fusing) and in [the paper](https://arxiv.org/abs/1805.02867).

        ![A plot of the loss](plot.png)

        Euler says $e^{i\pi}+1=0$, and the sum is

        $$
        d_n = \sum_{i \le n} e^{x_i - m_n}
        $$

        ## Fusing

        ```python
        def online_softmax(xs):
            return [x for x in xs]
        ```

        A closing paragraph with `inline code`.
        """;

    private readonly EmailSite site = new EmailSite().Write("content/posts/softmax/index.md", Post).Write("content/posts/softmax/plot.png", "png");

    public void Dispose() => site.Dispose();

    private PostEmail Email => site.Email("content/posts/softmax/index.md");

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public void Every_element_carries_its_own_style_and_nothing_relies_on_a_class_an_id_a_stylesheet_or_a_script()
    {
        var document = Parse(Email.Html);
        Assert.Empty(document.QuerySelectorAll("style, script, link, math, svg, button"));
        Assert.Empty(document.QuerySelectorAll("[class], [id]"));
        Assert.All(document.Body!.QuerySelectorAll("p, h1, h2, pre, a, img, table"), e => Assert.False(string.IsNullOrEmpty(e.GetAttribute("style")), e.OuterHtml));
    }

    [Fact]
    public void Links_and_images_are_absolute_against_the_base_url()
    {
        var document = Parse(Email.Html);
        var urls = document.QuerySelectorAll("[href]").Select(e => e.GetAttribute("href")!)
            .Concat(document.QuerySelectorAll("[src]").Select(e => e.GetAttribute("src")!)).ToList();
        Assert.All(urls, url => Assert.Matches("^https://", url));
        Assert.Contains("https://example.org/posts/division/", urls);
        Assert.Contains("https://example.org/blog/posts/softmax/#fusing", urls);
        Assert.Contains("https://example.org/blog/posts/softmax/plot.png", urls);
        Assert.Contains("https://arxiv.org/abs/1805.02867", urls);
    }

    [Fact]
    public void The_email_links_the_post_on_the_web_and_leaves_one_slot_in_each_part_for_the_subscriber_s_unsubscribe_link()
    {
        var email = Email;
        Assert.Equal("https://example.org/blog/posts/softmax/", email.WebUrl);
        Assert.Contains("href=\"https://example.org/blog/posts/softmax/\"", email.Html);
        Assert.Contains("Read this post on the web: https://example.org/blog/posts/softmax/", email.Text);
        Assert.Single(Parse(email.Html).QuerySelectorAll($"a[href='{PostEmail.UnsubscribeSlot}']"));
        Assert.Equal(1, Count(email.Html, PostEmail.UnsubscribeSlot));
        Assert.Equal(1, Count(email.Text, PostEmail.UnsubscribeSlot));
    }

    [Fact]
    public void Code_keeps_the_theme_s_colours_on_its_spans_and_its_lines_in_the_text_part()
    {
        var email = Email;
        var pre = Parse(email.Html).QuerySelector("pre")!;
        var keyword = pre.QuerySelectorAll("span").First(s => s.TextContent == "def");
        Assert.Equal("color:#b8212b", keyword.GetAttribute("style")); // --code-keyword of theme/assets/css/highlight.css
        Assert.Equal("def online_softmax(xs):\n    return [x for x in xs]", pre.TextContent.TrimEnd('\n'));
        Assert.Contains("    def online_softmax(xs):\n        return [x for x in xs]\n", email.Text);
    }

    [Fact]
    public void Each_formula_is_its_TeX_between_dollars_in_both_parts_and_never_text_and_TeX_run_together()
    {
        var email = Email;
        var text = Parse(email.Html).Body!.TextContent;
        Assert.Contains("$e^{i\\pi}+1=0$", text);
        Assert.Contains("$$d_n = \\sum_{i \\le n} e^{x_i - m_n}$$", text);
        Assert.DoesNotContain("eiπ", text);
        Assert.Contains("Euler says $e^{i\\pi}+1=0$, and the sum is", email.Text);
        Assert.Contains("\n$$d_n = \\sum_{i \\le n} e^{x_i - m_n}$$\n", email.Text);
        Assert.DoesNotContain("eiπ", email.Text);
    }

    [Fact]
    public void The_text_part_reads_as_text_with_links_as_text_and_url()
    {
        var text = Email.Text;
        Assert.StartsWith("Loss Landscapes\n\nSoftmax in one pass\n===================\nOctober 1, 2025\n", text);
        var flat = text.Replace('\n', ' ');
        Assert.Contains("division (https://example.org/posts/division/)", flat);
        Assert.Contains("the paper (https://arxiv.org/abs/1805.02867)", flat);
        Assert.Contains("[A plot of the loss] (https://example.org/blog/posts/softmax/plot.png)", flat);
        Assert.Contains("## Fusing", text);
        Assert.Contains("A closing paragraph with inline code.", text);
        Assert.DoesNotContain("<p", text);
        Assert.DoesNotContain("style=", text);
        Assert.All(text.Split('\n').Where(l => !l.StartsWith("    ") && !l.Contains("http")), l => Assert.True(l.Length <= 76, l));
    }

    [Theory]
    [InlineData("\"Hello\\r\\nBcc: victim@example.com\"", "Hello Bcc: victim@example.com")]
    [InlineData("\"Line\\nX-Injected: 1\"", "Line X-Injected: 1")]
    [InlineData("\"Tab\\tand\\u2028separator\"", "Tab and separator")]
    public void No_line_break_in_a_title_reaches_the_subject(string yamlTitle, string subject)
    {
        site.Write("content/posts/evil.md", $"---\ntitle: {yamlTitle}\ndate: 2025-01-01\n---\n\nBody.\n");
        var email = site.Email("content/posts/evil.md");
        Assert.Equal(subject, email.Subject);
        Assert.DoesNotContain('\r', email.Subject);
        Assert.DoesNotContain('\n', email.Subject);
    }

    [Fact]
    public void A_post_longer_than_Gmail_shows_whole_is_cut_between_two_blocks_with_a_link_to_the_rest()
    {
        var paragraphs = Enumerable.Range(1, 1500).Select(i => $"Paragraph {i} says something long enough to weigh a little in the email.");
        site.Write("content/posts/long.md", "---\ntitle: Long\ndate: 2025-01-01\n---\n\n" + string.Join("\n\n", paragraphs) + "\n");
        var email = site.Email("/blog/posts/long/");

        Assert.True(email.Cut);
        Assert.InRange(Encoding.UTF8.GetByteCount(email.Html), 90_000, PostEmail.MaxHtmlBytes);
        var kept = Parse(email.Html).QuerySelectorAll("p").Select(p => p.TextContent).Where(t => t.StartsWith("Paragraph ")).ToList();
        Assert.Equal(Enumerable.Range(1, kept.Count).Select(i => $"Paragraph {i} says something long enough to weigh a little in the email."), kept);
        Assert.Contains("Read the rest on the web", email.Html);
        Assert.Contains($"Paragraph {kept.Count} says", email.Text);
        Assert.DoesNotContain($"Paragraph {kept.Count + 1} says", email.Text);
        Assert.Contains("Read the rest on the web: https://example.org/blog/posts/long/", email.Text);
        Assert.Contains(PostEmail.UnsubscribeSlot, email.Html);
    }

    [Fact]
    public void A_post_is_found_by_its_source_path_its_url_path_or_its_url_and_nothing_else_has_an_email()
    {
        Assert.Equal("Softmax in one pass", site.Email("/blog/posts/softmax/").Subject);
        Assert.Equal("Softmax in one pass", site.Email("https://example.org/blog/posts/softmax/").Subject);
        Assert.Null(site.Ask("/blog/posts/none/").Post);
        Assert.Null(site.Ask("../../etc/passwd").Post);
    }

    [Fact]
    public void A_post_that_does_not_load_has_no_email_and_says_where_it_is_wrong()
    {
        site.Write("content/posts/broken.md", "---\ntitle: [broken\n---\n\nBody.\n");
        var result = site.Ask("content/posts/broken.md");
        Assert.Null(result.Email);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.ToString().StartsWith("content/posts/broken.md:2:", StringComparison.Ordinal));
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
