using Lemma.Configuration;
using Lemma.Content;
using Lemma.Output.Views;

namespace Lemma.Tests.Content;

/// <summary>Front matter <c>paper:</c>: what a paper note's card is made of, and each malformed part as an error at the field's line.</summary>
public class PaperTests
{
    private static (Paper? Paper, string[] Diagnostics) Read(string paperYaml)
    {
        var text = "---\ntitle: Note\ndate: 2024-01-01\n" + paperYaml + "\n---\nBody.\n";
        var (page, diagnostics) = ContentLoader.Parse("content/research/n.md", text, new SiteConfig());
        return (page?.FrontMatter.Paper, diagnostics.Select(d => d.ToString()).ToArray());
    }

    [Fact]
    public void A_full_paper_field_gives_the_card_and_its_links()
    {
        var (paper, diagnostics) = Read("""
            paper:
              title: Training Compute-Optimal Large Language Models
              authors: [Jordan Hoffmann, Sebastian Borgeaud, Arthur Mensch, Elena Buchatskaya]
              year: 2022
              venue: NeurIPS
              arxiv: arXiv:2203.15556v2
              doi: https://doi.org/10.5555/3600270.3602446
              code: https://github.com/example/chinchilla
            """);
        Assert.Empty(diagnostics);
        var view = PaperView.From(paper!);
        Assert.Equal("Training Compute-Optimal Large Language Models", view.Title);
        Assert.Equal(4, view.Authors.Count);
        Assert.Equal("Jordan Hoffmann, Sebastian Borgeaud, Arthur Mensch et al.", view.AuthorsDisplay);
        Assert.Equal(2022, view.Year);
        Assert.Equal("NeurIPS", view.Venue);
        Assert.Equal("2203.15556v2", view.Arxiv);
        Assert.Equal("https://arxiv.org/abs/2203.15556v2", view.ArxivUrl);
        Assert.Equal("10.5555/3600270.3602446", view.Doi);
        Assert.Equal("https://doi.org/10.5555/3600270.3602446", view.DoiUrl);
        Assert.Equal("https://github.com/example/chinchilla", view.Code);
        Assert.Equal("https://arxiv.org/abs/2203.15556v2", view.Url); // the title links to arXiv when there is no url
    }

    [Theory]
    [InlineData("authors: Dempster and Laird and Rubin", "Dempster, Laird and Rubin")]
    [InlineData("authors: \"Dempster, Laird, Rubin\"", "Dempster, Laird and Rubin")]
    [InlineData("authors: [Ada Lovelace]", "Ada Lovelace")]
    [InlineData("authors: [A, B]", "A and B")]
    [InlineData("year: 1977", "")]
    public void Authors_are_a_list_or_one_string(string line, string display)
    {
        var (paper, diagnostics) = Read("paper:\n  title: T\n  " + line);
        Assert.Empty(diagnostics);
        Assert.Equal(display, PaperView.From(paper!).AuthorsDisplay);
    }

    [Theory]
    [InlineData("url: https://example.org/p", "doi: 10.1000/182", "https://example.org/p")]
    [InlineData("doi: doi:10.1000/182", "venue: V", "https://doi.org/10.1000/182")]
    [InlineData("arxiv: hep-th/9901001", "doi: 10.1000/182", "https://arxiv.org/abs/hep-th/9901001")]
    [InlineData("venue: V", "year: 2000", null)]
    public void The_title_links_to_the_url_else_arxiv_else_the_doi(string a, string b, string? url) =>
        Assert.Equal(url, PaperView.From(Read($"paper:\n  title: T\n  {a}\n  {b}").Paper!).Url);

    [Theory]
    [InlineData("paper: Chinchilla", "content/research/n.md:4:1: error: 'paper' must be a map: paper: { title: ..., authors: [...], year: 2022, arxiv: 2203.15556 }")]
    [InlineData("paper:\n  authors: [A]", "content/research/n.md:4:1: error: 'paper.title' is missing: a paper needs a title")]
    [InlineData("paper:\n  title: T\n  year: soon", "content/research/n.md:4:1: error: 'paper.year' must be a four-digit year, not 'soon'")]
    [InlineData("paper:\n  title: T\n  year: 22", "content/research/n.md:4:1: error: 'paper.year' must be a four-digit year, not '22'")]
    [InlineData("paper:\n  title: T\n  arxiv: chinchilla", "content/research/n.md:4:1: error: 'paper.arxiv' must be an arXiv identifier such as 2203.15556 or hep-th/9901001, not 'chinchilla'")]
    [InlineData("paper:\n  title: T\n  arxiv: 1706.03760", "content/research/n.md:4:1: error: 'paper.arxiv' must be quoted (arxiv: \"1706.0376\"): as a number it loses trailing zeros")]
    [InlineData("paper:\n  title: T\n  doi: 1234/5", "content/research/n.md:4:1: error: 'paper.doi' must be a DOI such as 10.1145/3292500.3330701, not '1234/5'")]
    [InlineData("paper:\n  title: T\n  code: github.com/x/y", "content/research/n.md:4:1: error: 'paper.code' must be an absolute http(s) URL, not 'github.com/x/y'")]
    [InlineData("paper:\n  title: T\n  authors: {first: A}", "content/research/n.md:4:1: error: 'paper.authors' must be a list of names or one string (\"A and B\")")]
    [InlineData("paper:\n  title: [T]", "content/research/n.md:4:1: error: 'paper.title' must be text")]
    [InlineData("paper:\n  title: T\n  journal: J", "content/research/n.md:4:1: warning: 'paper.journal' is not a paper field (title, authors, year, venue, arxiv, doi, code, url); it is ignored")]
    public void A_malformed_paper_is_reported_at_its_line(string yaml, string diagnostic)
    {
        var (_, diagnostics) = Read(yaml);
        Assert.Equal([diagnostic], diagnostics);
    }

    [Fact]
    public void A_malformed_part_is_dropped_and_the_rest_kept()
    {
        var errors = new List<string>();
        var paper = PaperReader.Read(new Dictionary<string, object?> { ["title"] = "T", ["year"] = "soon", ["arxiv"] = "2203.15556" }, errors.Add, errors.Add);
        Assert.Single(errors);
        Assert.Null(paper!.Year);
        Assert.Equal("2203.15556", paper.Arxiv);
    }

    [Fact]
    public void A_page_without_paper_has_none() => Assert.Null(Read("summary: S").Paper);
}
