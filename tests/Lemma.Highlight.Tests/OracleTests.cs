using Lemma.Highlight.Lexing;
using Xunit.Abstractions;

namespace Lemma.Highlight.Tests;

/// <summary>
/// The TextMate grammars (VS Code's own) are the reference: on each golden source, the hand lexer must give the same
/// token kind as the TextMate path for a high share of the non-blank characters. The floors are what was measured,
/// rounded down; docs/highlighting.md lists the known, deliberate differences.
/// </summary>
public class OracleTests(ITestOutputHelper output)
{
    private static readonly Highlighter Hand = new(HighlightEngine.Auto);
    private static readonly Highlighter TextMate = new(HighlightEngine.TextMate);

    public static TheoryData<string, double> Floors() => new()
    {
        { "python", 0.99 },
        { "bash", 0.99 },
        { "console", 0.99 },
        { "json", 0.99 },
        { "yaml", 0.99 },
        { "cpp", 0.99 },
        { "cuda", 0.99 },
        { "c", 0.99 },
        { "rust", 0.97 },
        { "sql", 0.99 },
        { "diff", 0.99 },
    };

    internal static (long Same, long Total, List<string> Differences) Compare(string code, string language)
    {
        code = HtmlLines.Normalize(code);
        var a = Hand.Tokenize(code, language).ToKinds(code.Length);
        var b = TextMate.Tokenize(code, language).ToKinds(code.Length);
        long same = 0, total = 0;
        var differences = new List<string>();
        for (var i = 0; i < code.Length; i++)
        {
            if (char.IsWhiteSpace(code[i])) continue;
            total++;
            if (a[i] == b[i]) same++;
            else if (differences.Count < 40)
                differences.Add($"line {code.AsSpan(0, i).Count('\n') + 1} '{code[i]}': hand {a[i]}, textmate {b[i]}");
        }
        return (same, total, differences);
    }

    [Theory]
    [MemberData(nameof(Floors))]
    public void Hand_lexer_agrees_with_the_TextMate_reference(string language, double floor)
    {
        var sources = Golden.Sources().Where(s => s.Language == language).ToList();
        if (sources.Count == 0) return; // no golden source for this language (yet): nothing to compare
        long same = 0, total = 0;
        foreach (var (_, path) in sources)
        {
            var (s, t, differences) = Compare(Golden.Read(path), language);
            same += s;
            total += t;
            foreach (var d in differences) output.WriteLine($"{Path.GetFileName(path)}: {d}");
        }
        var share = (double)same / total;
        output.WriteLine($"{language}: {same}/{total} characters agree ({share:P2}), floor {floor:P0}");
        Assert.True(share >= floor, $"{language}: {share:P2} < {floor:P0}");
    }

    [Fact]
    public void The_comparison_detects_disagreement()
    {
        // A known, deliberate difference: VS Code's Rust grammar splits "2.5e-3" into number, text and operator,
        // the hand lexer keeps one number. The measure must see it.
        var (same, total, differences) = Compare("let x = 2.5e-3;", "rust");
        Assert.True(same < total);
        Assert.NotEmpty(differences);
        var (same2, total2, _) = Compare("let x = 2;", "rust");
        Assert.Equal(total2, same2);
    }
}
