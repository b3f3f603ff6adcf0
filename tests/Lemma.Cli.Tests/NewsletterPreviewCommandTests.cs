namespace Lemma.Cli.Tests;

/// <summary>`lemma newsletter preview POST`: a post's email written to files, with its size; errors like a compiler.</summary>
public class NewsletterPreviewCommandTests
{
    private const string Site = """
        -- site.yaml --
        title: Loss Landscapes
        base_url: https://example.org/
        -- content/posts/softmax.md --
        ---
        title: Softmax in one pass
        date: 2025-10-01
        ---

        The sum is $\sum_j e^{x_j}$.

        ```python
        import math
        ```
        -- content/posts/draft.md --
        ---
        title: Not yet
        date: 2025-10-02
        draft: true
        ---

        Soon.
        -- content/posts/broken.md --
        ---
        title: [broken
        ---

        Body.
        """;

    [Fact]
    public void The_email_of_a_post_named_by_its_url_is_written_as_html_and_text_with_its_size()
    {
        using var site = TempSite.From(Site);
        var folder = Path.Combine(site.Root, "out");
        var run = site.Lemma("newsletter", "preview", "/posts/softmax/", "--source", site.Root, "--out", folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        var html = Path.Combine(folder, "softmax.email.html");
        var text = Path.Combine(folder, "softmax.email.txt");
        Assert.Contains("subject: Softmax in one pass", run.Output);
        Assert.Contains($"html: {html} (", run.Output);
        Assert.Matches(@"\(\d+\.\d KB; Gmail clips above 102 KB\)", run.Output);
        Assert.Contains($"text: {text}", run.Output);
        Assert.Contains("<span style=\"color:#b8212b\">import</span>", File.ReadAllText(html));
        Assert.Contains("The sum is $\\sum_j e^{x_j}$.", File.ReadAllText(text));
    }

    [Fact]
    public void A_draft_is_previewed_by_its_source_path_before_it_is_published()
    {
        using var site = TempSite.From(Site);
        var run = site.Lemma("newsletter", "preview", "content/posts/draft.md", "--source", site.Root, "--out", Path.Combine(site.Root, "out"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Soon.", site.Read("out/draft.email.txt"));
    }

    [Fact]
    public void A_post_with_an_error_reports_it_with_its_position_and_writes_nothing()
    {
        using var site = TempSite.From(Site);
        var run = site.Lemma("newsletter", "preview", "content/posts/broken.md", "--source", site.Root, "--out", Path.Combine(site.Root, "out"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/broken.md:2:", StringComparison.Ordinal) && l.Contains(": error: ", StringComparison.Ordinal));
        Assert.Empty(site.Files("out"));
    }

    [Fact]
    public void An_unknown_post_is_a_clear_message()
    {
        using var site = TempSite.From(Site);
        var run = site.Lemma("newsletter", "preview", "/posts/none/", "--source", site.Root, "--out", Path.Combine(site.Root, "out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("lemma: no post of this site has the source path or URL /posts/none/", run.Errors.Trim());
    }
}
