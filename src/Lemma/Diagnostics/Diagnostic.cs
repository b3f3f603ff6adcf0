using System.Text.RegularExpressions;

namespace Lemma.Diagnostics;

public enum Severity { Warning, Error }

/// <summary>A position in a source file: path relative to the site root, 1-based line and column.</summary>
public readonly record struct SourceSpan(string Path, int Line, int Column)
{
    public static SourceSpan File(string path) => new(path, 1, 1);

    public override string ToString() => $"{Path}:{Line}:{Column}";
}

/// <summary>A problem found in content, reported like a compiler: <c>path:line:col: error: message</c>.</summary>
public sealed partial record Diagnostic(Severity Severity, SourceSpan Span, string Message)
{
    public static Diagnostic Error(SourceSpan span, string message) => new(Severity.Error, span, message);

    public static Diagnostic Warning(SourceSpan span, string message) => new(Severity.Warning, span, message);

    public bool IsError => Severity == Severity.Error;

    /// <summary>What kind of problem this is, for counting like problems together: the message's own prefix
    /// ("math", "shortcode", "Liquid") when it has one, else the message with its quoted and bracketed parts and its numbers left out.</summary>
    public string Kind => KindOf(Message);

    public override string ToString() =>
        $"{Span}: {(IsError ? "error" : "warning")}: {Message}";

    private static string KindOf(string message)
    {
        if (Prefix().Match(message) is { Success: true } prefix) return prefix.Groups[1].Value;
        // Keep the quotes and brackets, so "unknown language 'x'" reads as a shape: "unknown language '…'".
        return Quoted().Replace(message, m => m.Length > 1 && !char.IsDigit(m.Value[0]) ? m.Value[0] + "…" + m.Value[^1] : "…");
    }

    // "math: unknown command ..." -> "math"; a prefix is one word before ": ".
    [GeneratedRegex(@"^([A-Za-z][\w-]{0,24}): ")]
    private static partial Regex Prefix();

    [GeneratedRegex("'[^']*'|\"[^\"]*\"|`[^`]*`|\\([^)]*\\)|\\d+")]
    private static partial Regex Quoted();
}
