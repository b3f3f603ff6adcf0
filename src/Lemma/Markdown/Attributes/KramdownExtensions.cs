using System.Text.RegularExpressions;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.Attributes;

/// <summary>
/// kramdown's extensions, on lines of their own or inside a paragraph: <c>{::comment}…{:/comment}</c> is a comment and
/// left out; <c>{::nomarkdown}…{:/nomarkdown}</c> is raw HTML, passed through; <c>{::options … /}</c> sets kramdown's
/// parser options, which mean nothing here, and is left out. The end tag may be <c>{:/}</c>; a start tag without one has no
/// body (kramdown's rule). Any other name is kept as text, with a warning.
/// </summary>
public static partial class KramdownExtension
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "comment", "nomarkdown", "options" };

    /// <summary>A start tag at the start of <paramref name="text"/>: its name, whether it closes itself, its length; null when none.</summary>
    internal static (string Name, bool Closed, int Length, string Attributes)? Start(ReadOnlySpan<char> text)
    {
        if (!text.StartsWith("{::")) return null;
        var m = StartTag().Match(text.Length > 2000 ? text[..2000].ToString() : text.ToString());
        return m.Success ? (m.Groups["name"].Value, m.Groups["slash"].Success, m.Length, m.Groups["attrs"].Value) : null;
    }

    /// <summary>Where the end tag of <paramref name="name"/> (or <c>{:/}</c>) starts in <paramref name="text"/>, and its length; -1 when none.</summary>
    internal static (int At, int Length) End(ReadOnlySpan<char> text, string name)
    {
        var full = "{:/" + name + "}";
        var a = text.IndexOf(full, StringComparison.Ordinal);
        var b = text.IndexOf("{:/}", StringComparison.Ordinal);
        if (a >= 0 && (b < 0 || a < b)) return (a, full.Length);
        return b >= 0 ? (b, 4) : (-1, 0);
    }

    /// <summary>Whether <paramref name="attributes"/> lets HTML output show a nomarkdown body (<c>type="html latex"</c>, or no type).</summary>
    internal static bool ForHtml(string attributes)
    {
        var m = TypeAttribute().Match(attributes);
        return !m.Success || m.Groups["v"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("html");
    }

    [GeneratedRegex("""\G\{::(?<name>[A-Za-z][\w-]*)(?<attrs>(?:\s(?:\\\}|[^}])*?)?)\s*(?<slash>/)?\}""")]
    private static partial Regex StartTag();

    [GeneratedRegex("""type\s*=\s*["'](?<v>[^"']*)["']""")]
    private static partial Regex TypeAttribute();
}

/// <summary>A block-level kramdown extension: its name, and its body's lines for nomarkdown.</summary>
public sealed class KramdownExtensionBlock(BlockParser parser, string name, string attributes) : LeafBlock(parser)
{
    public string Name { get; } = name;
    public string Attributes { get; } = attributes;
    internal string EndTag { get; init; } = "";
}

public sealed class KramdownExtensionParser : BlockParser
{
    public KramdownExtensionParser() => OpeningCharacters = ['{'];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line;
        var text = line.Text.AsSpan(line.Start, line.Length);
        if (KramdownExtension.Start(text) is not var (name, closed, length, attributes) || !text[length..].IsWhiteSpace()) return BlockState.None;
        if (!KramdownExtension.Known.Contains(name))
        {
            AttributeNotes.Of(processor.Document).Warn(processor.LineIndex, processor.Column,
                $"kramdown: unknown extension '{{::{name}}}' (known: comment, nomarkdown, options); it is shown as text");
            return BlockState.None;
        }
        var rest = line.Text.AsSpan(line.End + 1);
        var (end, _) = closed ? (-1, 0) : KramdownExtension.End(rest, name);
        var block = new KramdownExtensionBlock(this, name, attributes)
        {
            Line = processor.LineIndex, Column = processor.Column, Span = new SourceSpan(line.Start, line.End),
            EndTag = end >= 0 ? rest.Slice(end, rest[end..].IndexOf('}') + 1).ToString() : "",
        };
        processor.NewBlocks.Push(block);
        return end >= 0 ? BlockState.ContinueDiscard : BlockState.BreakDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        var extension = (KramdownExtensionBlock)block;
        var line = processor.Line;
        if (line.ToString().Trim() == extension.EndTag)
        {
            extension.UpdateSpanEnd(line.End);
            return BlockState.BreakDiscard;
        }
        processor.GoToColumn(processor.ColumnBeforeIndent);
        return BlockState.Continue; // the processor adds the line to the block
    }
}

/// <summary>A nomarkdown body as it is; comment and options write nothing.</summary>
public sealed class KramdownExtensionHtml : HtmlObjectRenderer<KramdownExtensionBlock>
{
    protected override void Write(HtmlRenderer renderer, KramdownExtensionBlock block)
    {
        if (block.Name != "nomarkdown" || !KramdownExtension.ForHtml(block.Attributes)) return;
        renderer.EnsureLine();
        renderer.WriteLeafRawLines(block, true, false);
    }
}

/// <summary>The same extensions inside a paragraph, as one inline: raw HTML for nomarkdown, nothing for the others and <c>{::}</c>.</summary>
public sealed class KramdownSpanExtensionParser : InlineParser
{
    public KramdownSpanExtensionParser() => OpeningCharacters = ['{'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.AsSpan();
        if (!text.StartsWith("{::")) return false;
        var start = slice.Start;
        var html = "";
        int length;
        if (text.StartsWith("{::}")) length = 4; // kramdown's empty list, which only separates two spans
        else if (KramdownExtension.Start(text) is var (name, closed, tagLength, attributes))
        {
            if (!KramdownExtension.Known.Contains(name))
            {
                processor.GetSourcePosition(start, out var l, out var c);
                AttributeNotes.Of(processor.Document).Warn(l, c, $"kramdown: unknown extension '{{::{name}}}' (known: comment, nomarkdown, options); it is shown as text");
                return false;
            }
            length = tagLength;
            if (!closed && KramdownExtension.End(text[tagLength..], name) is (>= 0 and var at, var endLength))
            {
                if (name == "nomarkdown" && KramdownExtension.ForHtml(attributes)) html = text.Slice(tagLength, at).ToString();
                length = tagLength + at + endLength;
            }
        }
        else return false;
        processor.Inline = new HtmlInline(html)
        {
            Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(start + length - 1)),
            Line = line, Column = column,
        };
        slice.Start += length;
        return true;
    }
}
