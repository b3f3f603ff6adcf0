namespace Lemma.Cli.Tests;

/// <summary>`lemma build` with a references.bib: citations link to the References section; unknown keys fail the build.</summary>
public class CitationTests
{
    private const string Site = """
        -- site.yaml --
        title: T
        base_url: https://example.org/
        -- references.bib --
        @inproceedings{vaswani2017,
          title = {Attention is All you Need},
          author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},
          booktitle = {NeurIPS},
          year = 2017,
        }
        @misc{hoffmann2022,
          title = {Training Compute-Optimal Large Language Models},
          author = {Hoffmann, Jordan and Borgeaud, Sebastian},
          year = 2022, eprint = {2203.15556}, archivePrefix = {arXiv},
        }

        """;

    [Fact]
    public void Author_year_citations_link_to_their_references()
    {
        using var site = TempSite.From(Site + "-- content/posts/p.md --\n---\ntitle: P\ndate: 2024-01-01\n---\n\nAs [@vaswani2017] showed, and @hoffmann2022 agree.\n");
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/p/index.html");
        Assert.Contains("<a href=\"#ref-vaswani2017\" title=\"Ashish Vaswani, Noam Shazeer, and Niki Parmar. 2017.", html);
        Assert.Contains(">Vaswani et al., 2017</a>)", html);
        Assert.Contains(">Hoffmann and Borgeaud (2022)</a>", html);
        Assert.Contains("<li id=\"ref-vaswani2017\">", html);
        Assert.Contains("<a href=\"https://arxiv.org/abs/2203.15556\">arXiv:2203.15556</a>", html);
    }

    [Fact]
    public void The_numeric_style_and_a_bundle_bibliography()
    {
        using var site = TempSite.From(Site.Replace("title: T\n", "title: T\ncitations: { style: numeric }\n") + """
            -- content/posts/b/index.md --
            ---
            title: B
            date: 2024-01-01
            ---

            Local [@local2020] then global [@hoffmann2022; @vaswani2017].
            -- content/posts/b/refs.bib --
            @article{local2020, title = {A Local Paper}, author = {M{\"u}ller, Anna}, journal = {J}, year = 2020, doi = {10.1/x}}
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/b/index.html");
        Assert.Contains("[<a href=\"#ref-local2020\" title=\"Anna Müller. 2020.", html);
        Assert.Contains(">1</a>]", html);
        Assert.Contains(">2</a>, <a href=\"#ref-vaswani2017\"", html);
        Assert.Contains("<a href=\"https://doi.org/10.1/x\">doi:10.1/x</a>", html);
        Assert.Contains("<ol class=\"references-numeric\">", html);
    }

    [Fact]
    public void An_unknown_key_fails_the_build_at_its_position()
    {
        using var site = TempSite.From(Site + "-- content/posts/p.md --\n---\ntitle: P\ndate: 2024-01-01\n---\n\nFirst line.\nAs [@vaswani2017; @nosuch] said.\n");
        var run = site.Lemma("build");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/p.md:7:19: error:", StringComparison.Ordinal) && l.Contains("nosuch"));
    }

    [Fact]
    public void A_broken_bibliography_fails_the_build_at_its_line_and_column()
    {
        using var site = TempSite.From(Site + "-- content/posts/b/index.md --\n---\ntitle: B\ndate: 2024-01-01\n---\n\nText.\n-- content/posts/b/refs.bib --\n@article{x,\n  title = nomacro,\n}\n");
        var run = site.Lemma("build");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/b/refs.bib:2:11: error:", StringComparison.Ordinal) && l.Contains("nomacro"));
    }
}
