using System.Reflection;

namespace Lemma.Tests;

/// <summary>Dependencies point one way: Cli -> Server -> Lemma -> {Lemma.Math, Lemma.Highlight}; the libraries stand alone.</summary>
public class ArchitectureTests
{
    private static string[] LemmaReferences(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Lemma", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_engine_references_only_the_math_and_highlight_libraries() =>
        Assert.Equal(["Lemma.Highlight", "Lemma.Math"], LemmaReferences(typeof(Lemma.Build.SiteBuilder).Assembly));

    [Fact]
    public void Math_and_highlighting_depend_on_no_other_lemma_assembly()
    {
        Assert.Empty(LemmaReferences(typeof(Lemma.Math.MathRenderer).Assembly));
        Assert.Empty(LemmaReferences(typeof(Lemma.Highlight.IHighlighter).Assembly));
    }

    [Fact]
    public void Math_uses_nothing_beyond_the_base_library() =>
        Assert.All(typeof(Lemma.Math.MathRenderer).Assembly.GetReferencedAssemblies(),
            a => Assert.True(a.Name!.StartsWith("System", StringComparison.Ordinal) || a.Name == "netstandard", a.Name));
}
