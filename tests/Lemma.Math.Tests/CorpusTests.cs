using System.Xml.Linq;
using Xunit.Abstractions;

namespace Lemma.Math.Tests;

public sealed class CorpusTests(ITestOutputHelper output)
{
    /// <summary>Share of the formulas KaTeX accepts that must convert without error (measured 99.5%, see docs/math.md).</summary>
    const double Floor = 0.99;

    [Fact]
    public void Every_corpus_formula_converts_to_well_formed_XML_without_exception()
    {
        var malformed = new List<string>();
        foreach (var f in Corpus.Formulas)
        {
            var renderer = new MathRenderer(new MathOptions { Macros = f.Macros });
            var result = renderer.Render(f.Tex, f.Display, new MathDocument());
            try
            {
                XElement.Parse($"<root>{result.Html}</root>");
            }
            catch (System.Xml.XmlException e)
            {
                malformed.Add($"{f.Id}: {e.Message}");
            }
        }
        foreach (var m in malformed) output.WriteLine(m);
        Assert.Empty(malformed);
    }

    [Fact]
    public void Formulas_that_KaTeX_accepts_convert_without_error_above_the_floor()
    {
        int accepted = 0, ok = 0;
        var failures = new List<string>();
        foreach (var f in Corpus.Formulas)
        {
            if (Corpus.KatexRejects.Contains(f.Id) || f.ExpectError) continue;
            accepted++;
            var renderer = new MathRenderer(new MathOptions { Macros = f.Macros });
            var result = renderer.Render(f.Tex, f.Display, new MathDocument());
            if (result.Ok) ok++;
            else
            {
                var e = result.Errors[0];
                failures.Add($"{f.Id}: {e.Message} at {e.Offset}: {f.Tex.ReplaceLineEndings(" ")}");
            }
        }
        double share = (double)ok / accepted;
        output.WriteLine($"converted without error: {ok}/{accepted} = {share:P2} (floor {Floor:P0})");
        foreach (var line in failures) output.WriteLine(line);
        Assert.True(share >= Floor, $"{share:P2} of the formulas KaTeX accepts convert without error; the floor is {Floor:P0}");
    }

    [Fact]
    public void Every_command_of_the_blog_frequency_table_is_known()
    {
        var unknown = new List<string>();
        var renderer = new MathRenderer();
        foreach (var (kind, name, _) in Corpus.Frequencies())
        {
            var tex = kind == "environment"
                ? $"\\begin{{{name}}}a&b\\\\c&d\\end{{{name}}}"
                : name switch
                {
                    "\\begin" or "\\end" => "\\begin{matrix}a\\end{matrix}",
                    "\\\\" => "\\begin{aligned}a\\\\b\\end{aligned}",
                    "\\left" or "\\right" => "\\left(a\\right)",
                    "\\limits" => "\\sum\\limits_a",
                    "\\big" or "\\Big" or "\\bigg" or "\\Bigg" => name + "(",
                    _ => name + "{a}{b}",
                };
            var result = renderer.Render(tex, display: true, new MathDocument());
            if (!result.Ok) unknown.Add($"{kind} {name}: {result.Errors[0].Message}");
        }
        foreach (var u in unknown) output.WriteLine(u);
        Assert.Empty(unknown);
    }
}
