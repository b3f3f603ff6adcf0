using System.Collections.Immutable;

namespace Lemma.Diagnostics;

/// <summary>Problems of one kind and severity: how many there are, and the first few in the order they were reported.</summary>
public sealed record DiagnosticKind(Severity Severity, string Kind, int Count, ImmutableArray<Diagnostic> First);

/// <summary>Counts problems by kind, so that thousands of warnings from a migrated site read as a short list.</summary>
public static class DiagnosticKinds
{
    /// <summary>Kinds with most problems first (ties by name), each with its first <paramref name="examples"/> problems.</summary>
    public static ImmutableArray<DiagnosticKind> Of(IEnumerable<Diagnostic> diagnostics, int examples) =>
    [
        .. diagnostics.GroupBy(d => (d.Severity, d.Kind))
            .Select(g => new DiagnosticKind(g.Key.Severity, g.Key.Kind, g.Count(), [.. g.Take(examples)]))
            .OrderByDescending(k => k.Count).ThenBy(k => k.Kind, StringComparer.Ordinal),
    ];
}
