using System.Net;
using System.Text;

namespace Lemma.Search;

/// <summary>The words a page's rendered HTML shows a reader: its text without markup, and its headings' text.</summary>
public static class SearchText
{
    /// <summary>The text of <paramref name="html"/> as one line (no scripts, styles, or a formula's TeX source twice), and
    /// the text of its &lt;h1&gt;..&lt;h6&gt;, each on its own line. One pass over the HTML, no regular expressions: it
    /// runs once per page in every build.</summary>
    public static (string Text, string Headings) Read(string html)
    {
        var text = new Line(html.Length);
        var headings = new StringBuilder();
        var span = html.AsSpan();
        var heading = -1;
        var i = 0;
        while (i < span.Length)
        {
            var lt = span[i..].IndexOf('<');
            var run = lt < 0 ? span[i..] : span.Slice(i, lt);
            // An entity may decode to a space (&nbsp;, &#32;): decoded before the spaces are collapsed.
            if (run.Contains('&')) text.Append(WebUtility.HtmlDecode(run.ToString()));
            else text.Append(run);
            if (lt < 0) break;
            i += lt;
            var gt = span[i..].IndexOf('>');
            if (gt < 0) break;
            var tag = span.Slice(i + 1, gt - 1);
            i += gt + 1;
            var closing = tag.Length > 0 && tag[0] == '/';
            var name = Name(closing ? tag[1..] : tag);
            if (!closing && Hidden(name))
            {
                // Skip to the element's end: a script, style or TeX annotation is not text a reader sees.
                var end = FindClose(span, i, name);
                i = end;
                text.Space();
                continue;
            }
            if (name.Length == 2 && (name[0] | 0x20) == 'h' && name[1] is >= '1' and <= '6')
            {
                if (!closing) { text.Space(); heading = text.Length; }
                else if (heading >= 0)
                {
                    if (headings.Length > 0) headings.Append('\n');
                    headings.Append(text.Since(heading));
                    heading = -1;
                }
            }
            // Inline markup (a highlighted token, a link) joins what it wraps: "model.train()" stays one piece of code.
            if (!Inline(name)) text.Space();
        }
        var result = (Finish(text.ToString()), Finish(headings.ToString()));
        text.Dispose();
        return result;
    }

    /// <summary>Text as one line: each run of white space one space. A page's text is copied a character at a time, so
    /// into an array, not a <see cref="StringBuilder"/>; a pooled one, as a page's is large.</summary>
    private ref struct Line(int capacity)
    {
        private char[] chars = System.Buffers.ArrayPool<char>.Shared.Rent(System.Math.Max(16, capacity));

        public int Length { get; private set; }

        public void Append(ReadOnlySpan<char> run)
        {
            if (Length + run.Length > chars.Length)
            {
                var larger = System.Buffers.ArrayPool<char>.Shared.Rent(System.Math.Max(chars.Length * 2, Length + run.Length));
                chars.AsSpan(0, Length).CopyTo(larger);
                System.Buffers.ArrayPool<char>.Shared.Return(chars);
                chars = larger;
            }
            var length = Length;
            foreach (var c in run)
            {
                if (!IsSpace(c)) chars[length++] = c;
                else if (length > 0 && chars[length - 1] != ' ') chars[length++] = ' ';
            }
            Length = length;
        }

        public void Space()
        {
            if (Length > 0 && chars[Length - 1] != ' ') Append(" ");
        }

        public readonly ReadOnlySpan<char> Since(int start) => chars.AsSpan(start, Length - start);

        public override readonly string ToString() => new(chars, 0, Length);

        public readonly void Dispose() => System.Buffers.ArrayPool<char>.Shared.Return(chars);
    }

    private static bool IsSpace(char c) => c == ' ' || (uint)(c - '\t') <= '\r' - '\t' || (c >= '\u0085' && OtherSpaces.Contains(c));

    private static readonly System.Buffers.SearchValues<char> OtherSpaces =
        System.Buffers.SearchValues.Create("\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000");

    /// <summary>The text of <paramref name="html"/>, as one line.</summary>
    public static string Of(string html) => Read(html).Text;

    /// <summary>The text of every &lt;h1&gt;..&lt;h6&gt; in <paramref name="html"/>, each on its own line.</summary>
    public static string Headings(string html) => Read(html).Headings;

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

    private static bool Hidden(ReadOnlySpan<char> name) => Is(name, "script") || Is(name, "style") || Is(name, "annotation") || Is(name, "template") || Is(name, "svg");

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
