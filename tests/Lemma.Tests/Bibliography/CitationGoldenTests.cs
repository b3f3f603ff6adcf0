using System.Runtime.CompilerServices;
using Lemma.Bibliography;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Citations;
using Lemma.Markdown.Code;
using Lemma.Math;

namespace Lemma.Tests.Bibliography;

/// <summary>
/// Golden files: golden/citations.md with golden/references.bib renders to golden/citations.author-year.html and
/// golden/citations.numeric.html. LEMMA_UPDATE_GOLDEN=1 rewrites them (read the diff before committing it).
/// </summary>
public class CitationGoldenTests
{
    private static readonly BibLibrary Library = new([BibParser.Parse("references.bib", File.ReadAllText(Path.Combine(GoldenDir(), "references.bib")))]);

    private static MarkdownFormat Format(CitationStyle style) =>
        new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(LineNumbers: false, CopyButton: false), new CitationSettings(Library, style));

    [Theory]
    [InlineData(CitationStyle.AuthorYear, "author-year")]
    [InlineData(CitationStyle.Numeric, "numeric")]
    public void Renders_as_the_golden_file(CitationStyle style, string name)
    {
        var source = File.ReadAllText(Path.Combine(GoldenDir(), "citations.md"));
        var rendered = Format(style).Render("content/posts/citations.md", source, 1);
        Assert.Empty(rendered.Diagnostics);
        var expectedPath = Path.Combine(GoldenDir(), "citations." + name + ".html");
        if (Environment.GetEnvironmentVariable("LEMMA_UPDATE_GOLDEN") == "1") File.WriteAllText(expectedPath, rendered.Html);
        Assert.Equal(File.ReadAllText(expectedPath), rendered.Html);
    }

    [Fact]
    public void Every_citation_links_to_an_entry_of_the_references_section()
    {
        var rendered = Format(CitationStyle.AuthorYear).Render("content/posts/c.md", File.ReadAllText(Path.Combine(GoldenDir(), "citations.md")), 1);
        var targets = System.Text.RegularExpressions.Regex.Matches(rendered.Html, "href=\"#(ref-[^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(6, targets.Count);
        Assert.All(targets, t => Assert.Contains(t, rendered.Anchors));
        Assert.Contains(rendered.Toc, t => t.Id == "references");
    }

    [Theory]
    [InlineData("Intro.\n\nAs shown [@vaswani2017; @nosuchkey, p. 2].", 3, 25, "no bibliography entry 'nosuchkey'")]
    [InlineData("Line one\nwraps [see\n@missing] here.", 3, 1, "no bibliography entry 'missing'")]
    [InlineData("[-@gone]", 1, 2, "no bibliography entry 'gone'")]
    public void An_unknown_key_is_an_error_at_its_position(string body, int line, int column, string message)
    {
        var rendered = Format(CitationStyle.Numeric).Render("content/posts/p.md", body, 5);
        var error = Assert.Single(rendered.Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal(("content/posts/p.md", line + 4, column), (error.Span.Path, error.Span.Line, error.Span.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_citation_inside_a_link_text_is_not_a_second_link()
    {
        var rendered = Format(CitationStyle.AuthorYear).Render("content/posts/p.md", "[the paper by @vaswani2017](https://arxiv.org/abs/1706.03762)", 1);
        Assert.StartsWith("<p><a href=\"https://arxiv.org/abs/1706.03762\">the paper by <span class=\"citation\" data-cites=\"vaswani2017\">Vaswani et al. (2017)</span></a></p>", rendered.Html);
        Assert.Empty(rendered.Diagnostics);
    }

    [Fact]
    public void A_bare_unknown_name_stays_text_with_a_warning()
    {
        var rendered = Format(CitationStyle.AuthorYear).Render("content/posts/p.md", "Thanks to @karpathy for the idea.", 1);
        Assert.Equal("<p>Thanks to @karpathy for the idea.</p>\n", rendered.Html);
        var warning = Assert.Single(rendered.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(11, warning.Span.Column);
    }

    [Fact]
    public void Without_a_bibliography_bare_names_are_text_and_brackets_are_errors()
    {
        var format = new MarkdownFormat(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, false));
        var bare = format.Render("content/posts/p.md", "Follow @someone and mail a@b.org.", 1);
        Assert.Equal("<p>Follow @someone and mail a@b.org.</p>\n", bare.Html);
        Assert.Empty(bare.Diagnostics);
        var bracket = format.Render("content/posts/p.md", "As [@vaswani2017] said.", 1);
        Assert.True(Assert.Single(bracket.Diagnostics).IsError);
    }

    [Theory]
    [InlineData("[@a](https://x.org)", "<a href=\"https://x.org\">@a</a>")]
    [InlineData("[text @ 5](https://x.org)", "<a href=\"https://x.org\">text @ 5</a>")]
    [InlineData("[@a; not a key]", "[@a; not a key]")]
    [InlineData("user@example.org", "user@example.org")]
    public void Brackets_that_are_not_citations_stay_what_they_are(string markdown, string html)
    {
        var format = new MarkdownFormat(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, false));
        var rendered = format.Render("content/posts/p.md", markdown, 1);
        Assert.Equal("<p>" + html + "</p>\n", rendered.Html);
    }

    private static string GoldenDir([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "golden");
}
