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
}
