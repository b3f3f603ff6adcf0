using System.Net;
using System.Text;

namespace Lemma.Search;

/// <summary>The words a page's rendered HTML shows a reader: its text without markup, and its headings' text.</summary>
public static class SearchText
{
    /// <summary>The text of <paramref name="html"/> (no scripts, styles, or a formula's TeX source twice) and the text of
    /// its &lt;h1&gt;..&lt;h6&gt;. One pass over the HTML, no regular expressions: it runs once per page in every build.
    /// The text is left as the HTML spaces it, in a pooled buffer the caller disposes: the tokenizer reads it whole,
    /// and only its first <see cref="SearchDoc.SnippetSource"/> characters are made one line (<see cref="PageText.Start"/>).</summary>
    public static PageText Read(string html)
    {
        var span = html.AsSpan();
        // Never longer than the HTML: an entity decodes to fewer characters, and a tag (3 or more) to one space at most.
        var text = System.Buffers.ArrayPool<char>.Shared.Rent(span.Length + 1);
        var length = 0;
        var headings = new StringBuilder();
        var heading = -1;
        var i = 0;
        while (i < span.Length)
        {
            var next = span[i..].IndexOfAny('<', '&');
            var run = next < 0 ? span[i..] : span.Slice(i, next);
            run.CopyTo(text.AsSpan(length));
            length += run.Length;
            if (next < 0) break;
            i += next;
            if (span[i] == '&')
            {
                // The rest of the run decoded whole, as entities are not split by tags.
                var end = span[i..].IndexOf('<') is var lt and >= 0 ? i + lt : span.Length;
                var decoded = WebUtility.HtmlDecode(span[i..end].ToString());
                decoded.CopyTo(text.AsSpan(length));
                length += decoded.Length;
                i = end;
                continue;
            }
            var gt = span[i..].IndexOf('>');
            if (gt < 0) break;
            var tag = span.Slice(i + 1, gt - 1);
            i += gt + 1;
            // Inline markup (a highlighted token, a link) joins what it wraps: "model.train()" stays one piece of code.
            // A highlighted token's <span> first, most tags of a page with code.
            if (IsSpan(tag)) continue;
            var closing = tag.Length > 0 && tag[0] == '/';
            var name = Name(closing ? tag[1..] : tag);
            if (Inline(name)) continue;
            if (!closing && Hidden(name))
            {
                // Skip to the element's end: a script, style or TeX annotation is not text a reader sees.
                i = FindClose(span, i, name);
                Space(text, ref length);
                continue;
            }
            if (name.Length == 2 && (name[0] | 0x20) == 'h' && name[1] is >= '1' and <= '6')
            {
                if (!closing) { Space(text, ref length); heading = length; }
                else if (heading >= 0)
                {
                    if (headings.Length > 0) headings.Append('\n');
                    var line = System.Buffers.ArrayPool<char>.Shared.Rent(length - heading + 1);
                    var written = 0;
                    OneLine(text.AsSpan(heading, length - heading), line, ref written);
                    headings.Append(line, 0, written);
                    System.Buffers.ArrayPool<char>.Shared.Return(line);
                    heading = -1;
                }
            }
            Space(text, ref length);
        }
        return new PageText(text, length, Finish(headings.ToString()));
    }

    private static void Space(char[] text, ref int length)
    {
        if (length > 0 && text[length - 1] != ' ') text[length++] = ' ';
    }

    // A highlighted token's tag, as Lemma writes it: <span class="..."> or </span>.
    private static bool IsSpan(ReadOnlySpan<char> tag) =>
        tag.StartsWith("span") ? tag.Length == 4 || tag[4] == ' ' : tag is "/span";

    /// <summary>A page's text as its HTML spaces it, in a pooled buffer; and its headings, one a line.</summary>
    public readonly ref struct PageText
    {
        private readonly char[] buffer;
        private readonly int length;

        internal PageText(char[] buffer, int length, string headings)
        {
            this.buffer = buffer;
            this.length = length;
            Headings = headings;
        }

        /// <summary>The text, its white space as in the HTML.</summary>
        public ReadOnlySpan<char> Text => buffer.AsSpan(0, length);

        public string Headings { get; }

        /// <summary>The first <paramref name="limit"/> characters of the text made one line (each run of white space one
        /// space, none at either end).</summary>
        public string Start(int limit)
        {
            var line = System.Buffers.ArrayPool<char>.Shared.Rent(System.Math.Max(1, System.Math.Min(limit, length)));
            var written = 0;
            var read = OneLine(Text, line.AsSpan(0, System.Math.Min(limit, length)), ref written);
            var start = line.AsSpan(0, written);
            // Cut at the limit, the line ends where it was cut, unless all that follows is white space.
            if (read == length || !Text[read..].ContainsAnyExcept(Spaces)) start = start.TrimEnd(' ');
            var made = new string(start);
            System.Buffers.ArrayPool<char>.Shared.Return(line);
            return made;
        }

        public void Dispose() => System.Buffers.ArrayPool<char>.Shared.Return(buffer);
    }

    /// <summary>Writes <paramref name="text"/> into <paramref name="line"/> after its first <paramref name="written"/>
    /// characters, each run of white space one space and none at the start, until the line is full. Returns how many
    /// characters of the text it read.</summary>
    private static int OneLine(ReadOnlySpan<char> text, Span<char> line, ref int written)
    {
        var start = written;
        var i = 0;
        for (; i < text.Length && written < line.Length; i++)
        {
            var c = text[i];
            if (!IsSpace(c)) line[written++] = c;
            else if (written > start && line[written - 1] != ' ') line[written++] = ' ';
        }
        return i;
    }

    private static bool IsSpace(char c) => Spaces.Contains(c);

    private static readonly System.Buffers.SearchValues<char> Spaces = System.Buffers.SearchValues.Create(
        " \t\n\v\f\r\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000");

    private static string Finish(string lines) => lines.TrimEnd(' ').Replace(" \n", "\n");

    private static ReadOnlySpan<char> Name(ReadOnlySpan<char> tag)
    {
        var n = 0;
        while (n < tag.Length && char.IsAsciiLetterOrDigit(tag[n])) n++;
        return tag[..n];
    }

    private static int FindClose(ReadOnlySpan<char> span, int from, ReadOnlySpan<char> name)
    {
        for (var at = from; at < span.Length;)
        {
            var lt = span[at..].IndexOf("</", StringComparison.Ordinal);
            if (lt < 0) return span.Length;
            at += lt + 2;
            if (span.Length - at >= name.Length && span.Slice(at, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (at + name.Length == span.Length || !char.IsAsciiLetterOrDigit(span[at + name.Length])))
            {
                var gt = span[at..].IndexOf('>');
                return gt < 0 ? span.Length : at + gt + 1;
            }
        }
        return span.Length;
    }

    private static bool Hidden(ReadOnlySpan<char> name) => name.Length switch
    {
        3 => Is(name, "svg"),
        5 => Is(name, "style"),
        6 => Is(name, "script"),
        8 => Is(name, "template"),
        10 => Is(name, "annotation"),
        _ => false,
    };

    private static bool Inline(ReadOnlySpan<char> name) => name.Length switch
    {
        1 => (name[0] | 0x20) is 'a' or 'b' or 'i' or 's' or 'u' or 'q',
        2 => Is(name, "em"),
        3 => Is(name, "sub") || Is(name, "sup") || Is(name, "kbd") || Is(name, "del") || Is(name, "ins") || Is(name, "dfn") || Is(name, "var"),
        4 => Is(name, "span") || Is(name, "code") || Is(name, "mark") || Is(name, "abbr") || Is(name, "cite") || Is(name, "samp") || Is(name, "time"),
        5 => Is(name, "small"),
        6 => Is(name, "strong"),
        _ => false,
    };

    private static bool Is(ReadOnlySpan<char> name, string tag) => name.Equals(tag, StringComparison.OrdinalIgnoreCase);
}
