using System.Runtime.CompilerServices;
using Lemma.Bibliography;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Citations;
using Lemma.Markdown.Code;
using Lemma.Markdown.Sidenotes;
using Lemma.Math;
using Markdig;

namespace Lemma.Tests.Markdown;

/// <summary>
/// Sidenotes beside footnote references (golden/sidenotes.md shows the HTML): what is left out of summaries, the
/// site switch, and that a note rendered twice (margin and list) reports its problems once.
/// </summary>
public class SidenoteTests
{
    private static MarkdownFormat Format(bool sidenotes = true, CitationSettings? citations = null) =>
        new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, true), citations, sidenotes);

    [Fact]
    public void The_summary_keeps_the_reference_but_not_the_sidenote()
    {
        var r = Format().Render("content/posts/p.md", "A claim.[^1] More.\n\n[^1]: The *note*, with <span>raw</span> HTML.\n", 1);
        Assert.Contains("<span class=\"sidenote\" role=\"note\">", r.Html);
        Assert.Equal("<p>A claim.<a id=\"fnref:1\" href=\"#fn:1\" class=\"footnote-ref\"><sup>1</sup></a> More.</p>", r.SummaryHtml);
    }

    [Fact]
    public void Turned_off_footnotes_render_as_Markdig_writes_them()
    {
        const string body = "A claim.[^1]\n\n[^1]: The note.\n";
        var off = Format(sidenotes: false).Render("p.md", body, 1).Html;
        var plain = Markdig.Markdown.ToHtml(body, new Markdig.MarkdownPipelineBuilder().UseFootnotes().Build());
        Assert.Equal(plain, off);
        Assert.DoesNotContain("sidenote", off);
    }

    [Theory]
    [InlineData("A.[^1]\n\n[^1]: One paragraph.\n", true)]
    [InlineData("A.[^1]\n\n[^1]: One.\n\n    Two paragraphs.\n", true)]
    [InlineData("A.[^1]\n\n[^1]: A list:\n\n    - one\n", false)]
    [InlineData("A.[^1]\n\n[^1]: Code:\n\n        x = 1\n", false)]
    [InlineData("A.[^1]\n\n[^1]: > A quote.\n", false)]
    [InlineData("A.[^1]\n\n[^1]: Math:\n\n    $$\n    x\n    $$\n", false)]
    public void Only_notes_of_paragraphs_become_sidenotes(string body, bool sidenote)
    {
        var html = Format().Render("p.md", body, 1).Html;
        Assert.Equal(sidenote, html.Contains("class=\"sidenote\"", StringComparison.Ordinal));
        // The footnote list is there either way; hidden on wide screens only when every note is in the margin.
        Assert.Contains(sidenote ? "<div class=\"footnotes sidenoted\">" : "<div class=\"footnotes\">", html);
    }

    [Fact]
    public void Sidenote_and_footnote_number_agree_and_ids_stay_unique()
    {
        var html = Format().Render("p.md", "A.[^b] B.[^a] C.[^b]\n\n[^a]: First defined, second cited; cites [^b].\n[^b]: Cited first.\n", 1).Html;
        Assert.Contains("<sup>1</sup></a><span class=\"sidenote\" role=\"note\"><span class=\"sidenote-number\">1</span> Cited first.</span>", html);
        Assert.Contains("<sup>2</sup></a><span class=\"sidenote\" role=\"note\"><span class=\"sidenote-number\">2</span> First defined", html);
        Assert.Equal(1, Count(html, "class=\"sidenote\" role=\"note\"><span class=\"sidenote-number\">1<"));
        var ids = System.Text.RegularExpressions.Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void A_note_cited_only_from_another_note_stays_a_footnote()
    {
        var html = Format().Render("p.md", "A.[^a]\n\n[^a]: Outer, see [^b].\n[^b]: Inner.\n", 1).Html;
        Assert.Equal(1, Count(html, "class=\"sidenote\" role=\"note\""));
        Assert.Contains("<li id=\"fn:2\" value=\"2\">", html); // listed, and shown on wide screens too
        Assert.Contains("<li id=\"fn:1\" class=\"sidenoted\" value=\"1\">", html);
    }

    [Fact]
    public void An_unknown_citation_in_a_note_is_one_error()
    {
        var library = new BibLibrary([BibParser.Parse("references.bib", File.ReadAllText(Path.Combine(BibDir(), "references.bib")))]);
        var r = Format(citations: new CitationSettings(library, CitationStyle.AuthorYear))
            .Render("content/posts/p.md", "Text.[^1]\n\n[^1]: See [@vaswani2017] and [@nobody].\n", 1);
        var error = Assert.Single(r.Diagnostics);
        Assert.Contains("'nobody'", error.Message);
        Assert.Equal(2, Count(r.Html, "href=\"#ref-vaswani2017\"")); // in the margin and in the list
    }

    [Theory]
    [InlineData("no note", "no note")]
    [InlineData("a<span class=\"sidenote\" role=\"note\"><span class=\"sidenote-number\">1</span> x <span>y</span></span>b", "ab")]
    [InlineData("<span class=\"sidenote\" role=\"note\">1</span>-<span class=\"sidenote\" role=\"note\">2</span>", "-")]
    [InlineData("<span class=\"sidenote\" role=\"note\">unclosed", "<span class=\"sidenote\" role=\"note\">unclosed")]
    public void Strip_removes_whole_sidenote_spans(string html, string expected) => Assert.Equal(expected, SidenoteHtml.Strip(html));

    public static TheoryData<string, bool> Settings() => new()
    {
        { "", true },
        { "sidenotes: false", false },
        { "sidenotes: true", true },
        { "params: { sidenotes: false }", false },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Site_yaml_turns_them_off(string yaml, bool enabled)
    {
        var (map, error) = Lemma.Configuration.StructuredText.Parse(yaml, Lemma.Configuration.StructuredFormat.Yaml, "site.yaml", 1);
        Assert.Null(error);
        Assert.Equal(enabled, SidenoteSettings.Enabled(map!.Values));
    }

    private static int Count(string s, string part) => (s.Length - s.Replace(part, "").Length) / part.Length;

    private static string BibDir([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "..", "Bibliography", "golden");
}
