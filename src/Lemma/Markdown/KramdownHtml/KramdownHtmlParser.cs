using System.Text.RegularExpressions;
using Lemma.Markdown.Math;
using Markdig.Parsers;
using Markdig.Syntax;

namespace Lemma.Markdown.KramdownHtml;

/// <summary>
/// Tried before CommonMark's HTML blocks on a line starting with '&lt;', on kramdown pages only: a span element there opens a
/// paragraph (kramdown's rule; CommonMark would take the lines up to the next blank one as raw HTML), and a start tag with a
/// <c>markdown</c> attribute, alone on its line, opens a <see cref="KramdownHtmlElement"/>.
/// </summary>
public sealed partial class KramdownHtmlParser : BlockParser
{
    // kramdown's span-level HTML elements.
    private static readonly HashSet<string> SpanElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn", "em", "i", "img", "input", "ins",
        "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "s", "samp", "select", "small", "span",
        "strike", "strong", "sub", "sup", "textarea", "tt", "u", "var", "font",
    };

    // Elements whose content kramdown reads as a span when markdown="1".
    private static readonly HashSet<string> SpanContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "th", "td", "caption", "legend", "summary", "figcaption",
    };

    public KramdownHtmlParser() => OpeningCharacters = ['<'];

    public override bool CanInterrupt(BlockProcessor processor, Block block) => block is not ParagraphBlock;

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent || !MathDialect.Of(processor).Kramdown) return BlockState.None;
        var line = processor.Line.ToString();
        if (StartTag().Match(line) is { Success: true } start && MarkdownAttribute().Match(start.Groups["attrs"].Value) is { Success: true } markdown)
        {
            var name = start.Groups["name"].Value;
            var mode = markdown.Groups["v"].Value.ToLowerInvariant();
            if (mode == "0") return BlockState.None;
            var attrs = start.Groups["attrs"].Value.Remove(markdown.Index, markdown.Length).TrimEnd();
            var inline = mode == "span" || (mode != "block" && SpanContent.Contains(name));
            processor.NewBlocks.Push(new KramdownHtmlElement(this, name, $"<{name}{attrs}>", inline)
            {
                Column = processor.Column,
                Line = processor.LineIndex,
                Span = new SourceSpan(processor.Start, processor.Line.End),
            });
            return BlockState.ContinueDiscard;
        }
        if (OneLine().Match(line) is { Success: true } whole && MarkdownAttribute().Match(whole.Groups["attrs"].Value) is { Success: true } attribute
            && attribute.Groups["v"].Value != "0")
        {
            var name = whole.Groups["name"].Value;
            var attrs = whole.Groups["attrs"].Value.Remove(attribute.Index, attribute.Length).TrimEnd();
            var content = whole.Groups["content"];
            var from = processor.Line.Start + content.Index;
            processor.NewBlocks.Push(new KramdownHtmlSpan(this, name, $"<{name}{attrs}>")
            {
                Column = processor.Column,
                Line = processor.LineIndex,
                Span = new SourceSpan(processor.Start, processor.Line.End),
                ProcessInlines = true,
            });
            // The block's text is the content between the tags.
            processor.Line = new Markdig.Helpers.StringSlice(processor.Line.Text, from, from + content.Length - 1);
            return BlockState.Break;
        }
        if (OpeningName().Match(line) is not { Success: true } open) return BlockState.None;
        var tag = open.Groups[1].Value;
        if (!SpanElements.Contains(tag))
        {
            // Raw up to the matching end tag, when there is one (without, CommonMark's blank line ends it, as before).
            var depth = DepthAfter(line, tag, 0);
            if (depth > 0 && !Closes(processor, processor.Line.End + 1, tag, depth)) return BlockState.None;
            processor.NewBlocks.Push(new KramdownRawHtml(this, tag)
            {
                Column = processor.Column,
                Line = processor.LineIndex,
                Span = new SourceSpan(processor.Start, processor.Line.End),
                Type = HtmlBlockType.NonInterruptingBlock,
                Depth = depth,
            });
            return depth > 0 ? BlockState.Continue : BlockState.Break;
        }
        // A span element: a paragraph, as a line of text would start one; the HTML in it is inline HTML.
        processor.NewBlocks.Push(new ParagraphBlock(processor.Parsers.FindExact<ParagraphBlockParser>())
        {
            Column = processor.Column,
            Line = processor.LineIndex,
            Span = new SourceSpan(processor.Start, processor.Line.End),
        });
        return BlockState.Continue;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        if (block is KramdownRawHtml raw)
        {
            raw.Depth = DepthAfter(processor.Line.ToString(), raw.Name, raw.Depth);
            raw.UpdateSpanEnd(processor.Line.End);
            return raw.Depth > 0 ? BlockState.Continue : BlockState.Break;
        }
        if (block is not KramdownHtmlElement element) return BlockState.None;
        var line = processor.Line.ToString();
        if (EndTag().Match(line) is { Success: true } end && string.Equals(end.Groups[1].Value, element.Name, StringComparison.OrdinalIgnoreCase) && element.Depth == 0)
        {
            block.UpdateSpanEnd(processor.Line.End);
            return BlockState.BreakDiscard;
        }
        // The same element nested inside: its end tag is not this one's.
        element.Depth = System.Math.Max(0, DepthAfter(line, element.Name, element.Depth));
        return BlockState.Continue;
    }

    /// <summary>How many <paramref name="name"/> elements are open after <paramref name="line"/>, from <paramref name="depth"/> before it.</summary>
    private static int DepthAfter(string line, string name, int depth)
    {
        foreach (Match tag in AnyTag().Matches(line))
        {
            if (!string.Equals(tag.Groups["name"].Value, name, StringComparison.OrdinalIgnoreCase) || tag.Value.EndsWith("/>", StringComparison.Ordinal)) continue;
            depth += tag.Groups["close"].Success ? -1 : 1;
            if (depth == 0) return 0;
        }
        return depth;
    }

    // How far ahead a raw element's end tag is looked for, and how much one page may look ahead in all (a page of a
    // thousand unclosed <div> lines must not be read a thousand times over): past either, CommonMark's rule holds.
    private const int Lookahead = 64 * 1024;
    private const int PageBudget = 4 * 1024 * 1024;
    private static readonly object BudgetKey = new();

    private sealed class Budget { public int Left = PageBudget; }

    /// <summary>Whether the text after <paramref name="from"/> closes the <paramref name="depth"/> open <paramref name="name"/> elements.</summary>
    private static bool Closes(BlockProcessor processor, int from, string name, int depth)
    {
        var text = processor.Line.Text;
        if (from >= text.Length || processor.Context is not { } context) return false;
        if (!context.Properties.TryGetValue(BudgetKey, out var value) || value is not Budget budget) context.Properties[BudgetKey] = budget = new Budget();
        var length = System.Math.Min(System.Math.Min(Lookahead, text.Length - from), budget.Left);
        if (length <= 0) return false;
        budget.Left -= length;
        return DepthAfter(text.Substring(from, length), name, depth) == 0;
    }

    [GeneratedRegex("""^\s{0,3}<(?<name>[A-Za-z][A-Za-z0-9-]*)(?<attrs>(?:\s+[^>]*?)?)\s*>\s*$""")]
    private static partial Regex StartTag();

    [GeneratedRegex("""\s+markdown\s*=\s*(?:"(?<v>[^"]*)"|'(?<v>[^']*)'|(?<v>\w+))""", RegexOptions.IgnoreCase)]
    private static partial Regex MarkdownAttribute();

    [GeneratedRegex("""^\s{0,3}<([A-Za-z][A-Za-z0-9]*)[\s/>]""")]
    private static partial Regex OpeningName();

    [GeneratedRegex("""^\s{0,3}<(?<name>[A-Za-z][A-Za-z0-9-]*)(?<attrs>\s+[^>]*?)\s*>(?<content>.*)</\k<name>\s*>\s*$""")]
    private static partial Regex OneLine();

    [GeneratedRegex("""^\s*</([A-Za-z][A-Za-z0-9-]*)\s*>\s*$""")]
    private static partial Regex EndTag();

    [GeneratedRegex("""<(?<close>/)?(?<name>[A-Za-z][A-Za-z0-9-]*)\b[^>]*>""")]
    private static partial Regex AnyTag();
}
