using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Math;

namespace Lemma.Tests.Markdown;

/// <summary>
/// Quarto's Markdown, one row per construct: the source, and HTML the page must hold (cross references in Quarto's
/// words, labelled equations, captioned tables, code cells and callouts).
/// </summary>
public sealed class QuartoSpecTests
{
    private static readonly MarkdownFormat Format = new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, false));

    public static TheoryData<string, string> Cases() => new()
    {
        // Equations: a label after the closing $$ numbers the equation; @eq-x names it, [-@eq-x] gives its number.
        { "$$\nE = mc^2\n$$ {#eq-mass}\n\nSee @eq-mass.", "See <a class=\"xref\" href=\"#eq-mass\">Equation 1</a>." },
        { "$$ a = b $$ {#eq-ab}\n\nAs in [-@eq-ab].", "As in <a class=\"xref\" href=\"#eq-ab\">(1)</a>." },
        { "$$ a = b $$ {#eq-ab}", "<div class=\"equation\" id=\"eq-ab\">" },
        { "$$ a = b $$ {#eq-ab}", "<annotation encoding=\"application/x-tex\"> a = b </annotation>" },
        { "$$ a $$ {#eq-a}\n\n$$ b $$\n\n$$ c $$ {#eq-c}\n\n@eq-c", "<a class=\"xref\" href=\"#eq-c\">Equation 2</a>" },
        { "$$ a $$ {#eq-a}\n\nSee \\eqref{a}.", "(1)" },
        // Figures, sections and tables.
        { "![A cat](cat.png){#fig-cat}\n\n@fig-cat shows it.", "<a class=\"xref\" href=\"#fig-cat\">Figure 1</a> shows it." },
        { "@Fig-cat shows it.\n\n![A cat](cat.png){#fig-cat}", "<a class=\"xref\" href=\"#fig-cat\">Figure 1</a> shows it." },
        { "## One\n\n## Two {#sec-two}\n\n### Deeper {#sec-deep}\n\nIn @sec-two and @sec-deep.", "In <a class=\"xref\" href=\"#sec-two\">Section 2</a> and <a class=\"xref\" href=\"#sec-deep\">Section 2.1</a>." },
        { "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Numbers {#tbl-nums}\n\nSee @tbl-nums.", "See <a class=\"xref\" href=\"#tbl-nums\">Table 1</a>." },
        { "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Numbers {#tbl-nums}", "<figure class=\"table\" id=\"tbl-nums\">\n<figcaption><span class=\"figure-label\">Table 1:</span> Numbers</figcaption>\n<table>" },
        { "| a | b |\n|---|---|\n| 1 | 2 |\n: Plain caption", "<figcaption>Plain caption</figcaption>" },
        { "![A](a.png){#fig-a}\n\n![B](b.png){#fig-b}\n\n[see @fig-a; @fig-b]", "see <a class=\"xref\" href=\"#fig-a\">Figure 1</a>, <a class=\"xref\" href=\"#fig-b\">Figure 2</a>" },
        // What is not a cross reference stays text: e-mail addresses, handles, other prefixes, definition lists.
        { "Write to me@example.org or @someone.", "Write to me@example.org or @someone." },
        { "A @figure-like word and @eq alone.", "A @figure-like word and @eq alone." },
        { "Term\n: Definition", "<dt>Term</dt>\n<dd>Definition</dd>" },
        // An unknown label is shown as written, marked.
        { "See @fig-none.", "See <span class=\"xref-unknown\" title=\"no such label on this page\">@fig-none</span>." },
        // Code cells: shown, not run; their options are not code; echo: false hides the cell.
        { "```{python}\n#| label: setup\n#| echo: true\nimport numpy\n```", "<pre data-lang=\"python\"><code><span class=\"line\">import numpy</span></code></pre>" },
        { "```{r}\n#| echo: false\nplot(x)\n```\n\nafter", "<p>after</p>" },
        { "```{.python}\n#| not a cell option\nx = 1\n```", "#| not a cell option" },
        { "```{python}\n#| code-fold: true\n#| code-summary: \"Show the code\"\nx = 1\n```", "<details class=\"code-fold\"><summary>Show the code</summary><figure class=\"code\">" },
        { "```{python}\n#| code-fold: show\nx = 1\n```", "<details class=\"code-fold\" open><summary>Code</summary>" },
        // Links to .qmd sources lead to the pages Quarto made of them.
        { "[About](../about.qmd) and [team](people/index.qmd#team)", "<a href=\"../about.html\">About</a> and <a href=\"people/index.html#team\">team</a>" },
        { "[Site](https://example.org/x.qmd)", "<a href=\"https://example.org/x.qmd\">Site</a>" },
        // Callouts, with and without braces.
        { "::: callout-warning\nCareful.\n:::", "callout callout-warning" },
        { "::: {.callout-tip title=\"Hint\"}\nTry.\n:::", "callout callout-tip" },
        { "::: {.callout-caution}\n## Mind the *gap*\nTry.\n:::", "<p class=\"callout-title\">Mind the <em>gap</em></p>\n<p>Try.</p>" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quarto_markdown_renders_as_quarto_shows_it(string markdown, string expected)
    {
        var rendered = Format.Render("posts/p/index.qmd", markdown, 1);
        Assert.Contains(expected, rendered.Html);
    }

    [Fact]
    public void Hidden_cells_leave_no_code_on_the_page()
    {
        var html = Format.Render("p.qmd", "```{r}\n#| echo: false\nplot(x)\n```", 1).Html;
        Assert.DoesNotContain("plot", html);
    }

    [Fact]
    public void An_unknown_cross_reference_is_a_warning_at_its_position()
    {
        var rendered = Format.Render("posts/p/index.qmd", "First line.\n\nThen @tbl-gone here.", 5);
        var warning = Assert.Single(rendered.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal("posts/p/index.qmd:7:6: warning: reference: no table is labelled 'tbl-gone'; '@tbl-gone' is shown as written", warning.ToString());
    }
}
