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
}
