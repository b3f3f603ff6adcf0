using Lemma.Bibliography;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Citations;
using Lemma.Markdown.Code;
using Lemma.Math;

namespace Lemma.Tests.Markdown;

/// <summary>
/// Callouts, theorems, figures and details beyond the golden files (golden/callouts, theorems, figures): what is an
/// error or a warning, and where; nesting; references; citations inside the blocks.
/// </summary>
public class ScholarlyBlockTests
{
    private static readonly MarkdownFormat Format = new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, false));

    private static RenderedContent Render(string body, int bodyLine = 1) => Format.Render("content/posts/p.md", body, bodyLine);

    [Fact]
    public void An_unknown_kind_is_a_warning_at_its_fence_and_renders_as_a_div()
    {
        var r = Render("Intro.\n\n:::sidebar\nInside *it*.\n:::\n", bodyLine: 5);
        var warning = Assert.Single(r.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal("content/posts/p.md:7:1", warning.Span.ToString());
        Assert.Contains("':::sidebar'", warning.Message);
        Assert.Contains("<div class=\"sidebar\">\n<p>Inside <em>it</em>.</p>\n</div>", r.Html);
    }

    [Fact]
    public void A_block_indented_in_a_list_item_closes_at_its_indented_fence()
    {
        var r = Render("- First item.\n\n  :::note\n  Inside the note.\n  :::\n\n  After the note.\n- Second item.\n");
        Assert.Empty(r.Diagnostics);
        Assert.Contains("<p>Inside the note.</p>\n</aside>\n<p>After the note.</p>\n</li>", r.Html);

        var ordered = Render("1. First.\n\n   ::::theorem\n   Stated.\n\n   :::proof\n   Shown.\n   :::\n   ::::\n\n   Then this.\n2. Second.\n");
        Assert.Empty(ordered.Diagnostics);
        Assert.DoesNotContain(":::", ordered.Html);
        Assert.Matches(@"Shown\.(.|\n)*</div>\n<p>Then this\.</p>\n</li>", ordered.Html);
        Assert.DoesNotContain(":::", r.Html);
    }

    [Fact]
    public void A_reference_to_no_label_is_an_error_at_the_link()
    {
        var r = Render("Para.\n\nAs [](#thm-missing) shows.\n", bodyLine: 3);
        var error = Assert.Single(r.Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal("content/posts/p.md:5:4", error.Span.ToString());
        Assert.Contains("'thm-missing'", error.Message);
        Assert.Contains("<a href=\"#thm-missing\"></a>", r.Html);
    }

    [Fact]
    public void An_empty_link_to_an_id_the_page_has_is_no_error()
    {
        var r = Render("<div id=\"raw\">x</div>\n\nSee [](#raw).\n");
        Assert.Empty(r.Diagnostics);
        Assert.Contains("<a href=\"#raw\"></a>", r.Html);
    }

    [Fact]
    public void A_label_used_twice_is_an_error_at_the_second_block()
    {
        var r = Render(":::lemma {#key}\nA.\n:::\n\n![Plot](p.png){#key}\n");
        var error = Assert.Single(r.Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal(5, error.Span.Line);
        Assert.Contains("'key' is used twice", error.Message);
    }

    [Fact]
    public void Links_with_text_are_left_alone()
    {
        var r = Render(":::theorem {#thm-a}\nT.\n:::\n\n[the theorem](#thm-a) and [elsewhere](/posts/x/#y).\n");
        Assert.Empty(r.Diagnostics);
        Assert.Contains("<a href=\"#thm-a\">the theorem</a>", r.Html);
    }

    [Fact]
    public void An_empty_link_to_an_equation_shows_its_number_like_eqref()
    {
        var r = Render("$$\nE = mc^2 \\label{energy}\n$$\n\nBy [](#eq-energy) and $\\eqref{energy}$.\n");
        Assert.Empty(r.Diagnostics);
        Assert.Contains("<a href=\"#eq-energy\">(1)</a>", r.Html);
    }

    [Theory]
    [InlineData("::::theorem\nT.\n\n:::proof\nP.\n:::\n::::\n\nAfter.\n")]
    [InlineData(":::::note\n::::details More\n:::tip\nDeep.\n:::\n::::\n:::::\n\nAfter.\n")]
    [InlineData(":::theorem\nT.\n\n:::proof\nP.\n:::\n:::\n\nAfter.\n")]
    [InlineData(":::note\n- a list\n\n:::details More\nDeep.\n:::\n:::\n\nAfter.\n")]
    public void A_block_nests_inside_another_and_a_bare_fence_closes_the_innermost(string body)
    {
        var r = Render(body);
        Assert.Empty(r.Diagnostics);
        Assert.EndsWith("</div>\n<p>After.</p>\n", r.Html.Replace("</aside>", "</div>").Replace("</details>", "</div>"));
        Assert.DoesNotContain(":::", r.Html);
    }

    [Fact]
    public void A_title_is_inline_markdown_and_may_hold_braces_before_its_label()
    {
        var r = Render(":::figure[Exponents of $N_{\\text{opt}}$, *fitted*] {#fig-exp}\n| a | b |\n|---|---|\n| 1 | 2 |\n:::\n\nSee [](#fig-exp).\n");
        Assert.Empty(r.Diagnostics);
        Assert.Contains("<figure class=\"figure figure-block\" id=\"fig-exp\">", r.Html);
        Assert.Matches("<figcaption><span class=\"figure-label\">Figure 1:</span> Exponents of <math>.*</math>, <em>fitted</em></figcaption>", r.Html);
        Assert.Contains("<a href=\"#fig-exp\">Figure 1</a>", r.Html);
        Assert.DoesNotContain("{#fig-exp}", r.Html);
    }

    [Fact]
    public void A_stray_fence_with_no_kind_is_text()
    {
        var r = Render("Before.\n\n:::\n\nAfter.\n");
        Assert.Empty(r.Diagnostics);
        Assert.Contains("<p>:::</p>", r.Html);
    }

    [Fact]
    public void An_alert_of_an_unknown_kind_stays_a_block_quote()
    {
        var r = Render("> [!DANGER]\n> Hot.\n");
        Assert.DoesNotContain("callout", r.Html);
        Assert.Contains("<blockquote>", r.Html);
        Assert.Contains("Hot.", r.Html);
    }

    [Fact]
    public void Figures_and_theorems_have_anchors_and_no_summary_of_their_own()
    {
        var r = Render(":::theorem {#thm-x}\nT.\n:::\n\n![Cap](a.png)\n\nThe first paragraph.\n");
        Assert.Contains("thm-x", r.Anchors);
        Assert.Contains("fig-1", r.Anchors);
        Assert.Equal("<p>The first paragraph.</p>", r.SummaryHtml);
        Assert.Contains(r.Links, l => l.Target == "a.png" && l.IsImage && l.Span.Line == 5);
    }

    [Fact]
    public void Citations_keep_working_inside_blocks_and_beside_references()
    {
        var bib = BibParser.Parse("references.bib", "@article{cauchy1821, author = {Cauchy, Augustin-Louis}, title = {Cours d'analyse}, year = {1821}}");
        var format = new MarkdownFormat(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, false),
            new CitationSettings(new BibLibrary([bib]), CitationStyle.AuthorYear));
        var r = format.Render("content/posts/p.md", ":::theorem[Cauchy–Schwarz] {#thm-cs}\nAs in [@cauchy1821, p. 3].\n:::\n\nBy [](#thm-cs) [@cauchy1821].\n", 1);
        Assert.Empty(r.Diagnostics);
        Assert.Contains("<a href=\"#thm-cs\">Theorem 1</a>", r.Html);
        Assert.Contains("href=\"#ref-cauchy1821\"", r.Html);
        Assert.Contains(">Cauchy, 1821</a>, p. 3)</span>", r.Html);
        Assert.Contains("<section class=\"references\">", r.Html);
    }
}
