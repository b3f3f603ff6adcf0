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
        var text = new StringBuilder(html.Length / 2);
        var headings = new StringBuilder();
        var span = html.AsSpan();
        var entities = false;
        var heading = -1;
        var i = 0;
        while (i < span.Length)
        {
            var lt = span[i..].IndexOf('<');
            var run = lt < 0 ? span[i..] : span.Slice(i, lt);
            entities |= run.Contains('&');
            Append(text, run);
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
                Space(text);
                continue;
            }
            if (name.Length == 2 && (name[0] | 0x20) == 'h' && name[1] is >= '1' and <= '6')
            {
                if (!closing) { Space(text); heading = text.Length; }
                else if (heading >= 0)
                {
                    if (headings.Length > 0) headings.Append('\n');
                    headings.Append(text, heading, text.Length - heading);
                    heading = -1;
                }
            }
            // Inline markup (a highlighted token, a link) joins what it wraps: "model.train()" stays one piece of code.
            if (!Inline(name)) Space(text);
        }
        return (Finish(text, entities), Finish(headings, entities));
    }

    /// <summary>The text of <paramref name="html"/>, as one line.</summary>
    public static string Of(string html) => Read(html).Text;

    /// <summary>The text of every &lt;h1&gt;..&lt;h6&gt; in <paramref name="html"/>, each on its own line.</summary>
    public static string Headings(string html) => Read(html).Headings;

    private static void Append(StringBuilder text, ReadOnlySpan<char> run)
    {
        while (run.Length > 0)
        {
            var space = run.IndexOfAny(Whitespace);
            if (space < 0) { text.Append(run); return; }
            text.Append(run[..space]);
            Space(text);
            run = run[(space + 1)..];
        }
    }

    private static readonly System.Buffers.SearchValues<char> Whitespace =
        System.Buffers.SearchValues.Create(" \t\n\r\f\v\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000");

    private static void Space(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] is not (' ' or '\n')) text.Append(' ');
    }

    private static string Finish(StringBuilder text, bool entities)
    {
        while (text.Length > 0 && text[^1] == ' ') text.Length--;
        var s = text.ToString().Replace(" \n", "\n");
        if (!entities || !s.Contains('&')) return s;
        // An entity may decode to a space (&nbsp;, &#32;): collapse again.
        var decoded = new StringBuilder(s.Length);
        foreach (var line in WebUtility.HtmlDecode(s).Split('\n'))
        {
            if (decoded.Length > 0) decoded.Append('\n');
            var start = decoded.Length;
            Append(decoded, line.AsSpan().Trim());
            while (decoded.Length > start && decoded[^1] == ' ') decoded.Length--;
        }
        return decoded.ToString();
    }

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
