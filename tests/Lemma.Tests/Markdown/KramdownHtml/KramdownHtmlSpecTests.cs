using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Markdown.Math;
using Lemma.Math;

namespace Lemma.Tests.Markdown.KramdownHtml;

/// <summary>
/// The spec of HTML in a Jekyll page's Markdown, read as kramdown reads it: each row is Markdown and the HTML it renders
/// to on a kramdown page; Lemma's own pages keep CommonMark's HTML blocks (the last table).
/// </summary>
public class KramdownHtmlSpecTests
{
    private static readonly MarkdownFormat Format = new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(LineNumbers: false, CopyButton: false));

    private static string Render(string body, MathDialect dialect) => Format.Render("_posts/2020-01-01-p.md", body, 1, dialect).Html;

    public static TheoryData<string, string> OnKramdownPages => new()
    {
        // A span element at a line's start opens a paragraph: the Markdown after it is read.
        { "<br/>\nSome *text* here.", "<p><br/>\nSome <em>text</em> here.</p>\n" },
        { "<img src=\"a.png\">\n**Figure 1.** A cat.", "<p><img src=\"a.png\">\n<strong>Figure 1.</strong> A cat.</p>\n" },
        { "<span class=\"x\">a</span> and *b*", "<p><span class=\"x\">a</span> and <em>b</em></p>\n" },
        // markdown="1": the content is Markdown up to the end tag, blank lines or not.
        { "<div class=\"note\" markdown=\"1\">\nA *note*.\n\n- one\n</div>\n\nAfter.", "<div class=\"note\">\n<p>A <em>note</em>.</p>\n<ul>\n<li>one</li>\n</ul>\n</div>\n<p>After.</p>\n" },
        // The same element nested inside does not end it.
        { "<div markdown=\"1\">\n<div>\ninner\n</div>\n*x*\n</div>", "<div>\n<div>\ninner\n</div>\n<p><em>x</em></p>\n</div>\n" },
        // A paragraph-like element's content is a span; markdown="block" and markdown="span" say which.
        { "<p markdown=\"1\">A **b**</p>", "<p>A <strong>b</strong></p>\n" },
        { "<p markdown=\"1\">\nA **b**\n</p>", "<p>A <strong>b</strong></p>\n" },
        { "<div markdown=\"span\">\n*s*\n</div>", "<div><em>s</em></div>\n" },
        { "<details markdown=\"block\">\n<summary>More</summary>\n\nHidden *x*.\n</details>", "<details>\n<summary>More</summary>\n<p>Hidden <em>x</em>.</p>\n</details>\n" },
        // markdown="0", or none: raw HTML, as before.
        { "<div markdown=\"0\">\n*raw*\n</div>", "<div markdown=\"0\">\n*raw*\n</div>\n" },
        { "<div>\n*raw*\n</div>", "<div>\n*raw*\n</div>\n" },
        // A block element is raw up to its end tag, past blank lines (kramdown's rule, not CommonMark's blank line) ...
        { "<div class=\"a\">\nraw\n\n*still raw*\n</div>\n\n*md*", "<div class=\"a\">\nraw\n\n*still raw*\n</div>\n<p><em>md</em></p>\n" },
        { "<table><tr><td>one line</td></tr></table>\n*md*", "<table><tr><td>one line</td></tr></table>\n<p><em>md</em></p>\n" },
        // ... when it has one: without, the blank line ends it, as in CommonMark.
        { "<div>\n*raw*\n\n*md*", "<div>\n*raw*\n<p><em>md</em></p>\n" },
    };

    [Theory]
    [MemberData(nameof(OnKramdownPages))]
    public void Html_in_a_kramdown_page_is_read_as_kramdown_reads_it(string markdown, string html) =>
        Assert.Equal(html, Render(markdown, MathDialect.Jekyll));

    public static TheoryData<string, string> OnLemmaPages => new()
    {
        { "<br/>\nSome *text* here.", "<br/>\nSome *text* here.\n" },
        { "<div markdown=\"1\">\n*x*\n</div>", "<div markdown=\"1\">\n*x*\n</div>\n" },
    };

    [Theory]
    [MemberData(nameof(OnLemmaPages))]
    public void Html_in_other_pages_keeps_commonmarks_html_blocks(string markdown, string html) =>
        Assert.Equal(html, Render(markdown, MathDialect.Lemma));

    [Fact]
    public void Thousands_of_unclosed_elements_are_all_kept()
    {
        // The look-ahead for end tags has a per-page budget, so this input reads in linear time rather than quadratic.
        var body = string.Concat(Enumerable.Repeat("<div class=\"x\">\n" + new string('a', 60) + "\n", 20_000));
        var html = Render(body, MathDialect.Jekyll);
        Assert.Equal(20_000, html.Split("<div class=\"x\">").Length - 1);
    }
}
