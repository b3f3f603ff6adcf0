namespace Lemma.Cli.Tests;

/// <summary>
/// `lemma build` on a paper note: the card atop the note, the paper under its title in the section list, JSON-LD
/// citing it, footnotes as sidenotes (and not, with <c>sidenotes: false</c>), and a malformed paper failing the build.
/// </summary>
public class ResearchBuildTests
{
    private const string Site = """
        -- site.yaml --
        title: T
        base_url: https://example.org/
        -- content/research/_index.md --
        ---
        title: Research
        ---
        -- content/research/chinchilla.md --
        ---
        title: "Paper note: Chinchilla"
        date: 2024-04-20
        paper:
          title: Training Compute-Optimal Large Language Models
          authors: [Jordan Hoffmann, Sebastian Borgeaud]
          year: 2022
          venue: NeurIPS
          arxiv: "2203.15556"
          doi: 10.5555/3600270.3602446
          code: https://github.com/example/chinchilla
        ---

        Compute is about $6ND$.[^flops] Parameters and tokens scale alike.[^list]

        [^flops]: Attention is left out of the count.

        [^list]: Two caveats:

            - inference cost;
            - data.

        """;

    [Fact]
    public void A_paper_note_has_its_card_sidenotes_and_a_line_in_its_section()
    {
        using var site = TempSite.From(Site);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/research/chinchilla/index.html");
        Assert.Contains("<aside class=\"paper-card\" aria-label=\"Paper\">", html);
        Assert.Contains("<a href=\"https://arxiv.org/abs/2203.15556\">Training Compute-Optimal Large Language Models</a>", html);
        Assert.Contains("Jordan Hoffmann and Sebastian Borgeaud", html);
        Assert.Contains("NeurIPS, 2022", html);
        Assert.Contains("<a class=\"paper-link\" href=\"https://doi.org/10.5555/3600270.3602446\">", html);
        Assert.Contains("<a class=\"paper-link\" href=\"https://github.com/example/chinchilla\">Code</a>", html);
        Assert.Contains("\"citation\":{\"@type\":\"ScholarlyArticle\",\"name\":\"Training Compute-Optimal Large Language Models\"", html);
        Assert.True(html.IndexOf("paper-card", StringComparison.Ordinal) < html.IndexOf("<div class=\"content\">", StringComparison.Ordinal), "the card comes before the content");

        Assert.Contains("<span class=\"sidenote\" role=\"note\"><span class=\"sidenote-number\">1</span> Attention is left out of the count.</span>", html);
        Assert.DoesNotContain("<span class=\"sidenote-number\">2</span>", html); // a note with a list stays a footnote
        Assert.Contains("<li id=\"fn:1\" class=\"sidenoted\" value=\"1\">", html);

        var list = site.Read("public/research/index.html");
        Assert.Contains("<p class=\"paper-line\">On <cite>Training Compute-Optimal Large Language Models</cite>, NeurIPS, 2022</p>", list);
        Assert.DoesNotContain("class=\"sidenote\"", list); // the summary leaves the sidenote out
    }

    [Fact]
    public void The_json_ld_citation_is_valid_json_whatever_the_title_holds()
    {
        using var site = TempSite.From(Site.Replace("  title: Training Compute-Optimal Large Language Models",
            "  title: 'Training \"Compute-Optimal\" Models </script> \\ Redux'"));
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/research/chinchilla/index.html");
        var start = html.IndexOf("<script type=\"application/ld+json\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "no JSON-LD");
        start = html.IndexOf('>', start) + 1;
        using var json = System.Text.Json.JsonDocument.Parse(html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)]);
        var citation = json.RootElement.GetProperty("citation");
        Assert.Equal("ScholarlyArticle", citation.GetProperty("@type").GetString());
        Assert.Equal("Training \"Compute-Optimal\" Models </script> \\ Redux", citation.GetProperty("name").GetString());
        Assert.Equal(["Jordan Hoffmann", "Sebastian Borgeaud"], citation.GetProperty("author").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal("2022", citation.GetProperty("datePublished").GetString());
        Assert.Equal("https://doi.org/10.5555/3600270.3602446", citation.GetProperty("identifier").GetString());
    }

    [Fact]
    public void Sidenotes_false_keeps_footnotes_only()
    {
        using var site = TempSite.From(Site.Replace("title: T\n", "title: T\nparams: { sidenotes: false }\n"));
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/research/chinchilla/index.html");
        Assert.DoesNotContain("sidenote", html);
        Assert.Contains("<li id=\"fn:1\">", html);
    }

    [Fact]
    public void A_malformed_paper_fails_the_build_at_its_line()
    {
        using var site = TempSite.From(Site.Replace("year: 2022", "year: twenty-two"));
        var run = site.Lemma("build");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("content/research/chinchilla.md:4:1: error: 'paper.year' must be a four-digit year, not 'twenty-two'", run.ToString().Replace('\\', '/'));
    }
}
