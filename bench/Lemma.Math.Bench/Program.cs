using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Lemma.Math;

// Throughput of Lemma.Math on the conformance corpus (tests/Lemma.Math.Tests/corpus/formulas.jsonl), one thread.
//   dotnet run -c Release --project bench/Lemma.Math.Bench            (BenchmarkDotNet, a few minutes)
//   dotnet run -c Release --project bench/Lemma.Math.Bench -- --quick (a plain stopwatch loop, seconds)
//   NODE_PATH=<npm dir>/node_modules dotnet run -c Release --project bench/Lemma.Math.Bench -- --compare [ROUNDS]
//       (Lemma.Math, then KaTeX and Temml under Node via peers.cjs, alternately, ROUNDS times; median ratios)
// --posts SITE_DIR after --quick or --compare takes the formulas of a generated blog instead of the test corpus.
// --formulas FILE.jsonl takes {"tex":…,"display":…} lines instead (edge cases to compare between builds with --dump).
int postsAt = Array.IndexOf(args, "--posts");
int formulasAt = Array.IndexOf(args, "--formulas");
var corpus = postsAt >= 0 && postsAt + 1 < args.Length ? CorpusFile.FromPosts(args[postsAt + 1])
    : formulasAt >= 0 && formulasAt + 1 < args.Length ? CorpusFile.FromJsonLines(args[formulasAt + 1])
    : null;
if (args.Contains("--quick"))
{
    QuickRun.Report(QuickRun.Run(corpus ?? CorpusFile.Load()));
    return;
}
if (args.Contains("--compare"))
{
    int at = Array.IndexOf(args, "--compare");
    int rounds = at + 1 < args.Length && int.TryParse(args[at + 1], out var r) ? r : 5;
    Compare.Run(corpus ?? CorpusFile.Load(), rounds);
    return;
}
if (args.Length >= 2 && args[0] == "--dump")
{
    // Every corpus formula's output, one per line, to check that a speed change leaves the output byte-identical
    // (with --posts, every formula of the generated blog, numbered in reading order).
    var renderer = new MathRenderer();
    var withIds = corpus?.Select((f, i) => (Id: i.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Tex, f.Display)).ToList()
        ?? CorpusFile.LoadWithIds();
    File.WriteAllLines(args[1], withIds.Select(f => f.Id + "\t" + renderer.Render(f.Tex, f.Display, new MathDocument()).Html.ReplaceLineEndings("\\n")));
    return;
}
if (args.Contains("--slowest"))
{
    QuickRun.Slowest();
    return;
}
if (args.Contains("--profile"))
{
    int at = Array.IndexOf(args, "--profile");
    QuickRun.Profile(corpus ?? CorpusFile.Load(),
        at + 1 < args.Length && double.TryParse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 20);
    return;
}
if (args.Length >= 2 && args[0] == "--alloc")
{
    // Bytes allocated by one render of each given formula (after a first render), to find what allocates.
    var renderer = new MathRenderer();
    foreach (var tex in args.Skip(1))
    {
        renderer.Render(tex, false, new MathDocument());
        var doc = new MathDocument();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var html = renderer.Render(tex, false, doc).Html;
        Console.WriteLine($"{GC.GetAllocatedBytesForCurrentThread() - before,6} bytes ({html.Length} chars out): {tex}");
    }
    return;
}
if (args.Length >= 2 && args[0] == "--passes")
{
    // A fixed amount of work, for hardware counters that the machine's load does not disturb:
    //   perf stat -e instructions dotnet Lemma.Math.Bench.dll --passes 300   (minus the same with 100, over 200 passes)
    var formulas = CorpusFile.Load();
    var renderer = new MathRenderer();
    int passes = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    for (int k = 0; k < passes; k++) foreach (var (t, d) in formulas) renderer.Render(t, d, new MathDocument());
    return;
}
if (args.Contains("--phases"))
{
    QuickRun.Phases(corpus ?? CorpusFile.Load());
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

    public static List<(string Tex, bool Display)> FromJsonLines(string path) => LoadWithIds(path).ConvertAll(f => (f.Tex, f.Display));

    public static List<(string Id, string Tex, bool Display)> LoadWithIds(string? path = null)
    {
        path ??= Path.Combine(RepoRoot(), "tests", "Lemma.Math.Tests", "corpus", "formulas.jsonl");
        var list = new List<(string, string, bool)>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            list.Add((r.TryGetProperty("id", out var id) ? id.GetString()! : list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), r.GetProperty("tex").GetString()!, r.GetProperty("display").GetBoolean()));
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
    /// <summary>Runs <paramref name="pass"/> for at least <paramref name="seconds"/> of process CPU time (not wall
    /// time: on a loaded machine a wall-time warm-up ends before the JIT is done). .NET's tiered JIT needs about a
    /// second of this corpus before the hot methods reach optimised tier-1 code (measured on a quiet machine: 36,000
    /// formulas/s over the first second, over 300,000/s after it); a few warm-up passes are not enough.</summary>
    public static void WarmUp(Action pass, double seconds = 3)
    {
        var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        while ((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds < seconds) pass();
    }

    /// <summary>CPU time of lexing, of parsing (tree building) and of the whole render, to see where time goes.</summary>
    public static void Phases(List<(string Tex, bool Display)> formulas)
    {
        var empty = new Dictionary<string, MacroDefinition>();
        double Time(Action<string, bool> work)
        {
            WarmUp(() => { foreach (var (t, d) in formulas) work(t, d); });
            var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            for (int k = 0; k < 20; k++) foreach (var (t, d) in formulas) work(t, d);
            return (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMicroseconds / (20.0 * formulas.Count);
        }
        var renderer = new MathRenderer();
        Console.WriteLine($"lex:    {Time((t, _) => { try { var l = new Lexer(t); while (l.Next().Kind != TokenKind.Eof) { } } catch (TexException) { } }):F2} us/formula");
        Console.WriteLine($"parse:  {Time((t, d) => { try { new Parser(t, d, new MathDocument(), empty).ParseTop(); } catch (TexException) { } }):F2} us/formula");
        Console.WriteLine($"render: {Time((t, d) => renderer.Render(t, d, new MathDocument())):F2} us/formula");
    }

    /// <summary>The formulas that cost most (time per formula x 1), and the share of the corpus time they take.</summary>
    public static void Slowest()
    {
        var formulas = CorpusFile.LoadWithIds();
        var renderer = new MathRenderer();
        var cost = new List<(double Us, string Id, string Tex, bool Error)>();
        WarmUp(() => { foreach (var (_, t, d) in formulas) renderer.Render(t, d, new MathDocument()); });
        foreach (var (id, tex, display) in formulas)
        {
            // The fastest of 5 runs of 20 renders: the machine is shared, and a GC may fall into any run.
            double best = double.MaxValue;
            bool error = false;
            for (int run = 0; run < 5; run++)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                for (int i = 0; i < 20; i++) error = !renderer.Render(tex, display, new MathDocument()).Ok;
                best = System.Math.Min(best, sw.Elapsed.TotalMicroseconds / 20);
            }
            cost.Add((best, id, tex, error));
        }
        double total = cost.Sum(c => c.Us);
        Console.WriteLine($"total {total:F0} us for {cost.Count} formulas ({total / cost.Count:F2} us/formula); errors: {cost.Count(c => c.Error)} taking {cost.Where(c => c.Error).Sum(c => c.Us):F0} us");
        foreach (var c in cost.OrderByDescending(c => c.Us).Take(40))
            Console.WriteLine($"{c.Us,8:F1} us {(c.Error ? "ERR" : "   ")} {c.Id}: {(c.Tex.Length > 90 ? c.Tex[..90] + "…" : c.Tex).ReplaceLineEndings(" ")}");
    }

    /// <summary>Renders the corpus in a loop for some seconds (for perf record / dotnet-trace).</summary>
    public static void Profile(List<(string Tex, bool Display)> formulas, double seconds)
    {
        var renderer = new MathRenderer();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        long n = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            foreach (var (t, d) in formulas) renderer.Render(t, d, new MathDocument());
            n += formulas.Count;
        }
        Console.WriteLine($"{n} formulas in {sw.Elapsed.TotalSeconds:F1} s");
    }

    public readonly record struct Figures(int Formulas, double WallPerSecond, double CpuPerSecond, double BytesPerFormula);

    /// <summary>3 s of warm-up, then 7 timed reps of enough passes to last about 0.3 s each; medians.</summary>
    public static Figures Run(List<(string Tex, bool Display)> formulas)
    {
        var renderer = new MathRenderer();
        int passes = 0;
        var warm = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        WarmUp(() =>
        {
            foreach (var (t, d) in formulas) renderer.Render(t, d, new MathDocument());
            passes++;
        });
        // Passes per rep from the warm-up's rate (pessimistic: it includes the cold start): about 0.3 s of CPU.
        int perRep = System.Math.Max(10, (int)(0.3 * passes / (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - warm).TotalSeconds));
        var times = new List<double>();
        var cpu = new List<double>();
        long allocated = 0;
        for (int rep = 0; rep < 7; rep++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (int k = 0; k < perRep; k++) foreach (var (t, d) in formulas) renderer.Render(t, d, new MathDocument());
            times.Add(sw.Elapsed.TotalSeconds);
            cpu.Add((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        times.Sort();
        cpu.Sort();
        double n = (double)formulas.Count * perRep;
        // On a busy machine wall time overstates the cost; process CPU time (this loop is single-threaded, plus GC) does not.
        return new Figures(formulas.Count, n / times[3], n / cpu[3], allocated / n);
    }

    public static void Report(Figures f) =>
        Console.WriteLine($"{f.Formulas} formulas; wall: {f.WallPerSecond:F0} formulas/s ({1e6 / f.WallPerSecond:F2} us/formula); " +
            $"cpu: {f.CpuPerSecond:F0} formulas/s; {f.BytesPerFormula / 1024.0:F2} KiB allocated/formula");
}

/// <summary>Lemma.Math against KaTeX (output 'mathml') and Temml under Node, in one invocation: each round runs
/// <see cref="QuickRun.Run"/> and then peers.cjs on the same formulas (written to a temporary JSON-lines file), so
/// the machine's load is shared alike; ratios are per round, and their median is reported.</summary>
public static class Compare
{
    public static void Run(List<(string Tex, bool Display)> formulas, int rounds)
    {
        var root = CorpusFile.RepoRoot();
        var script = Path.Combine(root, "bench", "Lemma.Math.Bench", "peers.cjs");
        var file = Path.Combine(Path.GetTempPath(), $"lemma-math-compare-{Environment.ProcessId}.jsonl");
        File.WriteAllLines(file, formulas.Select(f => JsonSerializer.Serialize(new { tex = f.Tex, display = f.Display })));
        var rows = new List<(QuickRun.Figures Lemma, Dictionary<string, (double Wall, double Cpu)> Peers)>();
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                var lemma = QuickRun.Run(formulas);
                var peers = RunPeers(script, file);
                rows.Add((lemma, peers));
                Console.Write($"round {round + 1}: lemma wall {lemma.WallPerSecond:F0}/s cpu {lemma.CpuPerSecond:F0}/s");
                foreach (var (name, p) in peers) Console.Write($"; {name} wall {p.Wall:F0}/s cpu {p.Cpu:F0}/s");
                Console.WriteLine();
            }
        }
        finally
        {
            File.Delete(file);
        }
        static double Median(IEnumerable<double> xs)
        {
            var l = xs.Order().ToList();
            return l.Count % 2 == 1 ? l[l.Count / 2] : (l[l.Count / 2 - 1] + l[l.Count / 2]) / 2;
        }
        Console.WriteLine($"{formulas.Count} formulas, {rounds} rounds; medians (formulas/s) and median of the per-round ratios:");
        Console.WriteLine($"  lemma.math    wall {Median(rows.Select(r => r.Lemma.WallPerSecond)),9:F0}  cpu {Median(rows.Select(r => r.Lemma.CpuPerSecond)),9:F0}  " +
            $"{Median(rows.Select(r => r.Lemma.BytesPerFormula)) / 1024.0:F2} KiB allocated/formula");
        foreach (var name in rows[0].Peers.Keys)
        {
            Console.WriteLine($"  {name,-13} wall {Median(rows.Select(r => r.Peers[name].Wall)),9:F0}  cpu {Median(rows.Select(r => r.Peers[name].Cpu)),9:F0}  " +
                $"lemma/{name}: wall {Median(rows.Select(r => r.Lemma.WallPerSecond / r.Peers[name].Wall)):F1}x, " +
                $"cpu {Median(rows.Select(r => r.Lemma.CpuPerSecond / r.Peers[name].Cpu)):F1}x " +
                $"[{rows.Min(r => r.Lemma.CpuPerSecond / r.Peers[name].Cpu):F1}-{rows.Max(r => r.Lemma.CpuPerSecond / r.Peers[name].Cpu):F1}]");
        }
    }

    static Dictionary<string, (double Wall, double Cpu)> RunPeers(string script, string file)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("node", [script, file]) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi) ?? throw new InvalidOperationException("cannot start node");
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"peers.cjs failed ({p.ExitCode}); is NODE_PATH set to a folder with katex and temml?");
        var result = new Dictionary<string, (double Wall, double Cpu)>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(output, @"^(\S+)\s+wall: (\d+) formulas/s; cpu: (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline))
            result[m.Groups[1].Value] = (double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        return result;
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
