using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Lemma.Math;

// Throughput of Lemma.Math on the conformance corpus (tests/Lemma.Math.Tests/corpus/formulas.jsonl), one thread.
//   dotnet run -c Release --project bench/Lemma.Math.Bench            (BenchmarkDotNet, a few minutes)
//   dotnet run -c Release --project bench/Lemma.Math.Bench -- --quick (a plain stopwatch loop, seconds)
if (args.Contains("--quick"))
{
    QuickRun.Run(args.Length >= 3 && args[1] == "--posts" ? CorpusFile.FromPosts(args[2]) : CorpusFile.Load());
    return;
}
if (args.Contains("--phases"))
{
    QuickRun.Phases();
    return;
}
if (args.Length >= 2 && args[0] == "--visual")
{
    VisualPage.Write(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}
BenchmarkRunner.Run<CorpusBenchmark>(args: args);

public static class CorpusFile
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lemma.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the Lemma repository.");
    }

    public static List<(string Tex, bool Display)> Load() => LoadWithIds().ConvertAll(f => (f.Tex, f.Display));

    /// <summary>The $$…$$ and $…$ spans of a generated blog's posts (shared/bench/gen_corpus.py), extracted as
    /// shared/bench/math_bench.cjs does, so figures compare with its KaTeX and Temml runs.</summary>
    public static List<(string Tex, bool Display)> FromPosts(string siteDir)
    {
        var list = new List<(string, bool)>();
        foreach (var file in Directory.GetFiles(Path.Combine(siteDir, "content", "posts")).Order(StringComparer.Ordinal))
        {
            var text = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(file), "```[\\s\\S]*?```", "");
            var rest = System.Text.RegularExpressions.Regex.Replace(text, "\\$\\$\\n([\\s\\S]*?)\\n\\$\\$", m =>
            {
                list.Add((m.Groups[1].Value, true));
                return "";
            });
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(rest, "\\$([^$\\n]+?)\\$"))
                list.Add((m.Groups[1].Value, false));
        }
        return list;
    }

    public static List<(string Id, string Tex, bool Display)> LoadWithIds()
    {
        var path = Path.Combine(RepoRoot(), "tests", "Lemma.Math.Tests", "corpus", "formulas.jsonl");
        var list = new List<(string, string, bool)>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            list.Add((r.GetProperty("id").GetString()!, r.GetProperty("tex").GetString()!, r.GetProperty("display").GetBoolean()));
        }
        return list;
    }
}

[MemoryDiagnoser]
public class CorpusBenchmark
{
    readonly MathRenderer _renderer = new();
    List<(string Tex, bool Display)> _formulas = [];

    [GlobalSetup]
    public void Setup() => _formulas = CorpusFile.Load();

    /// <summary>Renders every corpus formula once (1,330 formulas); formulas/s = 1330 / mean.</summary>
    [Benchmark]
    public int RenderCorpus()
    {
        int chars = 0;
        foreach (var (tex, display) in _formulas) chars += _renderer.Render(tex, display, new MathDocument()).Html.Length;
        return chars;
    }
}

public static class QuickRun
{
    /// <summary>CPU time of lexing, of parsing (tree building) and of the whole render, to see where time goes.</summary>
    public static void Phases()
    {
        var formulas = CorpusFile.Load();
        var empty = new Dictionary<string, MacroDefinition>();
        double Time(Action<string, bool> work)
        {
            for (int i = 0; i < 3; i++) foreach (var (t, d) in formulas) work(t, d);
            var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            for (int k = 0; k < 20; k++) foreach (var (t, d) in formulas) work(t, d);
            return (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMicroseconds / (20.0 * formulas.Count);
        }
        var renderer = new MathRenderer();
        Console.WriteLine($"lex:    {Time((t, _) => { try { var l = new Lexer(t); while (l.Next().Kind != TokenKind.Eof) { } } catch (TexException) { } }):F2} us/formula");
        Console.WriteLine($"parse:  {Time((t, d) => { try { new Parser(t, d, new MathDocument(), empty).ParseTop(); } catch (TexException) { } }):F2} us/formula");
        Console.WriteLine($"render: {Time((t, d) => renderer.Render(t, d, new MathDocument())):F2} us/formula");
    }

    public static void Run(List<(string Tex, bool Display)> formulas)
    {
        var renderer = new MathRenderer();
        for (int i = 0; i < 3; i++) foreach (var (t, d) in formulas) renderer.Render(t, d, new MathDocument());
        var times = new List<double>();
        var cpu = new List<double>();
        long allocated = 0;
        for (int rep = 0; rep < 7; rep++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (int k = 0; k < 10; k++) foreach (var (t, d) in formulas) renderer.Render(t, d, new MathDocument());
            times.Add(sw.Elapsed.TotalSeconds);
            cpu.Add((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        times.Sort();
        cpu.Sort();
        double median = times[times.Count / 2];
        int n = formulas.Count * 10;
        // On a busy machine wall time overstates the cost; process CPU time (this loop is single-threaded, plus GC) does not.
        Console.WriteLine($"{formulas.Count} formulas; wall: {n / median:F0} formulas/s ({1e6 * median / n:F1} us/formula); " +
            $"cpu: {n / cpu[cpu.Count / 2]:F0} formulas/s; {allocated / n / 1024.0:F1} KiB allocated/formula");
    }
}

/// <summary>A page with every n-th corpus formula, ours beside Temml's (from corpus/temml.jsonl), for a visual check:
/// <c>chromium --headless --screenshot=math.png --window-size=1400,12000 file:///path/math.html</c>.</summary>
public static class VisualPage
{
    public static void Write(string outPath, int count)
    {
        var root = CorpusFile.RepoRoot();
        var temml = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(root, "tests", "Lemma.Math.Tests", "corpus", "temml.jsonl")))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            temml[r.GetProperty("id").GetString()!] = r.TryGetProperty("mathml", out var m) ? m.GetString()! : "<em>Temml error</em>";
        }
        var formulas = CorpusFile.LoadWithIds();
        int step = System.Math.Max(1, formulas.Count / count);
        var css = new Uri(Path.Combine(root, "theme", "assets", "css")).AbsoluteUri;
        var sb = new System.Text.StringBuilder();
        sb.Append($"<!doctype html><meta charset=utf-8><link rel=stylesheet href='{css}/site.css'><link rel=stylesheet href='{css}/math.css'>");
        sb.Append("<style>body{margin:8px;max-width:none}table{border-collapse:collapse}td{border-bottom:1px solid #ccc;padding:2px 8px;vertical-align:middle}" +
            "td.tex{font:11px monospace;max-width:380px;word-break:break-all;color:#555}td.m{min-width:380px}</style><table><tr><th>TeX</th><th>Lemma.Math</th><th>Temml</th></tr>");
        var renderer = new MathRenderer();
        for (int i = 0; i < formulas.Count; i += step)
        {
            var (id, tex, display) = formulas[i];
            var ours = renderer.Render(tex, display, new MathDocument()).Html;
            sb.Append("<tr><td class=tex>").Append(System.Net.WebUtility.HtmlEncode(id + ": " + tex)).Append("</td><td class=m>")
              .Append(ours).Append("</td><td class=m>").Append(temml.GetValueOrDefault(id, "")).Append("</td></tr>");
        }
        sb.Append("</table>");
        File.WriteAllText(outPath, sb.ToString());
        Console.WriteLine($"wrote {outPath}");
    }
}
