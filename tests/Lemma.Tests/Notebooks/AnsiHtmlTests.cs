using Lemma.Notebooks;

namespace Lemma.Tests.Notebooks;

/// <summary>ANSI escapes of tracebacks and logs as HTML spans.</summary>
public class AnsiHtmlTests
{
    [Theory]
    [InlineData("plain <text> & more", "plain &lt;text&gt; &amp; more")]
    [InlineData("\u001b[31mred\u001b[0m after", "<span class=\"ansi-red-fg\">red</span> after")]
    [InlineData("\u001b[0;32mgreen\u001b[39m plain", "<span class=\"ansi-green-fg\">green</span> plain")]
    [InlineData("\u001b[1;91;44mloud\u001b[m", "<span class=\"ansi-bright-red-fg ansi-blue-bg ansi-bold\">loud</span>")]
    [InlineData("\u001b[38;5;241m1\u001b[39m", "<span style=\"color:#626262\">1</span>")]
    [InlineData("\u001b[38;5;9mx", "<span class=\"ansi-bright-red-fg\">x</span>")]
    [InlineData("\u001b[38;2;255;128;0mo\u001b[0m", "<span style=\"color:#ff8000\">o</span>")]
    [InlineData("\u001b[48;5;196mbg", "<span style=\"background-color:#ff0000\">bg</span>")]
    [InlineData("a\u001b[2Kb\u001b]8;;https://x\u0007link\u001b]8;;\u0007", "ablink")]
    [InlineData("\u001b[31m\u001b[0m", "")]
    [InlineData("\u001b[4mu\u001b[24m", "<span class=\"ansi-underline\">u</span>")]
    public void Converts_sgr_codes_to_spans_and_drops_other_escapes(string input, string html) =>
        Assert.Equal(html, AnsiHtml.Convert(input));
}
