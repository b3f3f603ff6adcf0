using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Lemma.Math.Tests;

/// <summary>Our MathML against Temml's for the corpus, after a normalisation that keeps what changes the
/// rendering structure and drops what only styles it (see docs/math.md, "Conformance with Temml").</summary>
public sealed partial class ConformanceTests(ITestOutputHelper output)
{
    /// <summary>Floors recorded from the last measurement; CI fails if a rate drops below.</summary>
    const double ErrorFreeFloor = 0.99;   // measured 99.76%
    const double StructuralFloor = 0.88;  // measured 88.43%

    static readonly HashSet<string> KeptAttributes = ["mathvariant", "linethickness", "movablelimits"];

    [Fact]
    public void Output_matches_Temml_structurally_above_the_floor()
    {
        var temml = LoadTemml();
        int accepted = 0, ok = 0, equal = 0;
        var byCommand = new Dictionary<string, int>();
        var examples = new List<string>();
        // LEMMA_MATH_DIFF=file writes every differing formula (id, TeX, both normalised forms) for triage.
        var dumpPath = Environment.GetEnvironmentVariable("LEMMA_MATH_DIFF");
        var dump = new List<string>();
        foreach (var f in Corpus.Formulas)
        {
            if (!temml.TryGetValue(f.Id, out var reference) || reference is null) continue;
            accepted++;
            var r = new MathRenderer(new MathOptions { Macros = f.Macros }).Render(f.Tex, f.Display, new MathDocument());
            if (!r.Ok) continue;
            ok++;
            var ours = Normalize(r.Html);
            var theirs = Normalize(reference);
            if (ours == theirs)
            {
                equal++;
                continue;
            }
            foreach (var cmd in Commands(f.Tex)) byCommand[cmd] = byCommand.GetValueOrDefault(cmd) + 1;
            dump.Add($"{f.Id}\t{f.Tex.ReplaceLineEndings(" ")}\t{ours}\t{theirs}");
            if (examples.Count < 100) examples.Add($"{f.Id}: {f.Tex.ReplaceLineEndings(" ")}\n  ours:  {ours}\n  temml: {theirs}");
        }
        double errorFree = (double)ok / accepted, structural = (double)equal / accepted;
        output.WriteLine($"over the {accepted} formulas Temml accepts: converted without error {errorFree:P2} (floor {ErrorFreeFloor:P0}), " +
            $"structurally equal to Temml {structural:P2} (floor {StructuralFloor:P0})");
        output.WriteLine("commands in differing formulas: " +
            string.Join(", ", byCommand.OrderByDescending(p => p.Value).Take(60).Select(p => $"{p.Key} {p.Value}")));
        foreach (var e in examples) output.WriteLine(e);
        if (!string.IsNullOrEmpty(dumpPath)) File.WriteAllLines(dumpPath, dump);
        Assert.True(errorFree >= ErrorFreeFloor, $"error-free {errorFree:P2} < {ErrorFreeFloor:P0}");
        Assert.True(structural >= StructuralFloor, $"structural {structural:P2} < {StructuralFloor:P0}");
    }

    static Dictionary<string, string?> LoadTemml()
    {
        var d = new Dictionary<string, string?>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "corpus", "temml.jsonl")))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            d[r.GetProperty("id").GetString()!] = r.TryGetProperty("mathml", out var m) ? m.GetString() : null;
        }
        return d;
    }

    static IEnumerable<string> Commands(string tex) =>
        CommandPattern().Matches(tex).Select(m => m.Value).Distinct();

    [GeneratedRegex(@"\\[a-zA-Z]+|\\begin\{[a-z*]+\}")]
    private static partial Regex CommandPattern();

    /// <summary>Element names and text, with: annotation and styling-only attributes dropped; mstyle, menclose
    /// and elements carrying only styling read as mrow; mrows spliced into their mrow-like parents; single-child
    /// mrows replaced by the child; mspace and empty mrows dropped; no-break spaces read as spaces.</summary>
    internal static string Normalize(string html)
    {
        int start = html.IndexOf("<math", StringComparison.Ordinal);
        int end = html.IndexOf("</math>", StringComparison.Ordinal);
        if (start < 0 || end < 0) return "";
        var math = XElement.Parse(html[start..(end + 7)]);
        var sb = new StringBuilder();
        foreach (var n in NormalizeChildren(math)) Write(n, sb);
        return sb.ToString();
    }

    static readonly HashSet<string> RowLike = ["mrow", "math", "msqrt", "mtd", "mphantom", "mstyle", "menclose", "semantics", "mpadded", "merror"];

    static List<XElement> NormalizeChildren(XElement e)
    {
        var result = new List<XElement>();
        foreach (var child in e.Elements())
        {
            var name = child.Name.LocalName;
            if (name is "annotation" or "annotation-xml" or "mspace") continue;
            // Invisible operators: null delimiters (\left.) and function application.
            if (name == "mo" && !child.HasElements && child.Value is "" or "\u2061") continue;
            var n = NormalizeElement(child);
            if (n is null) continue;
            if (n.Name.LocalName == "mrow" && RowLike.Contains(Rename(e.Name.LocalName)))
            {
                result.AddRange(n.Elements());
                continue;
            }
            result.Add(n);
        }
        return result;
    }

    static string Rename(string name) => name is "mstyle" or "menclose" or "semantics" or "mpadded" ? "mrow" : name;

    static void CopyAttributes(XElement from, XElement to)
    {
        bool underOver = from.Parent?.Name.LocalName is "munder" or "mover" or "munderover" && from.Parent.FirstNode == from;
        foreach (var a in from.Attributes())
        {
            var n = a.Name.LocalName;
            if (!KeptAttributes.Contains(n)) continue;
            // movablelimits changes nothing outside the base of munder/mover; 0, 0px and 0em are one thickness.
            if (n == "movablelimits" && !underOver) continue;
            to.SetAttributeValue(n, n == "linethickness" && a.Value.TrimStart('0', '.').Length is var rest && double.TryParse(a.Value.TrimEnd('p', 'x', 'e', 'm', 't'), System.Globalization.CultureInfo.InvariantCulture, out var v) && v == 0 ? "0" : a.Value);
        }
    }

    static XElement? NormalizeElement(XElement e)
    {
        var name = Rename(e.Name.LocalName);
        if (name == "mtext" || !e.HasElements)
        {
            var leaf = new XElement(name, e.Value.Replace('\u00A0', ' ').Trim());
            CopyAttributes(e, leaf);
            if (name == "mrow" && leaf.Value.Length == 0) return null;
            return leaf;
        }
        var kids = NormalizeChildren(e);
        if (name == "mrow")
        {
            if (kids.Count == 0) return null;
            if (kids.Count == 1) return kids[0];
        }
        var copy = new XElement(name, kids);
        CopyAttributes(e, copy);
        return copy;
    }

    static void Write(XElement e, StringBuilder sb)
    {
        sb.Append('<').Append(e.Name.LocalName);
        foreach (var a in e.Attributes().OrderBy(a => a.Name.LocalName)) sb.Append(' ').Append(a.Name.LocalName).Append("=\"").Append(a.Value).Append('"');
        sb.Append('>');
        if (!e.HasElements) sb.Append(e.Value);
        foreach (var c in e.Elements()) Write(c, sb);
        sb.Append("</").Append(e.Name.LocalName).Append('>');
    }
}
