namespace Lemma.Highlight.Bench;

/// <summary><c>--loop LANGUAGE [N]</c>: highlights one golden sample N times; thread CPU per line, split into lexing and rendering.</summary>
internal static class Loop
{
    public static int Run(string language, int n)
    {
        var hl = new Highlighter();
        var code = Lexing.HtmlLines.Normalize(Samples.Read(language));
        var lines = code.Split('\n').Length;
        for (var i = 0; i < 200; i++) hl.Highlight(code, language);
        var t0 = ThreadCpu.Micros();
        for (var i = 0; i < n; i++) hl.Highlight(code, language);
        var total = ThreadCpu.Micros() - t0;
        t0 = ThreadCpu.Micros();
        for (var i = 0; i < n; i++) hl.Tokenize(code, language);
        var lex = ThreadCpu.Micros() - t0;
        var tokens = hl.Tokenize(code, language);
        t0 = ThreadCpu.Micros();
        for (var i = 0; i < n; i++) Lexing.HtmlLines.Render(code, tokens);
        var render = ThreadCpu.Micros() - t0;
        Console.WriteLine($"{language}: {lines} lines, {code.Length} chars, {tokens.Count} tokens: {total / n / lines:F3} µs/line " +
                          $"(lex {lex / n / lines:F3}, render {render / n / lines:F3})");
        return 0;
    }
}
