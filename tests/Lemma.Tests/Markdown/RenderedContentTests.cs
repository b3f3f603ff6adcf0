using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Math;

namespace Lemma.Tests.Markdown;

/// <summary>What the Markdown format reports besides HTML: summary, TOC, words, links with file positions, anchors.</summary>
public class RenderedContentTests
{
    private static readonly MarkdownFormat Format = new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, true));

    private static RenderedContent Render(string body, int bodyLine = 1) => Format.Render("content/posts/p.md", body, bodyLine);

    [Fact]
    public void The_summary_is_everything_before_the_more_marker()
    {
        var r = Render("First paragraph.\n\nSecond.\n\n<!--more-->\n\nAfter.\n");
        Assert.Equal("<p>First paragraph.</p>\n<p>Second.</p>", r.SummaryHtml);
    }

    [Fact]
    public void Without_a_marker_the_summary_is_the_first_top_level_paragraph()
    {
        var r = Render("## Heading\n\n> quoted paragraph\n\nThe *real* first paragraph.\n\nSecond.\n");
        Assert.Equal("<p>The <em>real</em> first paragraph.</p>", r.SummaryHtml);
    }

    [Fact]
    public void A_body_without_paragraphs_has_no_summary() => Assert.Null(Render("## Only a heading\n").SummaryHtml);

    [Fact]
    public void The_toc_holds_levels_two_to_four_with_their_ids_and_plain_text()
    {
        var r = Render("# Top\n\n## Why `attention`?\n\n### Details {#det}\n\n##### Too deep\n");
        Assert.Equal([new TocEntry(2, "why-attention", "Why attention?"), new TocEntry(3, "det", "Details")], r.Toc.ToArray());
    }

    [Theory]
    [InlineData("one two three", 3)]
    [InlineData("one `two three` four", 4)]
    [InlineData("Two words.\n\n```text\na = b + c\n```\n", 7)]
    [InlineData("mass $E = mc^2$ energy", 3)]
    public void Words_count_prose_code_tokens_and_one_per_formula(string body, int words) => Assert.Equal(words, Render(body).WordCount);

    [Fact]
    public void Links_and_images_carry_their_position_in_the_file()
    {
        var r = Render("Intro.\n\nSee [this](/posts/x/) and ![fig](a.png).\n", bodyLine: 5);
        Assert.Collection(r.Links,
            l => { Assert.Equal("/posts/x/", l.Target); Assert.False(l.IsImage); Assert.Equal(new Lemma.Diagnostics.SourceSpan("content/posts/p.md", 7, 5), l.Span); },
            l => { Assert.Equal("a.png", l.Target); Assert.True(l.IsImage); Assert.Equal(7, l.Span.Line); Assert.Equal(27, l.Span.Column); });
    }

    [Fact]
    public void Anchors_include_headings_footnotes_and_raw_html_ids()
    {
        var r = Render("## Part one\n\nText.[^n]\n\n<div id=\"raw\">x</div>\n\n[^n]: Note.\n");
        Assert.Contains("part-one", r.Anchors);
        Assert.Contains("fn:1", r.Anchors);
        Assert.Contains("fnref:1", r.Anchors);
        Assert.Contains("raw", r.Anchors);
    }

    [Fact]
    public void Code_and_math_are_flagged_for_the_templates()
    {
        Assert.True(Render("```text\nx\n```\n").HasCode);
        Assert.False(Render("plain").HasCode);
        Assert.True(Render("$x$").HasMath);
        Assert.False(Render("costs $5 and $6").HasMath || Render("plain").HasMath);
    }

    [Fact]
    public void An_unknown_language_is_noted_with_its_position_and_shown_escaped()
    {
        var r = Render("Text.\n\n```klingon\nqapla' <b>\n```\n", bodyLine: 4);
        var use = Assert.Single(r.UnknownLanguages);
        Assert.Equal("klingon", use.Language);
        Assert.Equal(6, use.Span.Line);
        Assert.Contains("qapla&#39; &lt;b&gt;", r.Html);
    }
}
