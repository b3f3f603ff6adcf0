using Markdig.Extensions.Mathematics;

namespace Lemma.Markdown.Math;

/// <summary>Inline math Lemma's own parsers found: <c>\(…\)</c>, <c>\[…\]</c> in a paragraph, kramdown's <c>$$…$$</c>,
/// or a <c>\eqref{…}</c> / <c>\ref{…}</c> in prose. <see cref="MathInline.Content"/> is the TeX as written.</summary>
public sealed class TexMathInline : MathInline
{
    public bool Display { get; init; }
    /// <summary>Markdown's escapes are applied to the TeX before it is read (<see cref="MathDialect.MarkdownEscapes"/>).</summary>
    public bool Unescape { get; init; }
    /// <summary>Characters before the TeX starts (the opening delimiter), for positions.</summary>
    public int Offset { get; init; }
}
