namespace Lemma.Highlight.Tests;

/// <summary>
/// Every golden source highlights to exactly its .html file (one line of HTML per source line). To accept new output
/// after a deliberate change, run the tests with LEMMA_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public class GoldenTests
{
    private static readonly Highlighter Highlighter = new();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var (_, path) in Golden.Sources()) data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Source_highlights_to_its_golden_html(string file)
    {
        var path = Path.Combine(Golden.Directory(), file);
        var language = Golden.LanguageByExtension[Path.GetExtension(path)];
        var result = Highlighter.Highlight(Golden.Read(path), language);
        Assert.True(result.Recognized);
        var html = string.Join("\n", result.Lines) + "\n";
        var expectedPath = path + ".html";
        if (Environment.GetEnvironmentVariable("LEMMA_UPDATE_GOLDEN") == "1") File.WriteAllText(expectedPath, html);
        Assert.True(File.Exists(expectedPath), $"missing {expectedPath}; run with LEMMA_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(expectedPath).Replace("\r\n", "\n"), html);
    }

    [Fact]
    public void Every_hand_lexed_language_has_a_golden_file()
    {
        var covered = Golden.Sources().Select(s => s.Language).ToHashSet();
        foreach (var language in new Highlighter().Languages.Where(Highlighter.HasHandLexer))
            Assert.Contains(language, covered);
    }
}
