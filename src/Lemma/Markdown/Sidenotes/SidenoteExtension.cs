using Markdig;
using Markdig.Extensions.Footnotes;
using Markdig.Renderers;

namespace Lemma.Markdown.Sidenotes;

/// <summary>
/// Footnotes that are also sidenotes: beside each footnote's first reference an inline copy of the note
/// (<c>&lt;span class="sidenote" role="note"&gt;</c>) that the theme shows in the right margin on wide screens, while
/// the footnote list at the end is shown on narrow ones. No script: CSS picks one by the viewport's width.
/// <para>
/// Only a note made of paragraphs can be a sidenote, since it sits inside a paragraph where only phrasing content
/// is valid: its paragraphs are flattened, one line each. A note holding a list, code, a quote, a table or math
/// display stays a footnote only, on every screen. Goes after <see cref="FootnoteExtension"/>, whose renderers it replaces.
/// </para>
/// </summary>
public sealed class SidenoteExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<FootnoteExtension>();
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        // One renderer pair per HtmlRenderer, that is per page: the link renderer's state is the page's.
        var link = new SidenoteLinkHtml();
        Put<HtmlFootnoteLinkRenderer, SidenoteLinkHtml>(html, link);
        Put<HtmlFootnoteGroupRenderer, SidenoteGroupHtml>(html, new SidenoteGroupHtml());
    }

    private static void Put<TOld, TNew>(HtmlRenderer html, IMarkdownObjectRenderer replacement) where TOld : IMarkdownObjectRenderer where TNew : IMarkdownObjectRenderer
    {
        var renderers = html.ObjectRenderers;
        if (renderers.Contains<TNew>()) return;
        var index = renderers.FindIndex(r => r is TOld);
        if (index >= 0) renderers[index] = replacement;
        else renderers.Insert(0, replacement);
    }
}

public static class SidenotePipelineExtensions
{
    /// <summary>Footnotes, and sidenotes beside their references when <paramref name="enabled"/> (site.yaml <c>sidenotes: false</c> turns them off).</summary>
    public static MarkdownPipelineBuilder UseSidenotes(this MarkdownPipelineBuilder pipeline, bool enabled = true)
    {
        pipeline.Extensions.AddIfNotAlready<FootnoteExtension>();
        if (enabled) pipeline.Extensions.AddIfNotAlready<SidenoteExtension>();
        return pipeline;
    }
}

/// <summary>site.yaml's <c>sidenotes: false</c> (top level or under <c>params:</c>) keeps footnotes as footnotes only.</summary>
public static class SidenoteSettings
{
    public static bool Enabled(IReadOnlyDictionary<string, object?> config)
    {
        var value = config.GetValueOrDefault("sidenotes")
            ?? (config.GetValueOrDefault("params") as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("sidenotes");
        return value is not (false or "false" or "off" or "no");
    }
}
