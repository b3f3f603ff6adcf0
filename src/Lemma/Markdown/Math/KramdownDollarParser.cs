using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.Math;

/// <summary>
/// kramdown's dollars, for Jekyll sites: <c>$$…$$</c> in a paragraph is inline math (its lines may break, and spaces
/// inside are trimmed), and a single <c>$</c> is a dollar sign. Elsewhere it lets Markdig's <c>$</c> parser run.
/// </summary>
public sealed class KramdownDollarParser : InlineParser
{
    public KramdownDollarParser() => OpeningCharacters = ['$'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var dialect = MathDialect.Of(processor);
        if (!dialect.Kramdown) return false;
        var rest = slice.Text.AsSpan(slice.Start, slice.End - slice.Start + 1);
        // The site's MathJax finds $…$: Markdig's dollar parser reads it.
        if (dialect.Dollars && !rest.StartsWith("$$")) return false;
        var end = rest.StartsWith("$$") ? TexScan.Find(rest, "$$", 2) : -1;
        if (end < 0 || rest[2..end].IsWhiteSpace())
        {
            // Not math: the dollars are text, each of them.
            var count = rest.StartsWith("$$") ? 2 : 1;
            processor.Inline = new LiteralInline(new StringSlice(slice.Text, slice.Start, slice.Start + count - 1));
            slice.Start += count;
            return true;
        }
        return TexInlineParser.Emit(processor, ref slice, 2, end - 2, 2, display: false, unescape: false);
    }
}
