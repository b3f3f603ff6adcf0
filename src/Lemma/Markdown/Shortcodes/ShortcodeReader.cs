using System.Collections.Immutable;
using Lemma.Configuration;
using Lemma.Content;
using Markdig;

namespace Lemma.Markdown.Shortcodes;

/// <summary>What shortcodes may read of the whole site: its base URL, its params and its own shortcode templates.</summary>
/// <param name="Templates">The site's and its theme's <c>layouts/shortcodes/NAME.html</c>, by name, as their path and text.</param>
public sealed record ShortcodeSite(string BaseUrl, IReadOnlyDictionary<string, object?> Params,
    ImmutableDictionary<string, (string Path, string Text)> Templates);

/// <summary>
/// Hugo shortcodes in Markdown bodies (<c>{{&lt; name args &gt;}}</c>, <c>{{% name %}}…{{% /name %}}</c>), read before
/// Markdown as Hugo reads them: the built-ins natively, the rest as a warning with their text kept on the page. Only a Hugo
/// site has one. Built once per build; thread-safe.
/// </summary>
public sealed class ShortcodeReader(ShortcodeSite site)
{
    // Captions and attributions are Markdown in Hugo's figure.
    private static readonly MarkdownPipeline Inline = new MarkdownPipelineBuilder().UseEmphasisExtras().Build();

    /// <summary>A reader for a Hugo site (its config is hugo.* or config.*), else null.</summary>
    public static ShortcodeReader? For(SiteConfig config, string root)
    {
        if (ConfigLoader.Find(root) is not { } name || !(name.StartsWith("hugo.", StringComparison.Ordinal) || name.StartsWith("config.", StringComparison.Ordinal)))
            return null;
        return new ShortcodeReader(new ShortcodeSite(config.BaseUrl,
            ShortcodeValues.Get(config.Params, "params") as IReadOnlyDictionary<string, object?> ?? ImmutableDictionary<string, object?>.Empty,
            SiteShortcodes.Load(root, ShortcodeValues.Get(config.Params, "theme") as string)));
    }

    /// <summary>The body with its shortcodes expanded, or null when it has none.</summary>
    public ExpandedBody? Expand(PageSource page)
    {
        if (!page.Body.Contains("{{<", StringComparison.Ordinal) && !page.Body.Contains("{{%", StringComparison.Ordinal)) return null;
        var shortcodePage = new ShortcodePage(page.Path, page.FrontMatter.Title, page.FrontMatter.Raw);
        return new ShortcodeExpansion(page.Body, page.BodyLine, shortcodePage, Render).Run();
    }

    private ShortcodeOutput? Render(ShortcodeCall call)
    {
        if (BuiltinShortcodes.Render(call, site, Markdownify) is { } builtin) return builtin;
        if (site.Templates.TryGetValue(call.Tag.Name, out var template))
            throw new ShortcodeException($"Lemma cannot run the site's template {template.Path}");
        return null;
    }

    internal static string Markdownify(string markdown)
    {
        var html = Markdig.Markdown.ToHtml(markdown, Inline).Trim();
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal) && html.IndexOf("<p>", 3, StringComparison.Ordinal) < 0
            ? html[3..^4] : html;
    }
}
