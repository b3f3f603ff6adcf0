using Lemma.Bibliography;

namespace Lemma.Tests.Bibliography;

/// <summary>The BibTeX parser as a specification: entry types, values, macros, accents, names and errors.</summary>
public class BibParserTests
{
    private static BibEntry Single(string bib)
    {
        var file = BibParser.Parse("refs.bib", bib);
        Assert.Empty(file.Diagnostics);
        return Assert.Single(file.Entries);
    }

    [Fact]
    public void Article_fields_are_lower_case_and_unicode()
    {
        var e = Single("""
            @Article{vaswani2017,
              Title   = {Attention Is {All} You Need},
              author  = {Vaswani, Ashish and Shazeer, Noam},
              JOURNAL = "Advances in Neural Information Processing Systems",
              volume  = 30,
              pages   = {5998--6008},
              year    = {2017},
              doi     = {10.5555/3295222.3295349},
            }
            """);
        Assert.Equal("article", e.Type);
        Assert.Equal("vaswani2017", e.Key);
        Assert.Equal("Attention Is All You Need", e.Title);
        Assert.Equal("Advances in Neural Information Processing Systems", e["journal"]);
        Assert.Equal("30", e["volume"]);
        Assert.Equal("5998–6008", e["pages"]);
        Assert.Equal("2017", e.Year);
        Assert.Equal("10.5555/3295222.3295349", e.Doi);
        Assert.Equal(["Vaswani", "Shazeer"], e.Authors.Select(a => a.Last));
        Assert.Equal(new Lemma.Diagnostics.SourceSpan("refs.bib", 1, 1), e.Span);
    }

    [Theory]
    [InlineData("@inproceedings{k, title={T}, booktitle={NeurIPS}}", "inproceedings", "booktitle", "NeurIPS")]
    [InlineData("@book{k, title={T}, publisher={MIT Press}, address={Cambridge, MA}}", "book", "publisher", "MIT Press")]
    [InlineData("@misc{k, title={T}, howpublished={\\url{https://example.org}}}", "misc", "howpublished", "https://example.org")]
    [InlineData("@phdthesis(k, title={T}, school={ETH Z{\\\"u}rich})", "phdthesis", "school", "ETH Zürich")]
    [InlineData("@techreport{k, title = \"A {\"}quoted{\"} title\", institution={X}}", "techreport", "title", "A \"quoted\" title")]
    public void Entry_types_and_values(string bib, string type, string field, string value)
    {
        var e = Single(bib);
        Assert.Equal(type, e.Type);
        Assert.Equal(value, e[field]);
    }

    [Theory]
    [InlineData("@misc{k, eprint={2203.15556}, archivePrefix={arXiv}, primaryClass={cs.CL}}", "2203.15556")]
    [InlineData("@misc{k, eprint={1706.03762v5}, eprinttype={arxiv}}", "1706.03762v5")]
    [InlineData("@article{k, journal={arXiv preprint arXiv:2001.08361}}", "2001.08361")]
    [InlineData("@misc{k, url={https://arxiv.org/abs/1412.6980}}", "1412.6980")]
    [InlineData("@article{k, journal={arXiv preprint hep-th/9901001}}", null)]
    [InlineData("@misc{k, eprint={1234}, archivePrefix={HAL}}", null)]
    public void ArXiv_identifiers(string bib, string? id) => Assert.Equal(id, Single(bib).Arxiv);

    [Theory]
    [InlineData("{10.1000/xyz}", "10.1000/xyz")]
    [InlineData("{https://doi.org/10.1000/xyz}", "10.1000/xyz")]
    [InlineData("{doi:10.1000/a_b}", "10.1000/a_b")]
    [InlineData("{10.1000/a\\_b}", "10.1000/a_b")]
    public void Dois_lose_their_resolver_and_keep_underscores(string value, string doi) =>
        Assert.Equal(doi, Single("@article{k, doi = " + value + "}").Doi);

    [Fact]
    public void String_macros_concatenation_and_months()
    {
        var e = Single("""
            @string{neurips = "Advances in Neural Information Processing Systems"}
            @STRING(vol = {30})
            @preamble{"\newcommand{\noop}[1]{}"}
            @comment{ this is {ignored} }
            Free text between entries is a comment too.
            @inproceedings{k,
              booktitle = neurips # " " # vol,
              month = jun,
              note = {Vol.~} # vol # ", " # Mar,
            }
            """);
        Assert.Equal("Advances in Neural Information Processing Systems 30", e["booktitle"]);
        Assert.Equal("June", e["month"]);
        Assert.Equal("Vol.\u00A030, March", e["note"]);
    }

    [Fact]
    public void Nested_braces_are_kept_until_the_outer_one_closes()
    {
        var e = Single("@article{k, title = {The {{BERT}} of {Language {Models}}}, year = 2019}");
        Assert.Equal("The BERT of Language Models", e.Title);
        Assert.Equal("2019", e.Year);
    }

    [Theory]
    [InlineData("{\\\"o}", "ö")]
    [InlineData("\\\"{o}", "ö")]
    [InlineData("\\'e", "é")]
    [InlineData("\\`a", "à")]
    [InlineData("\\^{o}", "ô")]
    [InlineData("\\~n", "ñ")]
    [InlineData("{\\ss}", "ß")]
    [InlineData("\\c{c}", "ç")]
    [InlineData("\\c c", "ç")]
    [InlineData("\\v{s}", "š")]
    [InlineData("\\H{o}", "ő")]
    [InlineData("\\k{a}", "ą")]
    [InlineData("\\r{a}", "å")]
    [InlineData("\\u{g}", "ğ")]
    [InlineData("\\={a}", "ā")]
    [InlineData("\\.{z}", "ż")]
    [InlineData("\\'{\\i}", "í")]
    [InlineData("{\\o}", "ø")]
    [InlineData("{\\L}{\\'o}d{\\'z}", "Łódź")]
    [InlineData("{\\aa}", "å")]
    [InlineData("{\\AE}", "Æ")]
    [InlineData("Erd\\H{o}s", "Erdős")]
    [InlineData("a -- b --- c", "a – b — c")]
    [InlineData("``quoted''", "“quoted”")]
    [InlineData("R\\&D 50\\%", "R&D 50%")]
    [InlineData("\\emph{Deep} \\textbf{learning}", "Deep learning")]
    [InlineData("$\\alpha$-divergence", "α-divergence")]
    [InlineData("two\n   lines", "two lines")]
    [InlineData("Gr{\\\"o}{\\ss}e", "Größe")]
    public void LaTeX_accents_and_symbols_become_unicode(string latex, string text) => Assert.Equal(text, LatexText.ToUnicode(latex));

    [Theory]
    [InlineData("Vaswani, Ashish", "Ashish", "", "Vaswani", "")]
    [InlineData("Ashish Vaswani", "Ashish", "", "Vaswani", "")]
    [InlineData("Laurens van der Maaten", "Laurens", "van der", "Maaten", "")]
    [InlineData("van der Maaten, Laurens", "Laurens", "van der", "Maaten", "")]
    [InlineData("Steele, Jr., Guy L.", "Guy L.", "", "Steele", "Jr.")]
    [InlineData("{OpenAI}", "", "", "OpenAI", "")]
    [InlineData("{Google DeepMind}", "", "", "Google DeepMind", "")]
    [InlineData("Paul {\\'E}rd{\\H{o}}s", "Paul", "", "Érdős", "")]
    [InlineData("Kurt G{\\\"o}del", "Kurt", "", "Gödel", "")]
    [InlineData("Jean-Baptiste {de la Fontaine}", "Jean-Baptiste", "", "de la Fontaine", "")]
    [InlineData("Jean-Baptiste {de la} Fontaine", "Jean-Baptiste de la", "", "Fontaine", "")]
    [InlineData("Ludwig von Beethoven", "Ludwig", "von", "Beethoven", "")]
    public void Names_split_like_bibtex(string name, string first, string von, string last, string jr) =>
        Assert.Equal(new Person(first, von, last, jr), Names.ParseOne(name));

    [Fact]
    public void Author_lists_split_at_top_level_and()
    {
        var e = Single("@article{k, author = {Hoffmann, Jordan and Borgeaud, Sebastian\n  AND {Barnes and Noble} and others}}");
        Assert.Equal(["Hoffmann", "Borgeaud", "Barnes and Noble", "others"], e.Authors.Select(a => a.Last));
        Assert.True(e.Authors[^1].IsOthers);
        Assert.Equal("Jordan Hoffmann", e.Authors[0].FullName);
    }

    [Theory]
    [InlineData("@article{k, title = {Unclosed}\n", 1, 9, "'{' of @article{k} is never closed")]
    [InlineData("@article{k, title = {Un{closed}", 1, 21, "'{' is never closed")]
    [InlineData("@article{k,\n  title = undefinedmacro,\n}", 2, 11, "unknown @string macro 'undefinedmacro'")]
    [InlineData("@article{k,\n  title {T}\n}", 2, 9, "expected '='")]
    [InlineData("@article{, title = {T}}", 1, 10, "has no citation key")]
    [InlineData("@article{k,\n  title = \"open\n}", 2, 11, "'\"' is never closed")]
    [InlineData("@article{k, title = {T} year = 2020}", 1, 25, "expected ',' or '}'")]
    [InlineData("@{k, title = {T}}", 1, 2, "expected an entry type")]
    [InlineData("@article{k, title = }", 1, 21, "expected a value")]
    public void Errors_have_line_and_column(string bib, int line, int column, string message)
    {
        var file = BibParser.Parse("content/posts/a/refs.bib", bib);
        var error = Assert.Single(file.Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal(("content/posts/a/refs.bib", line, column), (error.Span.Path, error.Span.Line, error.Span.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_key_defined_twice_is_a_warning_and_the_first_entry_is_used()
    {
        var file = BibParser.Parse("refs.bib", "@article{k, title = {T}}\n\n@book{k, title = {U}}");
        var warning = Assert.Single(file.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(("refs.bib", 3, 7), (warning.Span.Path, warning.Span.Line, warning.Span.Column));
        Assert.Contains("key 'k' is defined twice (first at line 1); the first is used", warning.Message);
        Assert.Equal("T", Assert.Single(file.Entries).Title);
    }

    [Fact]
    public void A_percent_comment_line_may_hold_an_at_sign()
    {
        var file = BibParser.Parse("refs.bib", "% cite as [@key] or mail me@example.org\n@misc{key, title = {T}}\n");
        Assert.Empty(file.Diagnostics);
        Assert.Equal("key", Assert.Single(file.Entries).Key);
    }

    [Fact]
    public void Parsing_goes_on_at_the_next_entry_after_an_error()
    {
        var file = BibParser.Parse("refs.bib", "@article{bad, title = nomacro}\n@article{good, title = {Fine}}\n@book{also, title = {Fine too}}\n");
        Assert.Single(file.Diagnostics);
        Assert.Equal(["good", "also"], file.Entries.Select(e => e.Key));
    }

    [Fact]
    public void A_duplicate_field_is_a_warning_and_the_first_is_kept()
    {
        var file = BibParser.Parse("refs.bib", "@article{k, title = {One},\n title = {Two}}");
        var warning = Assert.Single(file.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(2, warning.Span.Line);
        Assert.Equal("One", Assert.Single(file.Entries).Title);
    }

    [Fact]
    public void A_page_sees_the_bibliographies_of_its_folder_and_above_nearest_first()
    {
        var library = new BibLibrary([
            BibParser.Parse("references.bib", "@misc{a, title={Root A}} @misc{b, title={Root B}}"),
            BibParser.Parse("content/posts/p/refs.bib", "@misc{b, title={Bundle B}} @misc{c, title={Bundle C}}"),
            BibParser.Parse("content/notes/n.bib", "@misc{d, title={Notes D}}"),
        ]);
        var post = library.For("content/posts/p/index.md");
        Assert.Equal(["a", "b", "c"], post.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Bundle B", post["b"].Title);
        var other = library.For("content/posts/q.md");
        Assert.Equal(["a", "b"], other.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Root B", other["b"].Title);
        Assert.Contains("d", library.For("content/notes/deep/x.md").Keys);
    }
}
