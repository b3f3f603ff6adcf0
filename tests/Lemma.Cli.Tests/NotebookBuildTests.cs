namespace Lemma.Cli.Tests;

/// <summary>`lemma build` on a site holding a Jupyter notebook post.</summary>
public class NotebookBuildTests
{
    private const string Config = """
        -- site.yaml --
        title: Test Site
        base_url: https://example.org/

        """;

    // A 1×1 PNG.
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg+M8AAAMBAQAY3Y2wAAAAAElFTkSuQmCC";

    private const string Notebook = """
        {
         "cells": [
          { "cell_type": "raw", "metadata": {}, "source": ["---\n", "title: Fitting a line\n", "date: 2024-05-01\n", "---"] },
          { "cell_type": "markdown", "metadata": {}, "source": ["We fit a *line*."] },
          {
           "cell_type": "code", "execution_count": 3, "metadata": {},
           "outputs": [
            { "output_type": "stream", "name": "stdout", "text": ["loss 0.125\n"] },
            { "output_type": "display_data", "metadata": {}, "data": { "image/png": "PNG_DATA", "text/plain": ["<Figure>"] } }
           ],
           "source": ["def fit(xs):\n", "    return sum(xs)"]
          }
         ],
         "metadata": { "kernelspec": { "language": "python", "name": "python3" } },
         "nbformat": 4, "nbformat_minor": 5
        }
        """;

    [Fact]
    public void A_notebook_post_builds_with_highlighted_code_its_output_and_its_image_beside_the_page()
    {
        using var site = TempSite.From(Config + "-- content/posts/fit-a-line.ipynb --\n" + Notebook.Replace("PNG_DATA", Png));
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/fit-a-line/index.html");
        Assert.Contains("<title>Fitting a line", html);
        Assert.Contains("<p>We fit a <em>line</em>.</p>", html);
        Assert.Contains("<span class=\"nb-prompt\">In [3]:</span>", html);
        Assert.Matches("<span class=\"hl-[a-z-]+\">def</span>", html);
        Assert.Contains("<pre class=\"nb-stdout\">loss 0.125\n</pre>", html);
        Assert.Contains("<img class=\"nb-image\" src=\"fit-a-line-cell3-2.png\"", html);
        Assert.Equal(Convert.FromBase64String(Png), File.ReadAllBytes(Path.Combine(site.Root, "public/posts/fit-a-line/fit-a-line-cell3-2.png")));
        Assert.DoesNotContain("iVBORw0KGgo", html);
        Assert.Contains("Fitting a line", site.Read("public/posts/index.html"));
        // The image link resolves to the written file, so `lemma check` finds nothing missing.
        var check = site.Lemma("check");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public void A_malformed_notebook_fails_the_build_with_its_path_and_json_position()
    {
        using var site = TempSite.From(Config + "-- content/posts/broken.ipynb --\n{\n \"cells\": [\n  { \"cell_type\": \"code\" \n  { }\n ]\n}\n");
        var run = site.Lemma("build");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/broken.ipynb:4:3: error: notebook: malformed JSON", StringComparison.Ordinal));
    }

    /// <summary>A notebook of Markdown cells (each a list of lines) and one code cell, saved by a Python kernel.</summary>
    private static string Book(string code, params string[][] markdownCells) =>
        "{\n \"cells\": [\n" + string.Join(",\n", markdownCells.Select(lines =>
            "  { \"cell_type\": \"markdown\", \"metadata\": {}, \"source\": " + System.Text.Json.JsonSerializer.Serialize(string.Join("\n", lines)) + " }"))
        + ",\n  { \"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {}, \"outputs\": [], \"source\": " + System.Text.Json.JsonSerializer.Serialize(code) + " }\n"
        + " ],\n \"metadata\": { \"kernelspec\": { \"display_name\": \"Python 3\", \"language\": \"python\", \"name\": \"python3\" } },\n \"nbformat\": 4, \"nbformat_minor\": 4\n}\n";

    /// <summary>A book of notebooks as Jupyter users keep one: no config, no titles, links between chapters, figures/ beside them.</summary>
    private static string Folder() =>
        "-- 01.00-Introducing-Arrays.ipynb --\n" + Book("import numpy as np",
            ["<img src=\"figures/cover.png\">"], ["< [Contents](Index.ipynb) | [Sorting](02.00-Sorting.ipynb) >"],
            ["# Introducing Arrays"],
            ["See [sorted indices](02.00-Sorting.ipynb#Sorted-and-unsorted-indices), [the same](02.00-Sorting.ipynb#sorted-and-unsorted-indices) and ![a figure](figures/cover.png)."],
            ["```ipython", "%timeit sum(range(10))", "```"],
            ["A [lost chapter](03.00-Lost.ipynb) and [the notes](notes/extra.md)."])
        + "-- 02.00-Sorting.ipynb --\n" + Book("x = sorted([3, 1])", ["# Sorting Arrays", "", "Back to [arrays](01.00-Introducing-Arrays.ipynb)."], ["## Sorted and unsorted indices", "", "Text."])
        + "-- Index.ipynb --\n" + Book("", ["# A Book", "", "1. [Arrays](01.00-Introducing-Arrays.ipynb)"])
        + "-- figures/cover.png --\nPNG\n"
        + "-- .ipynb_checkpoints/01.00-Introducing-Arrays-checkpoint.ipynb --\n{}\n"
        + "-- website/theme/base.html --\n<html>{{ title }}</html>\n";

    [Fact]
    public void A_folder_of_notebooks_without_config_builds_with_titles_from_headings_links_between_chapters_and_figures_beside_them()
    {
        using var site = TempSite.From(Folder());
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/01.00-Introducing-Arrays/index.html");
        // The first "# " heading is the title, shown once.
        Assert.Contains("<title>Introducing Arrays", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1[ >]"));
        // Links to other notebooks go to their pages, anchors kept; the files beside the notebook are where the page reaches them.
        Assert.Contains("href=\"/02.00-Sorting/#Sorted-and-unsorted-indices\"", html);
        Assert.Contains("href=\"/\"", html);
        Assert.Contains("<img src=\"/figures/cover.png\"", html);
        Assert.Contains("src=\"/figures/cover.png\" alt=\"a figure\"", html);
        Assert.Equal("PNG\n", site.Read("public/figures/cover.png"));
        // A link to a notebook that is not there stays as written, with a warning.
        Assert.Contains("href=\"03.00-Lost.ipynb\"", html);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("01.00-Introducing-Arrays.ipynb:", StringComparison.Ordinal) && l.Contains("warning: link to 03.00-Lost.ipynb: no page is made from 03.00-Lost.ipynb", StringComparison.Ordinal));
        // ipython fences and the kernel's cells are highlighted as Python.
        Assert.DoesNotContain(run.ErrorLines, l => l.Contains("unknown code language", StringComparison.Ordinal));
        Assert.Matches("<span class=\"hl-[a-z-]+\">import</span>", html);
        // Jupyter's heading ids answer beside Lemma's.
        var sorting = site.Read("public/02.00-Sorting/index.html");
        Assert.Contains("id=\"sorted-and-unsorted-indices\"", sorting);
        Assert.Contains("id=\"Sorted-and-unsorted-indices\"", sorting);
        Assert.Contains("href=\"/01.00-Introducing-Arrays/\"", sorting);
        // Old name.html URLs (as nbconvert and Jupyter Book wrote them, and lower-cased as Pelican did) redirect.
        Assert.Contains("url=http://localhost/02.00-Sorting/\"", site.Read("public/02.00-Sorting.html"));
        Assert.Contains("url=http://localhost/02.00-Sorting/\"", site.Read("public/02.00-sorting.html"));
        // Index.ipynb, the book's contents, is the home page, heading and all.
        var home = site.Read("public/index.html");
        Assert.Contains(">A Book <a class=\"anchor\"", home);
        Assert.Contains("href=\"/01.00-Introducing-Arrays/\"", home);
        Assert.False(site.Exists("public/Index/index.html"));
        // Checkpoints and another tool's templates are not published.
        Assert.False(site.Exists("public/.ipynb_checkpoints/01.00-Introducing-Arrays-checkpoint.ipynb"));
        Assert.False(site.Exists("public/website/theme/base.html"));
        // lemma check finds the lost chapter and the notes, and nothing else.
        var check = site.Lemma("check");
        var errors = check.ErrorLines.Where(l => l.Contains(": error: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, l => l.Contains("broken link: 03.00-Lost.ipynb", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("broken link: notes/extra.md", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_of_notebooks_given_a_config_for_its_title_keeps_the_old_name_html_urls()
    {
        using var site = TempSite.From("-- site.yaml --\ntitle: A Book\nbase_url: https://example.org/book/\n"
            + "-- 02.00-Sorting.ipynb --\n" + Book("x = 1", ["# Sorting", "", "See [arrays](01.00-Arrays.ipynb) and ![x](fig/a.png)."])
            + "-- 01.00-Arrays.ipynb --\n" + Book("x = 1", ["# Arrays"]) + "-- fig/a.png --\nPNG\n");
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/02.00-Sorting/index.html");
        Assert.Contains("<title>Sorting", html);
        // Under the base URL's path.
        Assert.Contains("href=\"/book/01.00-Arrays/\"", html);
        Assert.Contains("src=\"/book/fig/a.png\"", html);
        Assert.True(site.Exists("public/fig/a.png"));
        Assert.True(site.Exists("public/02.00-Sorting.html"));
        Assert.True(site.Exists("public/02.00-sorting.html"));
    }

    [Fact]
    public void A_markdown_page_without_a_title_takes_the_heading_it_opens_with_and_shows_it_once()
    {
        using var site = TempSite.From(Config + "-- content/notes/arrays.md --\n\n# Arrays *in* NumPy\n\nSee [the notebook](../posts/fit.ipynb#Fitting-a-line) and ![a plot](../images/plot.png).\n"
            + "-- content/posts/fit.ipynb --\n" + Book("x = 1", ["## Fitting a line"]));
        // A real PNG (1 x 1): `lemma check` warns of an image file that is not one (issue #20).
        Directory.CreateDirectory(Path.Combine(site.Root, "content/images"));
        File.WriteAllBytes(Path.Combine(site.Root, "content/images/plot.png"), Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/notes/arrays/index.html");
        Assert.Contains("<title>Arrays in NumPy", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1[ >]"));
        Assert.Contains("href=\"/posts/fit/#Fitting-a-line\"", html);
        // content/images/plot.png is published at /images/plot.png, which "../images/plot.png" from /notes/arrays/ would miss.
        Assert.Contains("src=\"/images/plot.png\"", html);
        // A page under content/ never lived at a name.html: no redirect.
        Assert.False(site.Exists("public/notes/arrays.html"));
        var check = site.Lemma("check");
        Assert.True(check.ExitCode == 0, check.ToString());
    }
}
