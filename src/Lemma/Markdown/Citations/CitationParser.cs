using System.Collections.Immutable;
using Markdig.Helpers;
using Markdig.Parsers;
using Lemma.Markdown.CrossReferences;

namespace Lemma.Markdown.Citations;

/// <summary>
/// Parses Pandoc's citation syntax: <c>[@key]</c>, <c>[see @key, p. 3]</c>, <c>[@a; -@b]</c> and <c>@key</c> in running
/// text. A bracket is a citation only when each of its ';'-separated parts names a key and no '(' or '[' follows it
/// (else it is a link). A bare '@' after a letter or digit (an email address) is not a citation. Keys start with a
/// letter, digit or '_' and may hold internal punctuation (<c>:.#$%&amp;-+?&lt;&gt;~/</c>); <c>@{key}</c> takes any key.
/// A citation of Quarto labels only (<c>@fig-x</c>, <c>[see @eq-a]</c>) is a <see cref="CrossReferenceInline"/>.
/// </summary>
public sealed class CitationParser : InlineParser
{
    private const string InternalPunctuation = ":.#$%&-+?<>~/";

    public CitationParser() => OpeningCharacters = ['[', '@'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var start = slice.Start;
        return slice.CurrentChar == '['
            ? MatchBracket(processor, ref slice, text, start)
            : MatchBare(processor, ref slice, text, start);
    }

    private static bool MatchBare(InlineProcessor processor, ref StringSlice slice, string text, int start)
    {
        var previous = start > 0 ? text[start - 1] : ' ';
        if (!(char.IsWhiteSpace(previous) || previous is '(' or '"' or '\'' or '“' or '‘' or '—' or '–' || start == 0)) return false;
        var end = Key(text, start + 1, slice.End + 1, out var key);
        if (key is null) return false;
        var (line, column) = Position(processor, start);
        slice.Start = end;
        if (CrossReferenceInline.IsLabel(key))
        {
            processor.Inline = new CrossReferenceInline
            {
                Targets = [(key, line, column)],
                Source = text[start..end],
                Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(start, out var rl, out var rc), processor.GetSourcePosition(end - 1)),
                Line = rl,
                Column = rc,
            };
            return true;
        }
        processor.Inline = new CitationInline
        {
            Items = [new CitationItem(key, "", "", false, line, column)],
            Bracketed = false,
            Source = text[start..end],
            Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(start, out var l, out var c), processor.GetSourcePosition(end - 1)),
            Line = l,
            Column = c,
        };
        return true;
    }

    private static bool MatchBracket(InlineProcessor processor, ref StringSlice slice, string text, int start)
    {
        var limit = slice.End + 1;
        var close = -1;
        for (var i = start + 1; i < limit; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == '[') return false;
            if (text[i] == ']') { close = i; break; }
        }
        if (close < 0 || text.IndexOf('@', start, close - start) < 0) return false;
        if (close + 1 < limit && text[close + 1] is '(' or '[') return false;

        var items = ImmutableArray.CreateBuilder<CitationItem>();
        var partStart = start + 1;
        for (var i = start + 1; i <= close; i++)
        {
            if (i < close && text[i] != ';') continue;
            var item = Item(processor, text, partStart, i);
            if (item is null) return false;
            items.Add(item);
            partStart = i + 1;
        }

        slice.Start = close + 1;
        if (items.All(i => CrossReferenceInline.IsLabel(i.Key)))
        {
            processor.Inline = new CrossReferenceInline
            {
                Targets = [.. items.Select(i => (i.Key, i.Line, i.Column))],
                Prefix = items[0].Prefix,
                NumberOnly = items[0].SuppressAuthor,
                Source = text[start..(close + 1)],
                Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(start, out var rl, out var rc), processor.GetSourcePosition(close)),
                Line = rl,
                Column = rc,
            };
            return true;
        }
        processor.Inline = new CitationInline
        {
            Items = items.ToImmutable(),
            Bracketed = true,
            Source = text[start..(close + 1)],
            Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(start, out var l, out var c), processor.GetSourcePosition(close)),
            Line = l,
            Column = c,
        };
        return true;
    }

    /// <summary>One part of a bracket: an optional prefix, an optional '-', '@key', then ", locator" or other text.</summary>
    private static CitationItem? Item(InlineProcessor processor, string text, int start, int end)
    {
        for (var at = start; at < end; at++)
        {
            if (text[at] != '@') continue;
            var before = at > start ? text[at - 1] : ' ';
            var suppress = before == '-' && (at - 1 == start || char.IsWhiteSpace(text[at - 2]));
            if (!suppress && !char.IsWhiteSpace(before)) continue;
            var keyEnd = Key(text, at + 1, end, out var key);
            if (key is null) continue;
            var prefix = Clean(text[start..(suppress ? at - 1 : at)]);
            var locator = Clean(text[keyEnd..end]);
            if (locator.StartsWith(',')) locator = locator[1..].TrimStart();
            var (line, column) = Position(processor, suppress ? at - 1 : at);
            return new CitationItem(key, prefix, locator, suppress, line, column);
        }
        return null;
    }

    /// <summary>Reads a key after '@'; returns where it ends, with <paramref name="key"/> null when there is none.</summary>
    private static int Key(string text, int i, int limit, out string? key)
    {
        key = null;
        if (i >= limit) return i;
        if (text[i] == '{')
        {
            var close = text.IndexOf('}', i, limit - i);
            if (close <= i + 1) return i;
            key = text[(i + 1)..close];
            return close + 1;
        }
        if (!(char.IsLetterOrDigit(text[i]) || text[i] == '_')) return i;
        var start = i;
        var end = i;
        while (i < limit)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c == '_') end = ++i;
            // Punctuation is part of the key only between key characters: "@vaswani2017." ends before the period.
            else if (InternalPunctuation.Contains(c) && i + 1 < limit && (char.IsLetterOrDigit(text[i + 1]) || text[i + 1] == '_')) i++;
            else break;
        }
        key = text[start..end];
        return end;
    }

    private static string Clean(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static (int Line, int Column) Position(InlineProcessor processor, int offset)
    {
        processor.GetSourcePosition(offset, out var line, out var column);
        return (line, column);
    }
}
