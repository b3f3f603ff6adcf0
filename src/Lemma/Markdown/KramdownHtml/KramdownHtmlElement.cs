using Markdig.Parsers;
using Markdig.Syntax;

namespace Lemma.Markdown.KramdownHtml;

/// <summary>An element with a <c>markdown</c> attribute written on one line (<c>&lt;p markdown="1"&gt;A **b**&lt;/p&gt;</c>): its content is a span.</summary>
public sealed class KramdownHtmlSpan(BlockParser parser, string name, string startTag) : LeafBlock(parser)
{
    public string Name { get; } = name;
    public string StartTag { get; } = startTag;
}

/// <summary>A block-level HTML element without a <c>markdown</c> attribute: raw HTML up to its end tag (kramdown's rule),
/// not up to the next blank line (CommonMark's). Written as Markdig writes any HTML block.</summary>
public sealed class KramdownRawHtml(BlockParser parser, string name) : HtmlBlock(parser)
{
    public string Name { get; } = name;
    internal int Depth { get; set; }
}

/// <summary>An HTML element written with <c>markdown="1|block|span"</c>: its start tag (without that attribute), and its
/// content as Markdown blocks, up to its end tag.</summary>
public sealed class KramdownHtmlElement(BlockParser parser, string name, string startTag, bool inline) : ContainerBlock(parser)
{
    public string Name { get; } = name;
    public string StartTag { get; } = startTag;
    /// <summary>The content is read as a span (<c>markdown="span"</c>, or a paragraph-like element): no paragraph around it.</summary>
    public bool Inline { get; } = inline;
    /// <summary>Elements of the same name opened inside and not yet closed.</summary>
    internal int Depth { get; set; }
}
