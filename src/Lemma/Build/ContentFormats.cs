using Lemma.Bibliography;
using Lemma.Configuration;
using Lemma.Diagnostics;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Citations;
using Lemma.Markdown.Code;
using Lemma.Math;
using Lemma.Notebooks;

namespace Lemma.Build;

/// <summary>The content formats of a build, set up once from the config, and the warnings they give per build.</summary>
public static class ContentFormats
{
    public static IReadOnlyList<IContentFormat> Create(SiteConfig config, string root, BibLibrary? bibliography = null)
    {
        var math = new MathRenderer(new MathOptions { Macros = config.MathMacros });
        // Highlighted blocks are kept by content hash across builds in the site's .lemma/cache; not when a link there
        // leads out of the site, where the cache would write.
        var cache = Path.Combine(root, ".lemma", "cache", "highlight");
        var inside = FileTree.RealPath(root) is { } realRoot && FileTree.RealPath(cache) is { } realCache && FileTree.IsInside(realRoot, realCache);
        IHighlighter highlighter = new CachedHighlighter(new Highlighter(), inside ? cache : null);
        var execute = config.Params.GetValueOrDefault("execute") as IReadOnlyDictionary<string, object?>;
        var code = new CodeSettings(config.Highlight.LineNumbers, config.Highlight.CopyButton, execute?.GetValueOrDefault("echo") as bool? ?? true);
        var citations = new CitationSettings(bibliography ?? BibLibrary.Empty, CitationStyle(config) ?? Markdown.Citations.CitationStyle.AuthorYear);
        var markdown = new MarkdownFormat(math, highlighter, code, citations, Markdown.Sidenotes.SidenoteSettings.Enabled(config.Params),
            MathSyntax(config, root), Markdown.Shortcodes.ShortcodeReader.For(config, root));
        return [markdown, new NotebookFormat(markdown, highlighter, math, code, NotebookSettings.From(config.Params)), new HtmlPageFormat()];
    }

    /// <summary>The config's math syntax, with escapes on where a Hugo site's templates load MathJax or KaTeX, and single dollars
    /// as math where a kramdown site's MathJax is set up to find them.</summary>
    private static MathSyntax MathSyntax(SiteConfig config, string root)
    {
        if (config.MathSyntax.LayoutsDecide && Markdown.Math.ClientMath.LoadedByLayouts(root)) return config.MathSyntax with { Escapes = true };
        if (config.MathSyntax.Kramdown && config.Kind == SiteKind.Jekyll && Markdown.Math.ClientMath.FindsSingleDollars(root))
            return config.MathSyntax with { Dollars = true };
        return config.MathSyntax;
    }

    /// <summary>site.yaml's <c>citations: { style: author-year | numeric }</c> (or <c>citations: numeric</c>); null when the style is not one of them.</summary>
    public static CitationStyle? CitationStyle(SiteConfig config) =>
        config.Params.GetValueOrDefault("citations") switch
        {
            IReadOnlyDictionary<string, object?> citations => CitationSettings.ParseStyle(citations.GetValueOrDefault("style")?.ToString()),
            string style => CitationSettings.ParseStyle(style),
            _ => Markdown.Citations.CitationStyle.AuthorYear,
        };

    /// <summary>A citation style site.yaml names but Lemma does not know, as a warning on the config file.</summary>
    public static IEnumerable<Diagnostic> ConfigWarnings(SiteConfig config, string? configFile)
    {
        if (CitationStyle(config) is null)
            yield return Diagnostic.Warning(SourceSpan.File(configFile ?? "site.yaml"),
                "citations.style must be 'author-year' or 'numeric'; author-year is used");
    }

    /// <summary>One warning per unknown code language per build, at its first use, with how often it was used.</summary>
    public static IEnumerable<Diagnostic> BuildWarnings(IEnumerable<LanguageUse> unknownLanguages) =>
        unknownLanguages
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
