using Markdig.Helpers;
using Markdig.Parsers;

namespace Lemma.Markdown.Math;

/// <summary>
/// <c>$…$</c> whose TeX breaks across lines of its paragraph, as Pandoc, MathJax and KaTeX read it (Markdig's <c>$</c>
/// parser stops at a line's end). Pandoc's rules: the opening <c>$</c> has a non-space right after it, the closing one a
/// non-space right before it and no digit right after it. Math on one line is left to Markdig's parser, and a kramdown
/// page's dollars to <see cref="KramdownDollarParser"/>.
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
        if (rest.Length < 4 || rest[1] is '$' or '\n' || char.IsWhiteSpace(rest[1])) return false;
        var previous = start > 0 ? text[start - 1] : ' ';
        if (previous is '$' or '\\' || !(char.IsWhiteSpace(previous) || char.IsPunctuation(previous) || char.IsSymbol(previous))) return false;
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
                    if (!broken || char.IsWhiteSpace(rest[i - 1]) || (i + 1 < rest.Length && (char.IsDigit(rest[i + 1]) || rest[i + 1] == '$'))) return false;
                    return TexInlineParser.Emit(processor, ref slice, 1, i - 1, 1, display: false, dialect.Unescapes(dollars: true));
            }
        }
        return false;
    }
}
