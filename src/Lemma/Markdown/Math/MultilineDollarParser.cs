using Markdig.Helpers;
using Markdig.Parsers;

namespace Lemma.Markdown.Math;

/// <summary>
/// <c>$…$</c> whose TeX breaks across lines of its paragraph, as Pandoc, MathJax and KaTeX read it (Markdig's <c>$</c>
/// parser stops at a line's end). Pandoc's rules: the opening <c>$</c> has a non-space right after it, the closing one a
/// non-space right before it and no digit right after it; the first '$' closes, even when another follows
/// (<c>$a$$b$</c> is two formulas). Other math on one line is left to Markdig's parser, and a kramdown page's dollars to
/// <see cref="KramdownDollarParser"/>.
/// </summary>
public sealed class MultilineDollarParser : InlineParser
{
    public MultilineDollarParser() => OpeningCharacters = ['$'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var dialect = MathDialect.Of(processor);
        if (dialect.Kramdown) return false;
        var text = slice.Text;
        var start = slice.Start;
        var rest = text.AsSpan(start, slice.End - start + 1);
        if (rest.Length < 3 || rest[1] is '$' or '\n' || char.IsWhiteSpace(rest[1])) return false;
        var previous = start > 0 ? text[start - 1] : ' ';
        // Markdig opens no '$' right after another; Pandoc does after a formula's closing one ($a$$b$).
        var afterFormula = previous == '$' && ClosedJustBefore(processor, start);
        if (previous == '$' ? !afterFormula : previous == '\\' || !(char.IsWhiteSpace(previous) || char.IsPunctuation(previous) || char.IsSymbol(previous))) return false;
        var broken = false;
        for (var i = 1; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case '\\':
                    // A backslash at a line's end (TeX's control space) still breaks the line.
                    if (++i < rest.Length && rest[i] == '\n') broken = true;
                    continue;
                case '\n':
                    broken = true;
                    continue;
                case '$':
                    // $a$$b$ is two formulas to Pandoc and MathJax, one "a$" to Markdig: the first '$' closes.
                    var doubled = i + 1 < rest.Length && rest[i + 1] == '$';
                    if (!(broken || doubled || afterFormula) || char.IsWhiteSpace(rest[i - 1]) || (i + 1 < rest.Length && char.IsDigit(rest[i + 1]))) return false;
                    return TexInlineParser.Emit(processor, ref slice, 1, i - 1, 1, display: false, dialect.Unescapes(dollars: true));
            }
        }
        return false;
    }

    /// <summary>Whether the '$' before <paramref name="start"/> closed the formula just read ($a$$b$).</summary>
    private static bool ClosedJustBefore(InlineProcessor processor, int start)
    {
        Markdig.Syntax.Inlines.Inline? last = processor.Root?.LastChild;
        while (last is Markdig.Syntax.Inlines.ContainerInline { LastChild: { } child }) last = child;
        return last is TexMathInline { Delimiter: '$', DelimiterCount: 1 } math && math.Content.End + 2 == start;
    }
}
