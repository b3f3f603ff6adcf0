using System.Runtime.CompilerServices;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Math;

namespace Lemma.Tests.Markdown;

/// <summary>
/// Golden files: each golden/NAME.md renders to exactly golden/NAME.html. Set LEMMA_UPDATE_GOLDEN=1 to rewrite
/// the .html files from the current output (then read the diff before committing it).
/// </summary>
public class MarkdownGoldenTests
{
    private static readonly MarkdownFormat Format = new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(LineNumbers: false, CopyButton: true));

    public static TheoryData<string> Cases() => [.. Directory.GetFiles(GoldenDir(), "*.md").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_as_the_golden_file(string name)
    {
        var source = File.ReadAllText(Path.Combine(GoldenDir(), name + ".md"));
        var actual = Format.Render("content/posts/" + name + ".md", source, 1).Html;
        var expectedPath = Path.Combine(GoldenDir(), name + ".html");
        if (Environment.GetEnvironmentVariable("LEMMA_UPDATE_GOLDEN") == "1") File.WriteAllText(expectedPath, actual);
        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }

    private static string GoldenDir([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "golden");
}
