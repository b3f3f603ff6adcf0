using Lemma.Highlight;
using Lemma.Notebooks;
using static Lemma.Tests.Notebooks.NotebookReaderTests;

namespace Lemma.Tests.Notebooks;

/// <summary>What a notebook page shows: cells, prompts, outputs, tags, images as files, scripts only when trusted.</summary>
public class NotebookFormatTests
{
    private const string Python = """{ "kernelspec": { "language": "python" } }""";

    /// <summary>A code cell with an execution count, tags and outputs (JSON objects).</summary>
    private static string Code(string source, int? count = 1, string[]? tags = null, params string[] outputs) =>
        "  {\n   \"cell_type\": \"code\",\n   \"execution_count\": " + (count?.ToString() ?? "null") +
        ",\n   \"metadata\": { \"tags\": [" + string.Join(", ", (tags ?? []).Select(t => "\"" + t + "\"")) + "] },\n   \"outputs\": [" +
        string.Join(",", outputs) + "],\n   \"source\": " + System.Text.Json.JsonSerializer.Serialize(source) + "\n  }";

    private static string Stream(string name, string text) =>
        "{ \"output_type\": \"stream\", \"name\": \"" + name + "\", \"text\": " + System.Text.Json.JsonSerializer.Serialize(text) + " }";

    private static string Data(string type, string mime, string value, int? count = null, string metadata = "{}") =>
        "{ \"output_type\": \"" + type + "\"," + (count is { } c ? " \"execution_count\": " + c + "," : "") +
        " \"data\": { " + System.Text.Json.JsonSerializer.Serialize(mime) + ": " + System.Text.Json.JsonSerializer.Serialize(value) + " }, \"metadata\": " + metadata + " }";

    private static readonly string Png = Convert.ToBase64String([0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);

    [Fact]
    public void A_code_cell_shows_its_prompt_highlighted_source_and_outputs()
    {
        var html = NotebookFixtures.Render(Notebook(Python, Code("print(1)", 3, null, Stream("stdout", "1\n"), Stream("stderr", "careful <b>\n")))).Html;
        Assert.Contains("<div class=\"nb-cell nb-code\" id=\"cell-1\">", html);
        Assert.Contains("<span class=\"nb-prompt\">In [3]:</span>", html);
        Assert.Contains("<pre data-lang=\"python\"><code><span class=\"line\">print(1)</span></code></pre>", html);
        Assert.Contains("<pre class=\"nb-stdout\">1\n</pre>", html);
        Assert.Contains("<pre class=\"nb-stderr\">careful &lt;b&gt;\n</pre>", html);
    }

    [Fact]
    public void Carriage_returns_in_streams_keep_what_a_terminal_shows()
    {
        var html = NotebookFixtures.Render(Notebook(Python, Code("train()", 1, null, Stream("stderr", " 10%|#    |\r 50%|#####|\r100%|#####|\nepoch 1\r\ndone\n")))).Html;
        Assert.Contains("<pre class=\"nb-stderr\">100%|#####|\nepoch 1\ndone\n</pre>", html);
    }

    [Fact]
    public void Code_is_highlighted_in_the_kernel_language()
    {
        var format = NotebookFixtures.Format(highlighter: new Highlighter());
        var html = format.Render(NotebookFixtures.Page(Notebook(Python, Code("def f(x):\n    return x")))).Html;
        Assert.Matches("<span class=\"hl-keyword[^\"]*\">def</span>", html);
        var julia = format.Render(NotebookFixtures.Page(Notebook("""{ "language_info": { "name": "julia" } }""", Code("function f(x) end")))).Html;
        Assert.Contains("data-lang=\"julia\"", julia);
    }

    [Fact]
    public void Execute_results_have_an_out_prompt_and_display_data_has_none()
    {
        var html = NotebookFixtures.Render(Notebook(Python, Code("x", 7, null,
            Data("display_data", "text/plain", "shown"), Data("execute_result", "text/plain", "42", 7)))).Html;
        Assert.Contains("<div class=\"nb-result\"><pre class=\"nb-text\">shown</pre></div>", html);
        Assert.Contains("<div class=\"nb-result\"><span class=\"nb-prompt\">Out [7]:</span><pre class=\"nb-text\">42</pre></div>", html);
    }

    [Fact]
    public void Images_are_files_beside_the_page_named_after_the_slug_cell_and_output_and_svg_stays_a_data_uri()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        var rendered = NotebookFixtures.Render(Notebook(Python,
            Code("a", 1), Code("plot()", 2, null, Stream("stdout", "x"), Data("display_data", "image/png", Png, metadata: """{ "image/png": { "width": 300 } }"""),
                Data("display_data", "image/svg+xml", svg), Data("display_data", "image/jpeg", Png))), "content/posts/my-plot.ipynb");
        Assert.Equal(["my-plot-cell2-2.png", "my-plot-cell2-4.jpg"], rendered.Resources.Select(r => r.Name));
        Assert.Equal(Convert.FromBase64String(Png), rendered.Resources[0].Bytes);
        Assert.Contains("<img class=\"nb-image\" src=\"my-plot-cell2-2.png\" alt=\"Output 2 of cell 2\" width=\"300\" loading=\"lazy\">", rendered.Html);
        // An .svg file in the site could be opened on its own, and run its scripts there; an image never runs them.
        Assert.Contains($"<img class=\"nb-image\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg))}\" alt=\"Output 3 of cell 2\" loading=\"lazy\">", rendered.Html);
        Assert.DoesNotContain("<svg", rendered.Html);
        Assert.Equal(["my-plot-cell2-2.png", "my-plot-cell2-4.jpg"], rendered.Links.Where(l => l.IsImage).Select(l => l.Target));
    }

    [Theory]
    [InlineData("remove-cell", false, false, false)]
    [InlineData("remove-input", false, true, false)]
    [InlineData("remove-output", true, false, false)]
    [InlineData("hide-input", true, true, true)]
    [InlineData("hide-output", true, true, true)]
    [InlineData("hide-cell", true, true, true)]
    public void Tags_remove_or_fold_parts_of_a_cell_as_Jupyter_Book_does(string tag, bool input, bool output, bool folded)
    {
        var html = NotebookFixtures.Render(Notebook(Python, Code("source_text", 1, [tag], Stream("stdout", "output_text")))).Html;
        Assert.Equal(input, html.Contains("source_text"));
        Assert.Equal(output, html.Contains("output_text"));
        Assert.Equal(folded, html.Contains("<details"));
        if (tag == "hide-input") Assert.Matches("<details class=\"nb-input nb-hidden\"><summary>Show code</summary>\n<div class=\"nb-input\">.*source_text", html);
        if (tag == "hide-output") Assert.Matches("(?s)<details class=\"nb-output nb-hidden\"><summary>Show output</summary>\n<div class=\"nb-output\">.*output_text.*</details>", html);
    }

    [Fact]
    public void Html_outputs_lose_scripts_unless_the_site_trusts_notebooks()
    {
        const string table = "<table onclick=\"steal()\"><tr><td><a href=\"javascript:go()\">x</a></td></tr></table><script>alert(1)</script><SCRIPT src=a.js></SCRIPT>";
        var json = Notebook(Python, Code("df", 1, null, Data("execute_result", "text/html", table, 1)));
        var untrusted = NotebookFixtures.Render(json).Html;
        Assert.Contains("<div class=\"nb-html\"><table><tbody><tr><td><a>x</a></td></tr></tbody></table></div>", untrusted);
        Assert.DoesNotContain("script", untrusted, StringComparison.OrdinalIgnoreCase);
        var trusted = NotebookFixtures.Render(json, trusted: true).Html;
        Assert.Contains(table, trusted);
    }

    [Fact]
    public void The_site_config_trusts_notebooks_with_notebooks_trusted()
    {
        Assert.True(NotebookSettings.From(new Dictionary<string, object?> { ["notebooks"] = new Dictionary<string, object?> { ["trusted"] = true } }).Trusted);
        Assert.False(NotebookSettings.From(new Dictionary<string, object?> { ["notebooks"] = new Dictionary<string, object?> { ["trusted"] = false } }).Trusted);
        Assert.False(NotebookSettings.From(new Dictionary<string, object?>()).Trusted);
    }

    [Fact]
    public void Latex_and_markdown_outputs_go_through_the_math_and_markdown_pipeline()
    {
        var rendered = NotebookFixtures.Render(Notebook(Python, Code("x", 1, null,
            Data("display_data", "text/latex", "$$\\frac{a}{b}$$"), Data("display_data", "text/markdown", "Some *emphasis*"))));
        Assert.Contains("<div class=\"math-display\"><math display=\"block\"", rendered.Html);
        Assert.Contains("<mfrac>", rendered.Html);
        Assert.Contains("<p>Some <em>emphasis</em></p>", rendered.Html);
        Assert.True(rendered.HasMath);
    }

    [Fact]
    public void Latex_that_does_not_convert_falls_back_to_the_next_output_format()
    {
        var json = Notebook(Python, Code("x", 1, null,
            "{ \"output_type\": \"display_data\", \"metadata\": {}, \"data\": { \"text/latex\": \"$\\\\undefinedmacro{x}$\", \"text/plain\": \"plain x\" } }"));
        var rendered = NotebookFixtures.Render(json);
        Assert.Contains("<pre class=\"nb-text\">plain x</pre>", rendered.Html);
        Assert.Empty(rendered.Diagnostics);
    }

    [Fact]
    public void Error_outputs_turn_ansi_colours_into_spans()
    {
        var error = """{ "output_type": "error", "ename": "ValueError", "evalue": "bad", "traceback": ["\u001b[0;31mValueError\u001b[0m: bad <x>"] }""";
        var html = NotebookFixtures.Render(Notebook(Python, Code("raise", 1, null, error))).Html;
        Assert.Contains("<pre class=\"nb-error\"><span class=\"ansi-red-fg\">ValueError</span>: bad &lt;x&gt;</pre>", html);
    }

    [Fact]
    public void Markdown_cells_go_through_markdown_with_headings_math_and_errors_at_their_file_line()
    {
        var json = Notebook(Python, Cell("markdown", "## Results", "", "Energy $E = mc^2$ and $\\badmacro$."));
        var rendered = NotebookFixtures.Render(json);
        Assert.Contains("<h2 id=\"results\">", rendered.Html);
        Assert.Contains("<div class=\"nb-cell nb-markdown\">", rendered.Html);
        Assert.Equal("results", rendered.Toc.Single().Id);
        Assert.True(rendered.HasMath);
        var line = json.Split('\n').ToList().FindIndex(l => l.Contains("badmacro")) + 1;
        Assert.Equal(line, rendered.Diagnostics.Single().Span.Line);
    }

    [Fact]
    public void Headings_of_the_same_name_in_two_cells_get_distinct_ids()
    {
        var rendered = NotebookFixtures.Render(Notebook(Python, Cell("markdown", "## Results"), Cell("markdown", "## Results"), Cell("markdown", "## Results")));
        Assert.Equal(["results", "results-1", "results-2"], rendered.Toc.Select(t => t.Id));
        Assert.Contains("<h2 id=\"results-1\"><span id=\"Results-1\"></span>Results <a class=\"anchor\" href=\"#results-1\"", rendered.Html);
        Assert.Equal(3, rendered.Anchors.Count(a => a.StartsWith("results", StringComparison.Ordinal)));
    }

    [Fact]
    public void Headings_also_carry_the_id_jupyter_gives_them()
    {
        var rendered = NotebookFixtures.Render(Notebook(Python, Cell("markdown", "## Sorted and unsorted `indices`: why?"), Cell("markdown", "### setup")));
        Assert.Contains("<h2 id=\"sorted-and-unsorted-indices-why\"><span id=\"Sorted-and-unsorted-indices:-why?\"></span>", rendered.Html);
        Assert.Contains("Sorted-and-unsorted-indices:-why?", rendered.Anchors);
        // Where both are the same, one id.
        Assert.Contains("<h3 id=\"setup\">setup", rendered.Html);
    }

    [Fact]
    public void A_markdown_cell_left_empty_by_the_title_heading_is_not_rendered()
    {
        var rendered = NotebookFixtures.Render(Notebook(Python, Cell("markdown", "# Title"), Cell("markdown", "Text.")));
        Assert.Equal("<div class=\"nb-cell nb-markdown\">\n<p>Text.</p>\n</div>\n", rendered.Html);
    }

    [Fact]
    public void The_summary_is_the_first_paragraph_of_the_markdown_cells()
    {
        var rendered = NotebookFixtures.Render(Notebook(Python, Code("x = 1"), Cell("markdown", "First *words*."), Cell("markdown", "Second.")));
        Assert.Equal("<p>First <em>words</em>.</p>", rendered.SummaryHtml);
    }

    [Fact]
    public void Markdown_attachments_are_written_beside_the_page()
    {
        var cell = "  {\n   \"cell_type\": \"markdown\",\n   \"metadata\": {},\n   \"attachments\": { \"plot.png\": { \"image/png\": \"" + Png + "\" } },\n" +
                   "   \"source\": [\"![a plot](attachment:plot.png)\"]\n  }";
        var rendered = NotebookFixtures.Render(Notebook(Python, cell), "content/posts/att.ipynb");
        Assert.Equal("att-cell1-plot.png", rendered.Resources.Single().Name);
        Assert.Contains("<img src=\"att-cell1-plot.png\" alt=\"a plot\"", rendered.Html);
    }

    [Fact]
    public void Empty_code_cells_are_left_out_and_cells_without_a_count_show_an_empty_prompt()
    {
        var html = NotebookFixtures.Render(Notebook(Python, Code("", null), Code("y", null))).Html;
        Assert.DoesNotContain("id=\"cell-1\"", html);
        Assert.Contains("<span class=\"nb-prompt\">In [ ]:</span>", html);
    }
}
