using AngleSharp.Dom;
using Ganss.Xss;
using Lemma.Highlight;
using Lemma.Math;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Server.Comments;

/// <summary>
/// A comment's Markdown to HTML a page may show as it is. The subset readers get: paragraphs, emphasis, links, lists,
/// quotes, code spans and blocks (highlighted by Lemma.Highlight), <c>$…$</c> and <c>$$…$$</c> math (MathML by
/// Lemma.Math); no raw HTML (it shows as text), no headings, images or rules. HtmlSanitizer then keeps only those
/// elements, only http(s) links, and gives every link rel="nofollow ugc noopener": whatever the Markdown step let
/// through, the sanitizer is the last line. Built once; safe to share between threads.
/// </summary>
public sealed class CommentText
{
    private const string LinkRel = "nofollow ugc noopener";
    private static readonly string[] MathElements = ["math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub",
        "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder", "munderover", "mmultiscripts", "mprescripts", "none", "mtable", "mtr", "mtd",
        "mpadded", "mphantom", "mstyle", "menclose", "merror"];
    private static readonly string[] MathAttributes = ["display", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "largeop",
        "movablelimits", "accent", "accentunder", "minsize", "maxsize", "symmetric", "form", "width", "height", "depth", "voffset", "linethickness",
        "scriptlevel", "displaystyle", "columnalign", "rowspacing", "columnspacing", "notation", "encoding", "xmlns"];
    private readonly MarkdownPipeline pipeline;
    private readonly HtmlSanitizer sanitizer;
    private readonly MathRenderer math = new();
    private readonly IHighlighter highlighter = new Highlighter();

    public CommentText()
    {
        var builder = new MarkdownPipelineBuilder().UseAutoLinks().UseMathematics().DisableHtml();
        // Without these parsers a "# title" or "---" line is plain text, as a comment should show it.
        builder.BlockParsers.RemoveAll(p => p is HeadingBlockParser or ThematicBreakParser);
        pipeline = builder.Build();
        var comparer = StringComparer.OrdinalIgnoreCase;
        sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "span", .. MathElements], comparer),
            AllowedAttributes = new HashSet<string>(["href", "class", .. MathAttributes], comparer),
            AllowedClasses = new HashSet<string>([.. Enum.GetNames<TokenKind>().Select(k => "hl-" + k.ToLowerInvariant()), "math-error"], comparer),
            AllowedSchemes = new HashSet<string>(["http", "https"], comparer),
            UriAttributes = new HashSet<string>(["href"], comparer),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link) link.SetAttribute("rel", LinkRel);
        };
    }

    public string Render(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, pipeline);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        // Math and code blocks are drawn by Lemma's own converters, in place of Markdig's client-side markup.
        renderer.ObjectRenderers.Insert(0, new CodeRenderer(math, highlighter));
        renderer.ObjectRenderers.Insert(0, new MathInlineRenderer(math));
        renderer.Render(document);
        writer.Flush();
        return sanitizer.Sanitize(writer.ToString()).Trim();
    }

    /// <summary>Links in a comment: what <c>max_links</c> counts (the autolinker would make each of these a link).</summary>
    public static int CountLinks(string markdown) =>
        System.Text.RegularExpressions.Regex.Count(markdown, @"(https?://|www\.)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private sealed class MathInlineRenderer(MathRenderer math) : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline inline) =>
            renderer.Write(math.Render(inline.Content.ToString(), display: inline.DelimiterCount > 1).Html);
    }

    /// <summary>$$ blocks as display math; fenced and indented code highlighted in the language its fence names.</summary>
    private sealed class CodeRenderer(MathRenderer math, IHighlighter highlighter) : HtmlObjectRenderer<CodeBlock>
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock block)
        {
            var text = string.Join('\n', block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString()));
            if (block is MathBlock)
            {
                renderer.Write("<p>").Write(math.Render(text, display: true).Html).Write("</p>");
                return;
            }
            var language = (block as FencedCodeBlock)?.Info?.Trim() ?? "";
            var code = highlighter.Highlight(text, language.Length > 0 && highlighter.Supports(language) ? language : "text");
            renderer.Write("<pre><code>").Write(string.Join('\n', code.Lines)).Write("</code></pre>");
        }
    }
}
