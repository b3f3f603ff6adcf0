using static Lemma.Tests.Notebooks.NotebookReaderTests;

namespace Lemma.Tests.Notebooks;

/// <summary>
/// A notebook is one page: equations, theorems and figures are numbered across its Markdown cells, and a reference
/// in one cell finds its target in another, before or after it.
/// </summary>
public class NotebookNumberingTests
{
    private const string Python = """{ "kernelspec": { "language": "python" } }""";

    private static readonly string CrossCell = Notebook(Python,
        Cell("markdown", "Forward: [](#fig-plot), [](#thm-main) and $\\eqref{second}$.", "", "$$", "a = b \\label{first}", "$$"),
        Cell("code", "x = 1"),
        Cell("markdown", ":::theorem[Main] {#thm-main}", "It holds.", ":::", "", "$$", "c = d \\label{second}", "$$"),
        Cell("markdown", "![A plot of the loss](plot.png){#fig-plot}", "", "Back: $\\eqref{first}$, [](#eq-second) and [](#thm-main)."),
        Cell("markdown", ":::lemma", "Numbered after the theorem of another cell.", ":::", "", "![Second plot](b.png)"));

    [Fact]
    public void Numbers_run_on_from_cell_to_cell()
    {
        var r = NotebookFixtures.Render(CrossCell);
        Assert.Empty(r.Diagnostics);
        Assert.Contains("id=\"eq-first\"", r.Html);
        Assert.Contains("id=\"eq-second\"", r.Html);
        Assert.Contains("<strong>Theorem 1 (Main).</strong>", r.Html);
        Assert.Contains("<strong>Lemma 2.</strong>", r.Html);
        Assert.Contains("<figure class=\"figure\" id=\"fig-plot\">", r.Html);
        Assert.Contains("<span class=\"figure-label\">Figure 1:</span> A plot of the loss", r.Html);
        Assert.Contains("<figure class=\"figure\" id=\"fig-2\">", r.Html);
    }

    [Fact]
    public void Footnotes_are_numbered_across_cells_and_each_id_is_defined_once()
    {
        var html = NotebookFixtures.Render(Notebook(Python,
            Cell("markdown", "One[^a] and two[^b].", "", "[^a]: First.", "[^b]: Second."),
            Cell("markdown", "Three[^a] and three again[^a].", "", "[^a]: Third, with [a link](https://example.org)."))).Html;
        foreach (var id in new[] { "fn:1", "fn:2", "fn:3", "fnref:1", "fnref:2", "fnref:3", "fnref:4" })
            Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html, $"id=\"{id}\""));
        Assert.Contains("href=\"#fn:3\" class=\"footnote-ref\"><sup>3</sup>", html);
        Assert.DoesNotContain("id=\"fnref:5\"", html);
    }

    [Fact]
    public void References_resolve_across_cells_forward_and_back()
    {
        var html = NotebookFixtures.Render(CrossCell).Html;
        Assert.Contains("<a href=\"#fig-plot\">Figure 1</a>", html);
        Assert.Contains("<a href=\"#thm-main\">Theorem 1</a>", html);
        Assert.Contains("href=\"#eq-second\">(2)</a>", html);
        Assert.Contains("href=\"#eq-first\">(1)</a>", html);
        Assert.Contains("<a href=\"#eq-second\">(2)</a>", html);
        Assert.DoesNotContain('\uE000', html);
        Assert.DoesNotContain("??", html);
    }

    [Fact]
    public void An_unknown_reference_in_a_cell_is_reported_at_its_line_in_the_notebook()
    {
        var json = Notebook(Python, Cell("markdown", "Intro."), Cell("markdown", "First line.", "See [](#fig-nowhere) and $\\eqref{nothing}$."));
        var r = NotebookFixtures.Render(json);
        var line = json.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("fig-nowhere")).i + 1;
        Assert.Collection(r.Diagnostics.OrderBy(d => d.Message, StringComparer.Ordinal),
            // An equation reference a reader can live with (shown as written) is a warning.
            d => { Assert.False(d.IsError); Assert.Contains("'nothing'", d.Message); Assert.Equal(line, d.Span.Line); },
            d => { Assert.True(d.IsError); Assert.Contains("'fig-nowhere'", d.Message); Assert.Equal(line, d.Span.Line); });
    }

    [Fact]
    public void Citations_in_several_cells_make_one_reference_list_numbered_across_cells()
    {
        var bib = """
            @article{first2020, author = {Ada Lovelace}, title = {Notes}, journal = {J}, year = {2020}}
            @article{second2021, author = {Alan Turing}, title = {Machines}, journal = {J}, year = {2021}}
            """;
        var library = new Lemma.Bibliography.BibLibrary([Lemma.Bibliography.BibParser.Parse("references.bib", bib)]);
        var math = new Lemma.Math.MathRenderer();
        var highlighter = new Lemma.Highlight.PlainHighlighter();
        var code = new Lemma.Markdown.Code.CodeSettings(LineNumbers: false, CopyButton: false);
        var markdown = new Lemma.Markdown.MarkdownFormat(math, highlighter, code,
            new Lemma.Markdown.Citations.CitationSettings(library, Lemma.Markdown.Citations.CitationStyle.Numeric));
        var format = new Lemma.Notebooks.NotebookFormat(markdown, highlighter, math, code, new Lemma.Notebooks.NotebookSettings(false));
        var json = Notebook(Python, Cell("markdown", "As [@second2021] showed."), Cell("code", "x = 1"), Cell("markdown", "Earlier, [@first2020] and again [@second2021]."));

        var r = format.Render(NotebookFixtures.Page(json));

        Assert.Empty(r.Diagnostics);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(r.Html, "id=\"references\""));
        Assert.True(r.Html.IndexOf("id=\"ref-second2021\"", StringComparison.Ordinal) < r.Html.IndexOf("id=\"ref-first2020\"", StringComparison.Ordinal),
            "numeric references follow the order of first citation, across cells");
        Assert.Contains("ref-first2020", r.Anchors);
        Assert.Single(r.Toc, t => t.Id == "references");
    }
}
