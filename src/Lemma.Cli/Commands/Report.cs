using System.Globalization;
using Lemma.Build;
using Lemma.Diagnostics;

namespace Lemma.Cli.Commands;

/// <summary>How commands print: diagnostics like a compiler on stderr, one summary line on stdout.</summary>
public static class Report
{
    /// <summary>Up to this many warnings are printed one by one; past it, a summary by kind keeps a migration's thousands readable.</summary>
    public const int WarningsInFull = 20;

    /// <summary>Examples printed for each kind of warning in the summary.</summary>
    public const int ExamplesPerKind = 3;

    /// <summary>Every error; every warning when there are few or <paramref name="verbose"/> asks, else a count of each kind of
    /// warning with its first few.</summary>
    public static void Diagnostics(CliConsole console, IEnumerable<Diagnostic> diagnostics, bool verbose = false)
    {
        // A template that fails fails for every page it renders: the same line once is enough.
        var distinct = diagnostics.Distinct().ToList();
        var warnings = distinct.Where(d => !d.IsError).ToList();
        if (verbose || warnings.Count <= WarningsInFull)
        {
            foreach (var d in distinct) console.Error.WriteLine(d.ToString());
            return;
        }
        foreach (var d in distinct.Where(d => d.IsError)) console.Error.WriteLine(d.ToString());
        var kinds = DiagnosticKinds.Of(warnings, ExamplesPerKind);
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{warnings.Count:N0} warnings of {kinds.Length} kinds; the first {ExamplesPerKind} of each (--verbose lists them all):"));
        foreach (var kind in kinds)
        {
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind.Count,7:N0} × {kind.Kind}"));
            foreach (var d in kind.First) console.Error.WriteLine("          " + d);
        }
    }

    public static void Timings(CliConsole console, BuildResult result)
    {
        foreach (var t in result.Timings)
            console.Out.WriteLine($"  {t.Stage,-15} {t.Elapsed.TotalMilliseconds,9:0.0} ms");
    }

    public static void Summary(CliConsole console, BuildResult result)
    {
        var s = result.Stats;
        var seconds = result.Timings.Sum(t => t.Elapsed.TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture);
        var outcome = result.Succeeded ? "built" : "failed, nothing written";
        var emitted = result.Emitted is { } e ? $", {e.Written} written, {e.Unchanged} unchanged" : "";
        console.Out.WriteLine(
            $"{outcome}: {s.Pages} pages, {s.Posts} posts, {s.Files} files{emitted}, {s.Errors} errors, {s.Warnings} warnings in {seconds} s");
    }
}
