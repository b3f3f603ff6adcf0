using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.Math;

/// <summary>
/// Math that starts with a backslash: <c>\(…\)</c> inline and <c>\[…\]</c> display (written <c>\\(…\\)</c> and
/// <c>\\[…\\]</c> where Markdown's escapes ran first), and <c>\eqref{label}</c> or <c>\ref{label}</c> in prose, which
/// MathJax turns into links to the numbered equation. Runs before Markdown's own backslash escapes.
/// </summary>
public sealed class TexInlineParser : InlineParser
{
    public TexInlineParser() => OpeningCharacters = ['\\'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var dialect = MathDialect.Of(processor);
        var text = slice.Text;
        var start = slice.Start;
        var rest = text.AsSpan(start, slice.End - start + 1);
        var escapes = dialect.MarkdownEscapes;
        var open = escapes ? (rest.StartsWith(@"\\(") ? @"\\(" : rest.StartsWith(@"\\[") ? @"\\[" : null)
            : (rest.StartsWith(@"\(") ? @"\(" : rest.StartsWith(@"\[") ? @"\[" : null);
        if (open is not null)
        {
            var close = open[..^1] + (open[^1] == '(' ? ')' : ']');
            var end = TexScan.Find(rest, close, open.Length);
            if (end < 0 || rest[open.Length..end].IsWhiteSpace()) return false;
            return Emit(processor, ref slice, open.Length, end - open.Length, close.Length, display: open[^1] == '[', dialect.Unescapes(dollars: false));
        }
        if (TexScan.Reference(rest) is { } length)
            return Emit(processor, ref slice, 0, length, 0, display: false, unescape: false);
        return false;
    }

    internal static bool Emit(InlineProcessor processor, ref StringSlice slice, int openLength, int texLength, int closeLength, bool display, bool unescape)
    {
        var start = slice.Start;
        var position = processor.GetSourcePosition(start, out var line, out var column);
        processor.Inline = new TexMathInline
        {
            Delimiter = slice.Text[start],
            DelimiterCount = openLength,
            Content = new StringSlice(slice.Text, start + openLength, start + openLength + texLength - 1),
            Display = display,
            Unescape = unescape,
            Offset = openLength,
            Span = new Markdig.Syntax.SourceSpan(position, position + openLength + texLength + closeLength - 1),
            Line = line,
            Column = column,
        };
        slice.Start = start + openLength + texLength + closeLength;
        return true;
    }
}

/// <summary>Scans TeX for a closing delimiter, stepping over backslash pairs so that <c>\$</c> or <c>\\]</c> do not close.</summary>
internal static class TexScan
{
    public static int Find(ReadOnlySpan<char> text, string close, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i..].StartsWith(close)) return i;
            if (text[i] == '\\') i++;
        }
        return -1;
    }

    /// <summary>The length of a <c>\eqref{label}</c> or <c>\ref{label}</c> at the start of <paramref name="text"/>, or null.</summary>
    public static int? Reference(ReadOnlySpan<char> text)
    {
        var name = text.StartsWith(@"\eqref{") ? 7 : text.StartsWith(@"\ref{") ? 5 : 0;
        if (name == 0) return null;
        var end = text[name..].IndexOfAny('}', '\n');
        if (end <= 0 || text[name + end] != '}') return null;
        return name + end + 1;
    }
}
