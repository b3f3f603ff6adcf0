using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Lemma.Math;

// Throughput of Lemma.Math on the conformance corpus (tests/Lemma.Math.Tests/corpus/formulas.jsonl), one thread.
//   dotnet run -c Release --project bench/Lemma.Math.Bench            (BenchmarkDotNet, a few minutes)
//   dotnet run -c Release --project bench/Lemma.Math.Bench -- --quick (a plain stopwatch loop, seconds)
if (args.Contains("--quick"))
{
    QuickRun.Run();
    return;
}
BenchmarkRunner.Run<CorpusBenchmark>(args: args);

public static class CorpusFile
{
    public static List<(string Tex, bool Display)> Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lemma.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Run from inside the Lemma repository.");
        var path = Path.Combine(dir.FullName, "tests", "Lemma.Math.Tests", "corpus", "formulas.jsonl");
        var list = new List<(string, bool)>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            list.Add((doc.RootElement.GetProperty("tex").GetString()!, doc.RootElement.GetProperty("display").GetBoolean()));
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
    public static void Run()
    {
        var formulas = CorpusFile.Load();
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
        Console.WriteLine($"wall: {n / median:F0} formulas/s ({1e6 * median / n:F1} us/formula); " +
            $"cpu: {n / cpu[cpu.Count / 2]:F0} formulas/s; {allocated / n / 1024.0:F1} KiB allocated/formula");
    }
}
