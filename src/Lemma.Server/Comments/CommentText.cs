using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Parsers;

namespace Lemma.Server.Comments;

/// <summary>
/// A comment's Markdown to HTML a page may show as it is. The subset readers get: paragraphs, emphasis, links, lists,
/// quotes, code spans and blocks; no raw HTML (it shows as text), no headings, images or rules. HtmlSanitizer then
/// keeps only those elements, only http(s) links, and gives every link rel="nofollow ugc noopener": whatever the
/// Markdown step let through, the sanitizer is the last line. Built once; safe to share between threads.
/// </summary>
public sealed class CommentText
{
    private const string LinkRel = "nofollow ugc noopener";
    private readonly MarkdownPipeline pipeline;
    private readonly HtmlSanitizer sanitizer;

    public CommentText()
    {
        var builder = new MarkdownPipelineBuilder().UseAutoLinks().DisableHtml();
        // Without these parsers a "# title" or "---" line is plain text, as a comment should show it.
        builder.BlockParsers.RemoveAll(p => p is HeadingBlockParser or ThematicBreakParser);
        pipeline = builder.Build();
        sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link) link.SetAttribute("rel", LinkRel);
        };
    }

    public string Render(string markdown) => sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, pipeline)).Trim();

    /// <summary>Links in a comment: what <c>max_links</c> counts (the autolinker would make each of these a link).</summary>
    public static int CountLinks(string markdown) =>
        System.Text.RegularExpressions.Regex.Count(markdown, @"(https?://|www\.)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
