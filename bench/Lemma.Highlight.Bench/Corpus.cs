using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Lemma.Highlight.Bench;

/// <summary>
/// <c>--corpus DIR [--textmate-sample N]</c>: extracts the fenced code blocks of every Markdown file under DIR (a
/// gen_corpus.py site) and measures highlighting on one thread: cold (new highlighter, first pass: grammar loading
/// and JIT included) and warm (second pass), per language, for the default highlighter and the TextMate path
/// (on the first N blocks of each language, as it is slow). Projects the CPU time of the whole corpus.
/// </summary>
internal static partial class Corpus
{
    [GeneratedRegex(@"^(?<fence>`{3,}|~{3,})[ \t]*(?<info>[^\n]*)\n(?<code>.*?)^\k<fence>[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    public static int Run(string dir, int textMateSample)
    {
        var sw = Stopwatch.StartNew();
        var blocks = new List<(string Language, string Code)>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.md", SearchOption.AllDirectories))
        {
            foreach (Match m in Fence().Matches(File.ReadAllText(file)))
            {
                var info = m.Groups["info"].Value.Trim();
                var language = info.Split([' ', '{', ','], 2)[0];
                blocks.Add((language.Length == 0 ? "text" : language, m.Groups["code"].Value));
            }
        }
        var totalLines = blocks.Sum(b => Lines(b.Code));
        Console.WriteLine($"{blocks.Count:N0} code blocks, {totalLines:N0} lines, {blocks.Select(b => b.Code).Distinct().Count():N0} distinct blocks (read in {sw.Elapsed.TotalSeconds:F1} s)");

        // Default highlighter, cold then warm, whole corpus. Times are this thread's CPU time (see ThreadCpu).
        var process = Process.GetCurrentProcess();
        var processCpu0 = process.TotalProcessorTime;
        sw.Restart();
        var t0 = ThreadCpu.Micros();
        var hl = new Highlighter();
        var perLanguageCold = Pass(hl, blocks);
        var cold = TimeSpan.FromMicroseconds(ThreadCpu.Micros() - t0);
        var coldWall = sw.Elapsed;
        process.Refresh();
        var coldCpu = process.TotalProcessorTime - processCpu0;
        t0 = ThreadCpu.Micros();
        var perLanguageWarm = Pass(hl, blocks);
        var warm = TimeSpan.FromMicroseconds(ThreadCpu.Micros() - t0);
        t0 = ThreadCpu.Micros();
        foreach (var (language, code) in blocks) CachedHighlighter.Key(code, language);
        var hashing = TimeSpan.FromMicroseconds(ThreadCpu.Micros() - t0);
        var pause0 = GC.GetTotalPauseDuration();
        var gen2 = GC.CollectionCount(2);
        t0 = ThreadCpu.Micros();
        var cached = new CachedHighlighter(new Highlighter(), null);
        foreach (var (language, code) in blocks) cached.Highlight(code, language);
        var withCache = TimeSpan.FromMicroseconds(ThreadCpu.Micros() - t0);
        Console.WriteLine($"(cache pass: GC pauses {(GC.GetTotalPauseDuration() - pause0).TotalSeconds:F2} s, {GC.CollectionCount(2) - gen2} gen2 collections)");

        Console.WriteLine();
        Console.WriteLine($"Default highlighter, all {totalLines:N0} lines, one thread:");
        Console.WriteLine($"  cold (first pass, new highlighter): {cold.TotalSeconds:F2} s thread CPU = {cold.TotalMicroseconds / totalLines:F2} µs/line ({coldCpu.TotalSeconds:F2} s process CPU with JIT and GC threads, {coldWall.TotalSeconds:F2} s wall)");
        Console.WriteLine($"  warm (second pass):                 {warm.TotalSeconds:F2} s = {warm.TotalMicroseconds / totalLines:F2} µs/line");
        Console.WriteLine($"  cold with the in-build cache:       {withCache.TotalSeconds:F2} s ({cached.MemoryHits:N0} memory hits of {blocks.Count:N0} blocks; SHA-256 keys alone {hashing.TotalSeconds:F2} s)");
        Console.WriteLine($"  projected for 911,455 lines (10k corpus): cold {cold.TotalMicroseconds / totalLines * 911_455 / 1e6:F2} s, warm {warm.TotalMicroseconds / totalLines * 911_455 / 1e6:F2} s");

        if (textMateSample <= 0) return 0;
        // TextMate path on a sample of each language.
        var tm = new Highlighter(HighlightEngine.TextMate);
        var sample = blocks.GroupBy(b => b.Language).SelectMany(g => g.Take(textMateSample)).ToList();
        var tmCold = Pass(tm, sample);
        var tmWarm = Pass(tm, sample);
        var handOnSample = Pass(hl, sample);

        Console.WriteLine();
        Console.WriteLine($"Per language (default: all blocks; TextMate and default-on-sample: first {textMateSample} blocks of each):");
        Console.WriteLine("| language | blocks | lines | default cold µs/line | default warm µs/line | TextMate cold µs/line | TextMate warm µs/line | speed-up (warm) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (language, stats) in perLanguageWarm.OrderByDescending(kv => kv.Value.Lines))
        {
            var c = perLanguageCold[language];
            var tc = tmCold.GetValueOrDefault(language);
            var tw = tmWarm.GetValueOrDefault(language);
            var hs = handOnSample.GetValueOrDefault(language);
            var speedup = hs.Lines > 0 && tw.Lines > 0 ? (tw.Micros / tw.Lines) / (hs.Micros / hs.Lines) : double.NaN;
            Console.WriteLine($"| {language} | {stats.Blocks:N0} | {stats.Lines:N0} | {c.Micros / c.Lines:F2} | {stats.Micros / stats.Lines:F2} | " +
                              $"{(tc.Lines > 0 ? (tc.Micros / tc.Lines).ToString("F1") : "-")} | {(tw.Lines > 0 ? (tw.Micros / tw.Lines).ToString("F1") : "-")} | {(double.IsNaN(speedup) ? "-" : speedup.ToString("F0") + "x")} |");
        }
        var tmLines = tmWarm.Values.Sum(v => v.Lines);
        var tmMicros = tmWarm.Values.Sum(v => v.Micros);
        if (tmLines > 0)
            Console.WriteLine($"\nTextMate, warm, all sampled languages: {tmMicros / tmLines:F1} µs/line; projected for 911,455 lines: {tmMicros / tmLines * 911_455 / 1e6:F0} s");
        return 0;
    }

    private static int Lines(string code) => Lexing.HtmlLines.Normalize(code).Split('\n').Length;

    private record struct Stats(int Blocks, long Lines, double Micros);

    private static Dictionary<string, Stats> Pass(Highlighter hl, List<(string Language, string Code)> blocks)
    {
        var result = new Dictionary<string, Stats>();
        foreach (var (language, code) in blocks)
        {
            var t0 = ThreadCpu.Micros();
            var lines = hl.Highlight(code, language).Lines.Count;
            var t1 = ThreadCpu.Micros();
            var s = result.GetValueOrDefault(language);
            result[language] = new Stats(s.Blocks + 1, s.Lines + lines, s.Micros + (t1 - t0));
        }
        return result;
    }
}
