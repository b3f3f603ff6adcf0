namespace Lemma.Cli.Tests;

/// <summary>`lemma build` on posts with callouts, theorems and figures, and on a notebook whose cells refer to each other.</summary>
public class ScholarlyBuildTests
{
    private const string Config = """
        -- site.yaml --
        title: Test Site
        base_url: https://example.org/

        """;

    private const string Post = """
        -- content/posts/bounds.md --
        ---
        title: Bounds
        date: 2024-05-01
        ---

        :::note[Notation]
        $\|x\|$ is the Euclidean norm.
        :::

        ::::theorem[Cauchy–Schwarz] {#thm-cs}
        $|\langle u, v\rangle| \le \|u\|\,\|v\|$.

        :::proof
        Expand $\|u - tv\|^2 \ge 0$.
        :::
        ::::

        By [](#thm-cs), see [](#fig-curve).

        ![The loss curve](curve.png){#fig-curve width=320 height=200}

        -- content/posts/plain.md --
        ---
        title: Plain
        date: 2024-05-02
        ---

        Nothing scholarly here.

        """;

    private static string Cell(string type, params string[] lines) =>
        "  { \"cell_type\": \"" + type + "\", \"metadata\": {}," + (type == "code" ? " \"execution_count\": null, \"outputs\": []," : "") +
        " \"source\": " + System.Text.Json.JsonSerializer.Serialize(string.Join("\n", lines)) + " }";

    private static readonly string Notebook = "-- content/posts/derivation.ipynb --\n{\n \"cells\": [\n" + string.Join(",\n",
        Cell("raw", "---", "title: A derivation", "date: 2024-05-03", "---"),
        Cell("markdown", "The loss $\\eqref{loss}$ is minimised in $\\eqref{grad}$; its curve is [](#fig-nb).", "", "$$", "L(w) = \\tfrac12 \\|Xw - y\\|^2 \\label{loss}", "$$"),
        Cell("code", "import numpy as np"),
        Cell("markdown", "Setting the gradient to zero:", "", "$$", "X^\\top (Xw - y) = 0 \\label{grad}", "$$", "", "![Loss against steps](steps.png){#fig-nb}"),
        Cell("markdown", "Back in [](#eq-loss) and [](#fig-nb).")) +
        "\n ],\n \"metadata\": { \"kernelspec\": { \"language\": \"python\", \"name\": \"python3\" } },\n \"nbformat\": 4, \"nbformat_minor\": 5\n}\n";

    [Fact]
    public void Blocks_are_numbered_referenced_and_styled_only_where_used()
    {
        using var site = TempSite.From(Config + Post);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/bounds/index.html");
        Assert.Contains("<aside class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Notation</p>", html);
        Assert.Contains("<div class=\"theorem theorem-theorem\" id=\"thm-cs\">", html);
        Assert.Contains("<strong>Theorem 1 (Cauchy–Schwarz).</strong>", html);
        Assert.Contains("<p class=\"qed\">∎</p>", html);
        Assert.Contains("By <a href=\"#thm-cs\">Theorem 1</a>, see <a href=\"#fig-curve\">Figure 1</a>.", html);
        Assert.Contains("<img src=\"curve.png\" alt=\"The loss curve\" width=\"320\" height=\"200\"", html);
        Assert.Matches("<link rel=\"stylesheet\" href=\"[^\"]*scholarly\\.css[^\"]*\">", html);
        Assert.DoesNotContain("scholarly.css", site.Read("public/posts/plain/index.html"));
    }

    [Fact]
    public void A_notebook_numbers_equations_and_figures_across_cells_and_resolves_references_between_them()
    {
        using var site = TempSite.From(Config + Notebook);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/derivation/index.html");
        Assert.Contains("href=\"#eq-loss\">(1)</a>", html);
        Assert.Contains("href=\"#eq-grad\">(2)</a>", html);
        Assert.Contains("its curve is <a href=\"#fig-nb\">Figure 1</a>.", html);
        Assert.Contains("Back in <a href=\"#eq-loss\">(1)</a> and <a href=\"#fig-nb\">Figure 1</a>.", html);
        Assert.Contains("<figure class=\"figure\" id=\"fig-nb\">", html);
        Assert.Contains("id=\"eq-grad\"", html);
        // Image figures need only site.css: a page with no other block does not load scholarly.css.
        Assert.DoesNotContain("scholarly.css", html);
    }

    [Fact]
    public void An_unknown_reference_fails_the_build_and_an_unknown_kind_warns_with_their_positions()
    {
        using var site = TempSite.From(Config + "-- content/posts/p.md --\n---\ntitle: P\ndate: 2024-01-01\n---\n\n:::aside\nText.\n:::\n\nSee [](#thm-nowhere).\n");
        var run = site.Lemma("build");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/p.md:6:1: warning: markdown: unknown block ':::aside'", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/p.md:10:5: error: reference: no theorem, figure, equation or heading has the id 'thm-nowhere'", StringComparison.Ordinal));
    }
}
