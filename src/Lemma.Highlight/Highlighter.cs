namespace Lemma.Highlight;

/// <summary>Turns source code into HTML spans classed by <see cref="TokenKind"/>. Implementations are thread-safe.</summary>
public interface IHighlighter
{
    /// <summary>True when <paramref name="language"/> (a name or alias such as "py") is highlighted.</summary>
    bool Supports(string language);

    /// <summary>Highlights <paramref name="code"/>. An unknown language returns escaped lines and <c>Recognized = false</c>.</summary>
    HighlightedCode Highlight(string code, string language);
}

/// <summary>
/// Highlighted code, one HTML string per source line (no trailing newline); each line's spans are closed at its end,
/// so a caller can wrap lines for numbering or emphasis. Spans look like <c>&lt;span class="hl-keyword"&gt;</c>.
/// </summary>
public sealed record HighlightedCode(string Language, IReadOnlyList<string> Lines, bool Recognized);
