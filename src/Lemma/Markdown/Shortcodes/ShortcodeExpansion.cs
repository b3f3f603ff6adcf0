using System.Collections.Immutable;
using System.Net;
using System.Text;
using Lemma.Diagnostics;

namespace Lemma.Markdown.Shortcodes;

/// <summary>
/// Expands one body's shortcodes, as Hugo does before Markdown: <c>{{% %}}</c> output joins the Markdown, <c>{{&lt; &gt;}}</c>
/// output is HTML set aside behind a placeholder. Each output line remembers the body line it came from. One per body.
/// </summary>
internal sealed class ShortcodeExpansion(string body, int bodyLine, ShortcodePage page, Func<ShortcodeCall, ShortcodeOutput?> render)
{
    private readonly ImmutableArray<ShortcodeTag> tags = ShortcodeScanner.Scan(body);
    private readonly StringBuilder output = new();
    private readonly List<int> lines = [0];
    private readonly List<string> placeholders = [];
    private readonly List<Diagnostic> diagnostics = [];
    private readonly List<LinkReference> links = [];
    private int[] pairs = [];
    private int[] ordinals = [];
    // Shortcodes nest by recursion; past this depth the rest is kept as marked text, before the stack runs out.
    private const int MaxDepth = 64;
    private int depth;

    public ExpandedBody? Run()
    {
        if (tags.IsEmpty) return null;
        pairs = Pair(tags);
        ordinals = Ordinals(tags, pairs);
        Markdown(0, body.Length, 0, tags.Length, 0);
        // A shortcode inside a {{% %}} one is met twice (for the parent's .Inner, then in the Markdown): its findings once.
        return new ExpandedBody(output.ToString(), [.. lines], [.. placeholders], [.. diagnostics.Distinct()]) { Links = [.. links.Distinct()] };
    }

    /// <summary>For each opening tag, the index of its closing tag, or -1: a close ends the nearest open of its name.</summary>
    private static int[] Pair(ImmutableArray<ShortcodeTag> tags)
    {
        var pairs = Enumerable.Repeat(-1, tags.Length).ToArray();
        var open = new List<int>();
        for (var i = 0; i < tags.Length; i++)
        {
            var tag = tags[i];
            if (tag.IsComment || tag.IsSelfClosing) continue;
            if (!tag.IsClosing) { open.Add(i); continue; }
            var at = open.FindLastIndex(o => tags[o].Name == tag.Name);
            if (at < 0) continue;
            pairs[open[at]] = i;
            pairs[i] = open[at];
            open.RemoveRange(at, open.Count - at);
        }
        return pairs;
    }

    /// <summary>Each shortcode's .Ordinal: its 0-based position among the shortcodes of its parent (or of the page).</summary>
    private static int[] Ordinals(ImmutableArray<ShortcodeTag> tags, int[] pairs)
    {
        var ordinals = new int[tags.Length];
        var counts = new Stack<int>([0]);
        var open = new Stack<int>();
        for (var i = 0; i < tags.Length; i++)
        {
            var tag = tags[i];
            if (tag.IsComment) continue;
            if (tag.IsClosing)
            {
                if (pairs[i] >= 0 && open.Count > 0 && open.Peek() == pairs[i]) { open.Pop(); counts.Pop(); }
                continue;
            }
            var n = counts.Pop();
            ordinals[i] = n;
            counts.Push(n + 1);
            if (pairs[i] >= 0) { open.Push(i); counts.Push(0); }
        }
        return ordinals;
    }

    /// <summary>Writes body[from..to) into the Markdown with its tags first..last expanded.</summary>
    private void Markdown(int from, int to, int first, int last, int line)
    {
        var at = from;
        for (var t = first; t < last;)
        {
            var tag = tags[t];
            line = Copy(at, tag.Start, line);
            var close = tag.IsClosing ? -1 : pairs[t];
            var (innerFrom, innerTo) = close >= 0 ? (tag.End, tags[close].Start) : (tag.End, tag.End);
            var result = Expand(t, close, out _);
            switch (result)
            {
                case ShortcodeOutput.Html html: Emit(Set(html.Value), tag.Line); break;
                case ShortcodeOutput.Markdown markdown: Emit(markdown.Value, tag.Line); break;
                case ShortcodeOutput.Wrap wrap:
                    Emit(wrap.Open, tag.Line);
                    depth++;
                    if (close >= 0) Markdown(innerFrom, innerTo, t + 1, close, tag.EndLine);
                    depth--;
                    Emit(wrap.Close, close >= 0 ? tags[close].Line : tag.Line);
                    break;
            }
            at = close >= 0 ? tags[close].End : tag.End;
            line = close >= 0 ? tags[close].EndLine : tag.EndLine;
            t = close >= 0 ? close + 1 : t + 1;
        }
        Copy(at, to, line);
    }

    /// <summary>body[from..to) with its tags first..last rendered, as a shortcode's inner text.</summary>
    private string Text(int from, int to, int first, int last)
    {
        var text = new StringBuilder();
        var at = from;
        for (var t = first; t < last;)
        {
            var tag = tags[t];
            text.Append(body, at, tag.Start - at);
            var close = tag.IsClosing ? -1 : pairs[t];
            var result = Expand(t, close, out var inner);
            switch (result)
            {
                case ShortcodeOutput.Html html: text.Append(html.Value); break;
                case ShortcodeOutput.Markdown markdown: text.Append(markdown.Value); break;
                case ShortcodeOutput.Wrap wrap: text.Append(wrap.Open).Append(inner).Append(wrap.Close); break;
            }
            at = close >= 0 ? tags[close].End : tag.End;
            t = close >= 0 ? close + 1 : t + 1;
        }
        text.Append(body, at, to - at);
        return text.ToString();
    }

    /// <summary>The tag at <paramref name="t"/> (closed by the one at <paramref name="close"/>, or -1) rendered, or marked as
    /// unread; <paramref name="inner"/> is its inner text as rendered once (a parent reuses it rather than render it again).</summary>
    private ShortcodeOutput Expand(int t, int close, out string? inner)
    {
        inner = null;
        var tag = tags[t];
        if (tag.IsComment) return new ShortcodeOutput.Markdown(tag.Literal);
        if (tag.IsClosing)
        {
            Warn(tag, $"shortcode: '{{{{{(tag.IsMarkdown ? '%' : '<')} /{tag.Name} {(tag.IsMarkdown ? '%' : '>')}}}}}' closes no open '{tag.Name}'; it is shown as written");
            return Unread(tag);
        }
        if (depth >= MaxDepth)
        {
            Warn(tag, $"shortcode: shortcodes nest deeper than {MaxDepth} levels here; the rest is kept as written, marked");
            return new ShortcodeOutput.Markdown(Set(Mark(body[tag.Start..(close >= 0 ? tags[close].End : tag.End)])));
        }
        depth++;
        inner = close >= 0 ? Text(tag.End, tags[close].Start, t + 1, close) : null;
        depth--;
        var ordinal = ordinals[t];
        string? problem = null;
        ShortcodeOutput? result;
        try
        {
            result = render(new ShortcodeCall(tag, inner, page, ordinal));
        }
        catch (ShortcodeException e)
        {
            (result, problem) = (null, e.Message);
        }
        if (result is ShortcodeOutput.Html { } html)
        {
            var at = new SourceSpan(page.Path, bodyLine + tag.Line, tag.Column + 1);
            foreach (var image in html.Images ?? []) links.Add(new LinkReference(image, true, at));
            foreach (var link in html.Links ?? []) links.Add(new LinkReference(link, false, at));
        }
        if (result is not null) return result;
        Warn(tag, problem is null
            ? $"shortcode: Lemma does not know the shortcode '{tag.Name}'; its text is kept on the page, marked"
            : $"shortcode '{tag.Name}': {problem}; its text is kept on the page, marked");
        return close >= 0 ? new ShortcodeOutput.Wrap(Set(Mark(tag.Source)), Set(Mark(tags[close].Source))) : Unread(tag);
    }

    private ShortcodeOutput.Markdown Unread(ShortcodeTag tag) => new(Set(Mark(tag.Source)));

    private static string Mark(string source) => $"<code class=\"unread\">{WebUtility.HtmlEncode(source)}</code>";

    private void Warn(ShortcodeTag tag, string message) =>
        diagnostics.Add(Diagnostic.Warning(new SourceSpan(page.Path, bodyLine + tag.Line, tag.Column + 1), message));

    /// <summary>Sets <paramref name="html"/> aside and returns its placeholder.</summary>
    private string Set(string html)
    {
        placeholders.Add(html);
        return ExpandedBody.Placeholder(placeholders.Count - 1);
    }

    /// <summary>Copies body text; each new line is the body line after the one it follows. Returns the line reached.</summary>
    private int Copy(int from, int to, int line)
    {
        for (var i = from; i < to; i++)
        {
            output.Append(body[i]);
            if (body[i] == '\n') lines.Add(++line);
        }
        return line;
    }

    /// <summary>Writes generated text; its lines all belong to the shortcode's line.</summary>
    private void Emit(string text, int line)
    {
        foreach (var c in text)
        {
            output.Append(c);
            if (c == '\n') lines.Add(line);
        }
    }
}

/// <summary>A shortcode Lemma knows but cannot render as called (a missing argument, a template it cannot run).</summary>
internal sealed class ShortcodeException(string message) : Exception(message);
