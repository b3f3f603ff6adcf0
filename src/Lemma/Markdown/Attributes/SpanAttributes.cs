using System.Text.RegularExpressions;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Renderers.Html;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.Attributes;

/// <summary>
/// Attribute lists inside a paragraph or heading, once emphasis and links are resolved:
/// <list type="bullet">
/// <item>right after a span (emphasis, code, link, image, math), with nothing between: <c>*text*{: .x}</c>,
/// <c>![img](a.png){width=50%}</c>, <c>[link](u){:target="_blank"}</c>; it goes to that span;</item>
/// <item>at the very end of a paragraph or setext heading, after a space, with an id or a class (Markdig's
/// <c>A paragraph. {.lead}</c>); it goes to the block;</item>
/// <item>a kramdown <c>{: ...}</c> anywhere else applies to nothing: kramdown drops it, and so does this, with a warning.</item>
/// </list>
/// Every other brace is text: <c>{x: y}</c>, <c>{name}</c> and <c>\eqref{eq:ab}</c> stay as written.
/// </summary>
public sealed class SpanAttributeParser : InlineParser, IPostInlineProcessor
{
    public SpanAttributeParser() => OpeningCharacters = ['{'];

    // Reads nothing itself: it only splits literals at '{', so that a list right after a span starts a literal of its own.
    public override bool Match(InlineProcessor processor, ref StringSlice slice) => false;

    public bool PostProcess(InlineProcessor state, Inline? root, Inline? lastChild, int postInlineProcessorIndex, bool isFinalProcessing)
    {
        if (!isFinalProcessing || root is not ContainerInline container || !ReferenceEquals(root, state.Root) || state.Block is null) return true;
        var notes = AttributeNotes.Of(state.Document);
        Brackets(container, notes);
        if (state.Block is ParagraphBlock or HeadingBlock) TakeTrailing(container, state.Block, notes);
        Walk(container, notes);
        return true;
    }

    private static void Walk(ContainerInline container, AttributeNotes notes)
    {
        for (var child = container.FirstChild; child is not null;)
        {
            if (child is ContainerInline inner and not DelimiterInline) Walk(inner, notes);
            if (child is not LiteralInline literal) { child = child.NextSibling; continue; }
            var before = literal.PreviousSibling;
            Inline? boundary = literal;
            while (boundary is LiteralInline) boundary = boundary.NextSibling;
            if (!literal.IsFirstCharacterEscaped && IsSpan(before)) TakeAfterSpan(literal, before!, notes);
            else if (!literal.IsFirstCharacterEscaped && before is HtmlInline { Tag: ['<', '/', ..] } closing && Opening(closing) is { } opening)
                TakeAfterHtml(literal, opening, notes);
            var l = (before is null ? container.FirstChild : before.NextSibling) as LiteralInline;
            while (l is not null && !ReferenceEquals(l, boundary))
            {
                var (found, resume) = DropStrayKramdown(l, notes);
                l = found ? resume : l.NextSibling as LiteralInline;
            }
            child = boundary;
        }
    }

    private static bool IsSpan(Inline? inline) => inline is EmphasisInline or LinkInline or CodeInline or MathInline or BracketedSpan;

    /// <summary>
    /// Pandoc's bracketed spans: "[text]{.x}" that is no link (Markdig left its '[' as a literal of its own) becomes a
    /// <see cref="BracketedSpan"/> holding the text, with the list's attributes.
    /// </summary>
    private static void Brackets(ContainerInline container, AttributeNotes notes)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is ContainerInline inner and not DelimiterInline) { Brackets(inner, notes); continue; }
            if (child is not LiteralInline { IsFirstCharacterEscaped: false } literal) continue;
            var content = literal.Content;
            var text = content.Text;
            for (var k = content.Start; k < content.End; k++)
            {
                if (text[k] != ']' || text[k + 1] != '{') continue;
                if (AttributeList.Parse(text.AsSpan(k + 1)) is not { Definition: null, Kramdown: false } list || !Covered(literal, k + 1 + list.Length)) continue;
                Inline? open = literal.PreviousSibling;
                while (open is not null && !(open is LiteralInline { Content.Length: 1 } l && l.Content.CurrentChar == '[')) open = open.PreviousSibling;
                if (open is null) break;
                var span = new BracketedSpan { Line = open.Line, Column = open.Column, Span = new SourceSpan(open.Span.Start, literal.Span.Start + (k - content.Start)) };
                open.InsertBefore(span);
                for (var inline = open.NextSibling; inline is not null && !ReferenceEquals(inline, literal);)
                {
                    var next = inline.NextSibling;
                    inline.Remove();
                    span.AppendChild(inline);
                    inline = next;
                }
                open.Remove();
                if (k > content.Start)
                    span.AppendChild(new LiteralInline { Content = new Markdig.Helpers.StringSlice(text, content.Start, k - 1), Line = literal.Line, Column = literal.Column, Span = new SourceSpan(literal.Span.Start, literal.Span.Start + (k - 1 - content.Start)) });
                AttributeRules.Apply(list, span, notes, literal.Line, literal.Column + (k + 1 - content.Start));
                Cut(literal, content.Start, k + 1 + list.Length);
                child = span; // go on after it
                break;
            }
        }
    }

    /// <summary>The opening tag of the HTML element that <paramref name="closing"/> ends, among the inlines before it (kramdown reads <c>&lt;span&gt;x&lt;/span&gt;{: .y}</c> as a span).</summary>
    private static HtmlInline? Opening(HtmlInline closing)
    {
        var name = closing.Tag[2..].TrimEnd('>', ' ', '\t', '\n');
        if (name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit)) return null;
        var depth = 0;
        for (var inline = closing.PreviousSibling; inline is not null; inline = inline.PreviousSibling)
        {
            if (inline is not HtmlInline { Tag: var tag }) continue;
            if (tag.StartsWith("</" + name, StringComparison.OrdinalIgnoreCase)) depth++;
            else if (tag.StartsWith("<" + name, StringComparison.OrdinalIgnoreCase) && tag.Length > name.Length + 1 && tag[name.Length + 1] is '>' or ' ' or '\t' or '\n')
            {
                if (depth == 0) return tag.EndsWith("/>", StringComparison.Ordinal) ? null : (HtmlInline)inline;
                depth--;
            }
        }
        return null;
    }

    /// <summary>Lists right after an HTML element go into its opening tag, but for attributes the tag sets already.</summary>
    private static void TakeAfterHtml(LiteralInline literal, HtmlInline opening, AttributeNotes notes)
    {
        var holder = new LiteralInline();
        var text = literal.Content.Text;
        var at = literal.Content.Start;
        while (at < text.Length && text[at] == '{' && AttributeList.Parse(text.AsSpan(at)) is { Definition: null } list && Covered(literal, at + list.Length))
        {
            AttributeRules.Apply(list, holder, notes, literal.Line, literal.Column + (at - literal.Content.Start));
            at += list.Length;
        }
        if (at == literal.Content.Start) return;
        var attributes = holder.GetAttributes();
        var added = new System.Text.StringBuilder();
        void Add(string key, string? value)
        {
            if (Regex.IsMatch(opening.Tag, $@"\s{Regex.Escape(key)}\s*=", RegexOptions.IgnoreCase)) return;
            added.Append(' ').Append(key);
            if (value is not null) added.Append("=\"").Append(System.Net.WebUtility.HtmlEncode(value)).Append('"');
        }
        if (attributes.Id is { } id) Add("id", id);
        if (attributes.Classes is { Count: > 0 } classes) Add("class", string.Join(' ', classes));
        foreach (var (key, value) in attributes.Properties ?? []) Add(key, value);
        var end = opening.Tag.Length - 1;
        opening.Tag = opening.Tag[..end].TrimEnd() + added + opening.Tag[end..];
        Cut(literal, literal.Content.Start, at);
    }

    /// <summary>Lists at the start of <paramref name="literal"/>, one after another (<c>`code`{:#id}{:.class}</c>), go to <paramref name="span"/>.</summary>
    private static void TakeAfterSpan(LiteralInline literal, Inline span, AttributeNotes notes)
    {
        var text = literal.Content.Text;
        var at = literal.Content.Start;
        var (line, column) = (literal.Line, literal.Column);
        while (at < text.Length && text[at] == '{' && AttributeList.Parse(text.AsSpan(at)) is { Definition: null } list && Covered(literal, at + list.Length))
        {
            AttributeRules.Apply(list, span, notes, line, column + (at - literal.Content.Start));
            at += list.Length;
        }
        Cut(literal, literal.Content.Start, at);
    }

    /// <summary>
    /// The first kramdown span list in <paramref name="literal"/> that follows no span: kramdown leaves it out of the page,
    /// and so does this, saying so. Returns whether there was one, and the literal holding the text after it.
    /// </summary>
    private static (bool Found, LiteralInline? Resume) DropStrayKramdown(LiteralInline literal, AttributeNotes notes)
    {
        if (literal.IsFirstCharacterEscaped) return (false, null);
        var content = literal.Content;
        var text = content.Text;
        for (var i = content.Start; i < content.End; i++)
        {
            if (text[i] != '{' || text[i + 1] != ':') continue;
            if (AttributeList.Parse(text.AsSpan(i)) is not { Kramdown: true, Definition: null } list || !Covered(literal, i + list.Length)) continue;
            notes.Warn(literal.Line, literal.Column + (i - content.Start),
                $"kramdown: the attribute list '{text.AsSpan(i, list.Length)}' follows no span (it goes right after *emphasis*, `code`, a [link] or an ![image]); it is left out");
            return (true, Cut(literal, i, i + list.Length));
        }
        return (false, null);
    }

    /// <summary>A list at the end of a paragraph or setext heading, after a space, goes to the block.</summary>
    private static void TakeTrailing(ContainerInline root, LeafBlock block, AttributeNotes notes)
    {
        if (root.LastChild is not LiteralInline { IsFirstCharacterEscaped: false } last) return;
        var text = last.Content.Text;
        var end = last.Content.End;
        while (end >= last.Content.Start && char.IsWhiteSpace(text[end])) end--;
        if (end < last.Content.Start || text[end] != '}') return;
        // the run of plain literals the list may lie in, back from the end
        var first = last;
        while (first.PreviousSibling is LiteralInline { IsFirstCharacterEscaped: false } previous && ReferenceEquals(previous.Content.Text, text)
               && previous.Content.End + 1 == first.Content.Start) first = previous;
        for (var at = end - 1; at >= first.Content.Start; at--)
        {
            if (text[at] != '{') continue;
            if (AttributeList.Parse(text.AsSpan(at, end - at + 1)) is not { Definition: null } list || list.Length != end - at + 1) continue;
            if (!list.Kramdown && !list.HasIdOrClass) return;
            var spaced = at > 0 && char.IsWhiteSpace(text[at - 1]) || (at == first.Content.Start && first.PreviousSibling is LineBreakInline);
            var hasText = !text.AsSpan(first.Content.Start, at - first.Content.Start).IsWhiteSpace() || first.PreviousSibling is not null;
            if (!hasText || !(spaced || block is HeadingBlock)) return;
            var owner = first;
            while (owner.Content.End < at) owner = (LiteralInline)owner.NextSibling!;
            AttributeRules.Apply(list, block, notes, owner.Line, owner.Column + (at - owner.Content.Start));
            Cut(owner, at, last.Content.End + 1);
            if (root.LastChild is LineBreakInline lineBreak) lineBreak.Remove();
            if (root.LastChild is LiteralInline kept) { var c = kept.Content; c.TrimEnd(); kept.Content = c; kept.Span = new SourceSpan(kept.Span.Start, kept.Span.Start + c.Length - 1); }
            return;
        }
    }

    /// <summary>Whether the source from <paramref name="literal"/>'s start to <paramref name="end"/> (exclusive) is all in it and the plain literals after it.</summary>
    private static bool Covered(LiteralInline literal, int end)
    {
        for (Inline? inline = literal; inline is LiteralInline l && ReferenceEquals(l.Content.Text, literal.Content.Text); inline = inline.NextSibling)
        {
            if (l.Content.End + 1 >= end) return true;
            if (l.NextSibling is not LiteralInline { IsFirstCharacterEscaped: false } next || next.Content.Start != l.Content.End + 1) return false;
        }
        return false;
    }

    /// <summary>
    /// Removes the source range [<paramref name="start"/>, <paramref name="end"/>) from <paramref name="literal"/> and the
    /// literals after it that the range covers (<see cref="Covered"/>); returns the literal holding the text after it, if any.
    /// </summary>
    private static LiteralInline? Cut(LiteralInline literal, int start, int end)
    {
        if (end <= start) return literal;
        var text = literal.Content.Text;
        LiteralInline? current = literal;
        LiteralInline? after = null;
        while (current is not null && current.Content.Start < end)
        {
            var next = current.NextSibling as LiteralInline;
            var (s, e) = (current.Content.Start, current.Content.End);
            var keepBefore = start > s ? new StringSlice(text, s, System.Math.Min(e, start - 1)) : StringSlice.Empty;
            var keepAfter = end <= e ? new StringSlice(text, end, e) : StringSlice.Empty;
            if (keepBefore.Length > 0 && keepAfter.Length > 0)
            {
                Shorten(current, keepBefore);
                after = new LiteralInline
                {
                    Content = keepAfter, Line = current.Line, Column = current.Column + (end - s), Span = new SourceSpan(current.Span.Start + (end - s), current.Span.End),
                };
                current.InsertAfter(after);
                return after;
            }
            if (keepBefore.Length > 0) Shorten(current, keepBefore);
            else if (keepAfter.Length > 0)
            {
                current.Span = new SourceSpan(current.Span.Start + (end - s), current.Span.End);
                current.Column += end - s;
                current.Content = keepAfter;
                return current;
            }
            else current.Remove();
            current = next;
        }
        return after ?? current;
    }

    private static void Shorten(LiteralInline literal, StringSlice content)
    {
        literal.Span = new SourceSpan(literal.Span.Start, literal.Span.Start + (content.End - literal.Content.Start));
        literal.Content = content;
    }
}
