using Lemma.Configuration;
using Lemma.Content;
using Lemma.Notebooks;

namespace Lemma.Tests.Notebooks;

/// <summary>Reading .ipynb files: front matter from metadata or a first cell, and errors at their JSON positions.</summary>
public class NotebookReaderTests
{
    private static readonly SiteConfig Config = new();

    /// <summary>A notebook with these cells (JSON objects) and this notebook metadata, one source line per JSON line.</summary>
    internal static string Notebook(string metadata, params string[] cells) =>
        "{\n \"cells\": [\n" + string.Join(",\n", cells) + "\n ],\n \"metadata\": " + metadata + ",\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";

    internal static string Cell(string type, params string[] lines) =>
        "  {\n   \"cell_type\": \"" + type + "\",\n   \"metadata\": {},\n" + (type == "code" ? "   \"execution_count\": null,\n   \"outputs\": [],\n" : "") +
        "   \"source\": [\n" + string.Join(",\n", lines.Select((l, i) => "    " + System.Text.Json.JsonSerializer.Serialize(i < lines.Length - 1 ? l + "\n" : l))) + "\n   ]\n  }";

    [Fact]
    public void Front_matter_comes_from_metadata_lemma_and_metadata_title()
    {
        var json = Notebook("""{ "title": "From metadata", "lemma": { "date": "2024-05-01", "tags": ["ml"], "summary": "Short" } }""",
            Cell("code", "x = 1"));
        var (page, diagnostics) = ContentLoader.Parse("content/posts/nb.ipynb", json, Config);
        Assert.Empty(diagnostics);
        Assert.Equal("From metadata", page!.FrontMatter.Title);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), page.FrontMatter.Date);
        Assert.Equal(["ml"], page.FrontMatter.Tags.ToArray());
        Assert.Equal("Short", page.FrontMatter.Summary);
        Assert.Equal(ContentFormat.Notebook, page.Format);
        Assert.Equal(json, page.Body);
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("markdown")]
    public void Front_matter_comes_from_a_first_cell_holding_yaml_and_that_cell_is_not_rendered(string type)
    {
        var json = Notebook("{}", Cell(type, "---", "title: From a cell", "tags: [a, b]", "---"), Cell("markdown", "Body text."));
        var (page, diagnostics) = ContentLoader.Parse("content/posts/nb.ipynb", json, Config);
        Assert.Empty(diagnostics);
        Assert.Equal("From a cell", page!.FrontMatter.Title);
        Assert.Equal(["a", "b"], page.FrontMatter.Tags.ToArray());
        var html = NotebookFixtures.Format().Render(page).Html;
        Assert.DoesNotContain("From a cell", html);
        Assert.Contains("<p>Body text.</p>", html);
    }

    [Fact]
    public void The_first_cell_wins_over_metadata_and_keys_point_at_their_lines()
    {
        var json = Notebook("""{ "title": "Metadata title" }""", Cell("raw", "---", "title: Cell title", "---"));
        var (notebook, error) = NotebookReader.Read("nb.ipynb", json);
        Assert.Null(error);
        Assert.Equal("Cell title", notebook!.FrontMatter.Values["title"]);
        var line = json.Split('\n').ToList().FindIndex(l => l.Contains("title: Cell title")) + 1;
        Assert.Equal(line, notebook.FrontMatter.KeyLines["title"]);
        Assert.Equal(0, notebook.FrontMatterCell);
    }

    [Fact]
    public void Markdown_after_the_front_matter_in_the_first_cell_is_rendered()
    {
        var json = Notebook("{}", Cell("markdown", "---", "title: T", "---", "", "Intro paragraph."));
        var (notebook, _) = NotebookReader.Read("nb.ipynb", json);
        Assert.Equal(-1, notebook!.FrontMatterCell);
        Assert.Equal("\nIntro paragraph.", notebook.Cells[0].Source);
    }

    [Fact]
    public void A_notebook_without_a_title_or_a_heading_is_titled_by_its_file_name()
    {
        var (page, diagnostics) = ContentLoader.Parse("content/posts/fitting-a-line.ipynb", Notebook("{}", Cell("code", "x = 1")), Config);
        Assert.Empty(diagnostics);
        Assert.Equal("Fitting a line", page!.FrontMatter.Title);
    }

    [Fact]
    public void A_notebook_without_a_title_takes_its_first_level_one_heading_and_drops_it_from_its_cell()
    {
        var json = Notebook("{}", Cell("markdown", "Book header."), Cell("code", "# not a heading"),
            Cell("markdown", "Intro.", "", "# The *Basics* of `numpy`", "", "Text."), Cell("markdown", "# Second"));
        var (page, diagnostics) = ContentLoader.Parse("content/posts/nb.ipynb", json, Config);
        Assert.Empty(diagnostics);
        Assert.Equal("The Basics of numpy", page!.FrontMatter.Title);
        var (notebook, _) = NotebookReader.Read("nb.ipynb", json);
        Assert.Equal("Intro.\n\n\n\nText.", notebook!.Cells[2].Source);
        Assert.Equal("# Second", notebook.Cells[3].Source);
    }

    [Fact]
    public void A_heading_that_repeats_the_metadata_title_is_dropped_and_another_is_kept()
    {
        var same = NotebookReader.Read("nb.ipynb", Notebook("{\"title\": \"Fit\"}", Cell("markdown", "# Fit"))).Notebook!;
        Assert.Equal("", same.Cells[0].Source);
        var other = NotebookReader.Read("nb.ipynb", Notebook("{\"title\": \"Fit\"}", Cell("markdown", "# Other"))).Notebook!;
        Assert.Equal("# Other", other.Cells[0].Source);
    }

    [Theory]
    // A missing comma between two cells: the second cell's '{' on line 4.
    [InlineData("{\n \"cells\": [\n  {\"cell_type\": \"code\", \"source\": \"\"}\n  {\"cell_type\": \"code\"}\n ]\n}", 4, 3)]
    // Truncated file.
    [InlineData("{\n \"cells\": [\n  {\"cell_type\": \"mark", 3, 22)]
    // A trailing comma.
    [InlineData("{\n \"cells\": [],\n \"metadata\": {},\n}", 4, 1)]
    // Column counts characters, not UTF-8 bytes.
    [InlineData("{\n \"cells\": [{\"source\": \"é\" x}]\n}", 2, 27)]
    public void Malformed_json_is_an_error_at_its_line_and_column(string json, int line, int column)
    {
        var (notebook, error) = NotebookReader.Read("content/posts/bad.ipynb", json);
        Assert.Null(notebook);
        Assert.Equal(("content/posts/bad.ipynb", line, column), (error!.Span.Path, error.Span.Line, error.Span.Column));
        Assert.StartsWith("notebook: malformed JSON: ", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void A_malformed_notebook_fails_the_load_with_its_position()
    {
        var (page, diagnostics) = ContentLoader.Parse("content/posts/bad.ipynb", "{\n \"cells\": [\n  oops\n ]\n}", Config);
        Assert.Null(page);
        Assert.Matches(@"^content/posts/bad\.ipynb:3:3: error: notebook: malformed JSON", diagnostics.Single().ToString());
    }

    [Theory]
    [InlineData("[1, 2]", "notebook: the file is not a JSON object")]
    [InlineData("{ \"metadata\": {} }", "notebook: no \"cells\" array (is this an nbformat 4 notebook?)")]
    [InlineData("{ \"nbformat\": 3, \"worksheets\": [] }", "notebook: nbformat 3 is not read; save the notebook as nbformat 4")]
    [InlineData("{ \"cells\": [], \"metadata\": { \"lemma\": \"x\" } }", "notebook: metadata.lemma must be an object of front matter fields")]
    public void Json_that_is_not_a_notebook_is_an_error(string json, string message)
    {
        var (notebook, error) = NotebookReader.Read("nb.ipynb", json);
        Assert.Null(notebook);
        Assert.Equal(message, error!.Message);
    }

    [Fact]
    public void Bad_yaml_in_the_first_cell_is_an_error_at_its_line_in_the_file()
    {
        var json = Notebook("{}", Cell("raw", "---", "title: [unclosed", "---"));
        var (_, error) = NotebookReader.Read("nb.ipynb", json);
        var line = json.Split('\n').ToList().FindIndex(l => l.Contains("title: [unclosed")) + 1;
        Assert.Equal(line, error!.Span.Line);
    }

    [Fact]
    public void The_kernel_language_comes_from_kernelspec_then_language_info()
    {
        Assert.Equal("julia", NotebookReader.Read("a", Notebook("""{ "kernelspec": { "language": "julia" }, "language_info": { "name": "python" } }""")).Notebook!.Language);
        Assert.Equal("r", NotebookReader.Read("a", Notebook("""{ "language_info": { "name": "r" } }""")).Notebook!.Language);
        Assert.Equal("", NotebookReader.Read("a", Notebook("{}")).Notebook!.Language);
        // Only the kernel's name: the highlighter knows "python3".
        Assert.Equal("python3", NotebookReader.Read("a", Notebook("""{ "kernelspec": { "name": "python3" } }""")).Notebook!.Language);
    }

    [Fact]
    public void Cell_sources_know_their_line_in_the_file()
    {
        var json = Notebook("{}", Cell("markdown", "# One"), Cell("code", "x = 1", "y = 2"));
        var (notebook, _) = NotebookReader.Read("nb.ipynb", json);
        var lines = json.Split('\n').ToList();
        Assert.Equal(lines.FindIndex(l => l.Contains("\"# One\"")) + 1, notebook!.Cells[0].SourceLine);
        Assert.Equal(lines.FindIndex(l => l.Contains("\"x = 1\\n\"")) + 1, notebook.Cells[1].SourceLine);
        Assert.Equal("x = 1\ny = 2", notebook.Cells[1].Source);
    }
}
