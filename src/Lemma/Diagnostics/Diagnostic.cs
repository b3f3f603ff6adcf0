namespace Lemma.Diagnostics;

public enum Severity { Warning, Error }

/// <summary>A position in a source file: path relative to the site root, 1-based line and column.</summary>
public readonly record struct SourceSpan(string Path, int Line, int Column)
{
    public static SourceSpan File(string path) => new(path, 1, 1);

    public override string ToString() => $"{Path}:{Line}:{Column}";
}

/// <summary>A problem found in content, reported like a compiler: <c>path:line:col: error: message</c>.</summary>
public sealed record Diagnostic(Severity Severity, SourceSpan Span, string Message)
{
    public static Diagnostic Error(SourceSpan span, string message) => new(Severity.Error, span, message);

    public static Diagnostic Warning(SourceSpan span, string message) => new(Severity.Warning, span, message);

    public bool IsError => Severity == Severity.Error;

    public override string ToString() =>
        $"{Span}: {(IsError ? "error" : "warning")}: {Message}";
}
