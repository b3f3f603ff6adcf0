using Lemma.Diagnostics;

namespace Lemma.Tests;

public class DiagnosticTests
{
    [Fact]
    public void An_error_prints_like_a_compiler_message()
    {
        var d = Diagnostic.Error(new SourceSpan("content/posts/a.md", 3, 7), "missing title");
        Assert.Equal("content/posts/a.md:3:7: error: missing title", d.ToString());
    }

    [Theory]
    [InlineData("math: unknown command '\\foo'; its TeX is shown instead", "math")]
    [InlineData("shortcode: Lemma does not know the shortcode 'box'; its text is kept", "shortcode")]
    [InlineData("unknown code language 'bibtex': shown without highlighting (11 blocks in this build)", "unknown code language '…': shown without highlighting (…)")]
    [InlineData("is a symbolic link to a folder that holds it; skipped", "is a symbolic link to a folder that holds it; skipped")]
    public void A_warning_kind_is_its_prefix_or_its_message_without_quoted_parts(string message, string kind) =>
        Assert.Equal(kind, Diagnostic.Warning(SourceSpan.File("a.md"), message).Kind);

    [Fact]
    public void Kinds_are_counted_most_first_with_their_first_examples_in_order()
    {
        var span = SourceSpan.File("a.md");
        var kinds = DiagnosticKinds.Of([
            Diagnostic.Warning(span, "math: a"), Diagnostic.Warning(span, "Liquid: b"),
            Diagnostic.Warning(span, "math: c"), Diagnostic.Warning(span, "math: d"),
        ], examples: 2);
        Assert.Equal(["math", "Liquid"], kinds.Select(k => k.Kind));
        Assert.Equal(3, kinds[0].Count);
        Assert.Equal(["math: a", "math: c"], kinds[0].First.Select(d => d.Message));
    }
}
