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

/// <summary>Which tokenisers <see cref="Highlighter"/> uses.</summary>
public enum HighlightEngine
{
    /// <summary>Hand-written lexers where there is one (fast), TextMate grammars for the rest.</summary>
    Auto,
    /// <summary>TextMate grammars for every language that has one (the accuracy reference; slow).</summary>
    TextMate,
}

/// <summary>
/// The default highlighter: fast hand-written lexers for the most used languages, VS Code's TextMate grammars
/// (TextMateSharp) for the long tail. Thread-safe; construct once per build.
/// </summary>
public sealed class Highlighter : IHighlighter
{
    private readonly HighlightEngine _engine;
    private readonly TextMate.TextMateHighlighter _textMate = new();

    public Highlighter() : this(HighlightEngine.Auto) { }

    public Highlighter(HighlightEngine engine) => _engine = engine;

    /// <summary>Canonical language names (aliases resolve to these).</summary>
    public IReadOnlyCollection<string> Languages => LanguageTable.Names;

    /// <summary>Every name and alias understood, lower case.</summary>
    public static IReadOnlyCollection<string> Aliases => LanguageTable.AllAliases;

    public bool Supports(string language) => LanguageTable.Find(language) != null;

    /// <summary>The canonical name of <paramref name="language"/> (e.g. "py" → "python"), or null when unknown.</summary>
    public static string? Canonical(string language) => LanguageTable.Find(language)?.Name;

    public HighlightedCode Highlight(string code, string language)
    {
        var info = LanguageTable.Find(language);
        var text = Lexing.HtmlLines.Normalize(code);
        if (info == null) return new HighlightedCode(language, Lexing.HtmlLines.Plain(text), false);
        if (info.IsPlain) return new HighlightedCode(info.Name, Lexing.HtmlLines.Plain(text), true);
        var tokens = new Lexing.TokenList();
        Tokenize(text, info, tokens);
        return new HighlightedCode(info.Name, Lexing.HtmlLines.Render(text, tokens), true);
    }

    /// <summary>Tokens of a normalised source; for tests and benchmarks.</summary>
    internal Lexing.TokenList Tokenize(string normalizedCode, string language)
    {
        var info = LanguageTable.Find(language) ?? throw new ArgumentException($"unknown language '{language}'", nameof(language));
        var tokens = new Lexing.TokenList();
        if (!info.IsPlain) Tokenize(normalizedCode, info, tokens);
        return tokens;
    }

    /// <summary>True when <paramref name="language"/> has a hand-written lexer.</summary>
    public static bool HasHandLexer(string language) => LanguageTable.Find(language)?.Lexer != null;

    private void Tokenize(string text, LanguageInfo info, Lexing.TokenList tokens)
    {
        if (info.Lexer != null && (_engine == HighlightEngine.Auto || info.TextMateId == null && !info.ConsoleHybrid))
        {
            info.Lexer.Lex(text, 0, text.Length, tokens);
            return;
        }
        if (info.ConsoleHybrid)
        {
            Lexers.ConsoleLexer.LexWith(text, tokens, (from, to, python) => TokenizeTextMateRange(text, from, to, python ? "python" : "shellscript", tokens));
            return;
        }
        _textMate.Tokenize(text, info.TextMateId!, tokens);
    }

    private void TokenizeTextMateRange(string text, int from, int to, string id, Lexing.TokenList tokens)
    {
        var sub = new Lexing.TokenList();
        _textMate.Tokenize(text[from..to], id, sub);
        for (var i = 0; i < sub.Count; i++) tokens.Add(sub[i].Start + from, sub[i].End + from, sub[i].Kind);
    }
}
