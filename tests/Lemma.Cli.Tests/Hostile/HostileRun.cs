using System.Text.RegularExpressions;

namespace Lemma.Cli.Tests.Hostile;

/// <summary>What one build of a hostile site did: the run itself, and what changed outside and inside its output.</summary>
public sealed partial record HostileRun(LemmaRun Run, IReadOnlyList<string> OutsideChanges, IReadOnlyList<string> OutputChanges)
{
    public int ExitCode => Run.ExitCode;

    public string[] ErrorLines => Run.ErrorLines;

    /// <summary>
    /// The properties every hostile case must keep: nothing outside the output changed, the run ended in success
    /// or in positioned diagnostics (exit 1, with at least one error, and the output untouched), and every line on
    /// stderr is a diagnostic, never a stack trace.
    /// </summary>
    public HostileRun AssertContained()
    {
        Assert.True(OutsideChanges.Count == 0, $"changed outside the output: {string.Join(", ", OutsideChanges)}\n{Run}");
        Assert.True(ExitCode is LemmaApp.Ok or LemmaApp.ContentErrors, Run.ToString());
        foreach (var line in ErrorLines) Assert.True(DiagnosticLine().IsMatch(line), $"not a positioned diagnostic: {line}\n{Run}");
        if (ExitCode == LemmaApp.ContentErrors)
        {
            Assert.Contains(ErrorLines, l => l.Contains(": error: ", StringComparison.Ordinal));
            Assert.True(OutputChanges.Count == 0, $"a failed build changed its output: {string.Join(", ", OutputChanges)}\n{Run}");
        }
        return this;
    }

    /// <summary>Contained, and failed with an error at <paramref name="position"/> ("content/posts/a.md:3:") whose message holds <paramref name="words"/>.</summary>
    public HostileRun AssertErrorAt(string position, string words)
    {
        AssertContained();
        Assert.True(ExitCode == LemmaApp.ContentErrors, Run.ToString());
        Assert.True(ErrorLines.Any(l => l.StartsWith(position, StringComparison.Ordinal) && l.Contains(": error: ", StringComparison.Ordinal)
            && l.Contains(words, StringComparison.OrdinalIgnoreCase)), $"no error at {position} about '{words}'\n{Run}");
        return this;
    }

    /// <summary>Contained, and warned at <paramref name="position"/> about <paramref name="words"/>.</summary>
    public HostileRun AssertWarningAt(string position, string words)
    {
        AssertContained();
        Assert.True(ErrorLines.Any(l => l.StartsWith(position, StringComparison.Ordinal) && l.Contains(": warning: ", StringComparison.Ordinal)
            && l.Contains(words, StringComparison.OrdinalIgnoreCase)), $"no warning at {position} about '{words}'\n{Run}");
        return this;
    }

    /// <summary>
    /// Refused before or while writing (not a content problem): nothing outside the output and nothing in it changed,
    /// exit <paramref name="exitCode"/>, and one line from lemma itself, never a stack trace, holding <paramref name="words"/>.
    /// </summary>
    public HostileRun AssertRefused(int exitCode, string words)
    {
        Assert.True(OutsideChanges.Count == 0, $"changed outside the output: {string.Join(", ", OutsideChanges)}\n{Run}");
        Assert.True(OutputChanges.Count == 0, $"a refused build changed its output: {string.Join(", ", OutputChanges)}\n{Run}");
        Assert.True(ExitCode == exitCode, Run.ToString());
        var line = Assert.Single(ErrorLines);
        Assert.True(line.StartsWith("lemma: ", StringComparison.Ordinal) && line.Contains(words, StringComparison.OrdinalIgnoreCase), Run.ToString());
        return this;
    }

    [GeneratedRegex(@"^[^:\s][^:]*:\d+:\d+: (error|warning): \S")]
    private static partial Regex DiagnosticLine();
}
