using System.Globalization;
using Lemma.Build;
using Lemma.Diagnostics;

namespace Lemma.Cli.Commands;

/// <summary>How commands print: diagnostics like a compiler on stderr, one summary line on stdout.</summary>
public static class Report
{
    public static void Diagnostics(CliConsole console, IEnumerable<Diagnostic> diagnostics)
    {
        // A template that fails fails for every page it renders: the same line once is enough.
        foreach (var d in diagnostics.Distinct()) console.Error.WriteLine(d.ToString());
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
