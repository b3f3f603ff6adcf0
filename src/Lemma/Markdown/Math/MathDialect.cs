namespace Lemma.Markdown.Math;

/// <summary>
/// How a page writes math, which depends on the tool it was written for.
/// <para><see cref="Kramdown"/>: Jekyll's kramdown, where <c>$$…$$</c> inside a paragraph is inline math, alone in its
/// paragraph display math, and a single <c>$</c> is a dollar sign.</para>
/// <para><see cref="MarkdownEscapes"/>: the math was found by MathJax or KaTeX in the browser, after Markdown had
/// already turned <c>\_</c> into <c>_</c> and <c>\\</c> into <c>\</c>; so math delimited as text is read after the same
/// backslash-escape step, and <c>\\(</c> and <c>\\[</c> are its delimiters (<c>\(</c> and <c>\[</c> being escaped brackets).
/// Math that Markdown itself delimited (kramdown's <c>$$</c>, Goldmark's passthrough delimiters) stays raw.</para>
/// <para><see cref="Dollars"/>: on a kramdown page, a single <c>$…$</c> is inline math as well, found by the site's MathJax
/// after kramdown (so read after Markdown's escapes, when those are on).</para>
/// </summary>
public sealed record MathDialect(bool Kramdown = false, bool MarkdownEscapes = false, bool Dollars = false)
{
    /// <summary>Lemma's own: <c>$</c>, <c>$$</c>, <c>\(…\)</c>, <c>\[…\]</c>, environments; TeX taken as written.</summary>
    public static readonly MathDialect Lemma = new();

    /// <summary>A Jekyll site's kramdown.</summary>
    public static readonly MathDialect Jekyll = new(Kramdown: true, MarkdownEscapes: true);

    /// <summary>Whether math delimited by <paramref name="dollars"/> (true) or by <c>\\(</c>, <c>\\[</c> and environments is unescaped.</summary>
    public bool Unescapes(bool dollars) => MarkdownEscapes && !(dollars && Kramdown);

    internal const string Key = "lemma.math.dialect";

    internal static MathDialect Of(Markdig.Parsers.InlineProcessor processor) =>
        processor.Context?.Properties.TryGetValue(Key, out var d) == true && d is MathDialect dialect ? dialect : Lemma;

    internal static MathDialect Of(Markdig.Parsers.BlockProcessor processor) =>
        processor.Context?.Properties.TryGetValue(Key, out var d) == true && d is MathDialect dialect ? dialect : Lemma;
}
