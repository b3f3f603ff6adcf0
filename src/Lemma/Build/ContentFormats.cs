using Lemma.Configuration;
using Lemma.Diagnostics;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Math;

namespace Lemma.Build;

/// <summary>The content formats of a build, set up once from the config, and the warnings they give per build.</summary>
public static class ContentFormats
{
    public static IReadOnlyList<IContentFormat> Create(SiteConfig config, string root)
    {
        var math = new MathRenderer(new MathOptions { Macros = config.MathMacros });
        // Highlighted blocks are kept by content hash across builds in the site's .lemma/cache.
        IHighlighter highlighter = new CachedHighlighter(new Highlighter(), Path.Combine(root, ".lemma", "cache", "highlight"));
        var code = new CodeSettings(config.Highlight.LineNumbers, config.Highlight.CopyButton);
        return [new MarkdownFormat(math, highlighter, code)];
    }

    /// <summary>One warning per unknown code language per build, at its first use, with how often it was used.</summary>
    public static IEnumerable<Diagnostic> BuildWarnings(IEnumerable<RenderedContent> pages) =>
        pages.SelectMany(p => p.UnknownLanguages)
            .GroupBy(u => u.Language.ToLowerInvariant())
            .Select(g =>
            {
                var first = g.OrderBy(u => u.Span.Path, StringComparer.Ordinal).ThenBy(u => u.Span.Line).First();
                var count = g.Count();
                return Diagnostic.Warning(first.Span,
                    $"unknown code language '{first.Language}': shown without highlighting ({count} block{(count == 1 ? "" : "s")} in this build)");
            })
            .OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Line);
}
