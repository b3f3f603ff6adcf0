using Lemma.Bibliography;

namespace Lemma.Tests.Bibliography;

/// <summary>How entries read: citation labels and the plain-text reference shown on hover.</summary>
public class ReferenceFormatterTests
{
    private static BibEntry Entry(string bib) => Assert.Single(BibParser.Parse("refs.bib", bib).Entries);

    [Theory]
    [InlineData("@misc{k, author = {Hinton, Geoffrey}, title = {T}}", "Hinton")]
    [InlineData("@misc{k, author = {Kingma, Diederik and Ba, Jimmy}, title = {T}}", "Kingma and Ba")]
    [InlineData("@misc{k, author = {A, B and C, D and E, F}, title = {T}}", "A et al.")]
    [InlineData("@misc{k, author = {Hinton, Geoffrey and others}, title = {T}}", "Hinton et al.")]
    [InlineData("@misc{k, author = {Laurens van der Maaten and Geoffrey Hinton}, title = {T}}", "van der Maaten and Hinton")]
    [InlineData("@misc{k, author = {{OpenAI}}, title = {GPT-4 Technical Report}}", "OpenAI")]
    [InlineData("@book{k, editor = {Smith, Ann}, title = {Handbook}}", "Smith")]
    [InlineData("@misc{k, title = {An Anonymous Report on Things}}", "“An Anonymous Report on…”")]
    [InlineData("@misc{k}", "k")]
    public void Author_labels(string bib, string label) => Assert.Equal(label, ReferenceFormatter.AuthorLabel(Entry(bib)));

    [Theory]
    [InlineData("@article{k, author = {Schmidhuber, J{\\\"u}rgen}, title = {Deep Learning in Neural Networks: An Overview.}, journal = {Neural Networks}, volume = 61, pages = {85--117}, year = 2015, doi = {10.1016/j.neunet.2014.09.003}}",
        "Jürgen Schmidhuber. 2015. “Deep Learning in Neural Networks: An Overview.” Neural Networks 61: 85–117. doi:10.1016/j.neunet.2014.09.003")]
    [InlineData("@book{k, author = {Goodfellow, Ian and Bengio, Yoshua}, title = {Deep Learning}, publisher = {MIT Press}, year = 2016}",
        "Ian Goodfellow and Yoshua Bengio. 2016. Deep Learning. MIT Press.")]
    [InlineData("@book{k, editor = {Smith, Ann and Jones, Bo}, title = {Handbook}, year = 2001}",
        "Ann Smith and Bo Jones, eds. 2001. Handbook.")]
    [InlineData("@misc{k, author = {A, A}, title = {Web page}, url = {https://example.org/a_b}}",
        "A A. n.d. “Web page.” https://example.org/a_b")]
    [InlineData("@misc{k, author = {A, A and B, B and C, C and D, D and E, E and F, F and G, G and H, H and I, I and J, J and K, K}, title = {Many}, year = 2020, eprint = {2001.00001}, archiveprefix = {arXiv}}",
        "A A, B B, C C, D D, E E, F F, G G, et al. 2020. “Many.” arXiv:2001.00001")]
    public void Full_references_as_text(string bib, string text) => Assert.Equal(text, ReferenceFormatter.Text(Entry(bib)));

    [Fact]
    public void Html_references_link_doi_and_arxiv_and_escape_text()
    {
        var html = ReferenceFormatter.Html(Entry("@misc{k, author = {Rae, Jack}, title = {Methods {\\&} <Insights>}, year = 2021, doi = {10.1/x}, eprint = {2112.11446}, archivePrefix = {arXiv}}"));
        Assert.Equal("Jack Rae. 2021. “Methods &amp; &lt;Insights&gt;.” <a href=\"https://doi.org/10.1/x\">doi:10.1/x</a> <a href=\"https://arxiv.org/abs/2112.11446\">arXiv:2112.11446</a>", html);
    }
}
