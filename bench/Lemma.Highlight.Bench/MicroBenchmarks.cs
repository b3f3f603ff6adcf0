using BenchmarkDotNet.Attributes;

namespace Lemma.Highlight.Bench;

/// <summary>
/// Highlighting one golden sample, warm: hand lexer vs TextMate grammar, per language. In process: building
/// BenchmarkDotNet's separate boilerplate project timed out on the shared machine.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class MicroBenchmarks
{
    private readonly Highlighter _hand = new(HighlightEngine.Auto);
    private readonly Highlighter _textMate = new(HighlightEngine.TextMate);
    private string _code = "";

    [Params("python", "bash", "console", "json", "yaml", "cpp", "rust", "sql", "diff")]
    public string Language { get; set; } = "python";

    [GlobalSetup]
    public void Setup()
    {
        _code = Samples.Read(Language);
        _hand.Highlight(_code, Language);
        _textMate.Highlight(_code, Language);
    }

    [Benchmark(Baseline = true)]
    public int Hand() => _hand.Highlight(_code, Language).Lines.Count;

    [Benchmark]
    public int TextMate() => _textMate.Highlight(_code, Language).Lines.Count;
}
