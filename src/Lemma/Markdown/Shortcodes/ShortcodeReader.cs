using System.Collections.Immutable;
using Lemma.Configuration;
using Lemma.Content;
using Lemma.Markdown.Shortcodes.GoTemplates;
using Markdig;

namespace Lemma.Markdown.Shortcodes;

/// <summary>What shortcodes may read of the whole site: its base URL, its params and its own shortcode templates.</summary>
/// <param name="Templates">The site's and its theme's <c>layouts/shortcodes/NAME.html</c>, by name, as their path and text.</param>
public sealed record ShortcodeSite(string BaseUrl, IReadOnlyDictionary<string, object?> Params,
    ImmutableDictionary<string, (string Path, string Text)> Templates)
{
    public string Title { get; init; } = "";
}

/// <summary>
/// Hugo shortcodes in Markdown bodies (<c>{{&lt; name args &gt;}}</c>, <c>{{% name %}}…{{% /name %}}</c>), read before
/// Markdown as Hugo reads them: the built-ins natively, the rest as a warning with their text kept on the page. Only a Hugo
/// site or a Quarto project (with Quarto's built-ins, <see cref="QuartoShortcodes"/>) has one. Built once per build; thread-safe.
/// </summary>
public sealed class ShortcodeReader
{
    private readonly ShortcodeSite site;
    // Each template parsed once: the template, or why it cannot be read.
    private readonly ImmutableDictionary<string, (GoTemplate? Template, string? Problem)> templates;
    private readonly GoFunctions functions;

    // A Quarto project's built-ins instead of Hugo's; null on a Hugo site.
    private readonly QuartoProject? quarto;

    public ShortcodeReader(ShortcodeSite site, QuartoProject? quarto = null)
    {
        this.site = site;
        this.quarto = quarto;
        functions = new GoFunctions(site.BaseUrl, Markdownify);
        templates = site.Templates.ToImmutableDictionary(t => t.Key, t =>
        {
            try { return ((GoTemplate?)GoTemplateParser.Parse(t.Value.Text), (string?)null); }
            catch (GoTemplateException e) { return (null, e.Message); }
        });
    }

    // Captions and attributions are Markdown in Hugo's figure.
    private static readonly MarkdownPipeline Inline = new MarkdownPipelineBuilder().UseEmphasisExtras().Build();

    /// <summary>A reader for a Hugo site (its config is hugo.* or config.*) or a Quarto project (_quarto.yml), else null.</summary>
    public static ShortcodeReader? For(SiteConfig config, string root)
    {
        if (config.Kind == SiteKind.Quarto)
            return new ShortcodeReader(new ShortcodeSite(config.BaseUrl, config.Params, ImmutableDictionary<string, (string, string)>.Empty) { Title = config.Title },
                new QuartoProject(root, QuartoShortcodes.Variables(root)));
        if (config.Kind != SiteKind.Hugo) return null;
        return new ShortcodeReader(new ShortcodeSite(config.BaseUrl,
            ShortcodeValues.Get(config.Params, "params") as IReadOnlyDictionary<string, object?> ?? ImmutableDictionary<string, object?>.Empty,
            SiteShortcodes.Load(root, config)) { Title = config.Title });
    }

    /// <summary>The body with its shortcodes expanded, or null when it has none.</summary>
    public ExpandedBody? Expand(PageSource page)
    {
        if (!MayHave(page.Body)) return null;
        var shortcodePage = new ShortcodePage(page.Path, page.FrontMatter.Title, page.FrontMatter.Raw);
        return new ShortcodeExpansion(page.Body, page.BodyLine, shortcodePage, Render).Run();
    }

    private ShortcodeOutput? Render(ShortcodeCall call)
    {
        // The site's own template comes first, as in Hugo; a built-in stands in where Lemma cannot run it.
        if (quarto is not null) return QuartoShortcodes.Render(call, site, quarto);
        if (!templates.TryGetValue(call.Tag.Name, out var parsed)) return BuiltinShortcodes.Render(call, site, Markdownify);
        var problem = parsed.Problem;
        if (parsed.Template is { } template)
        {
            try
            {
                var output = new GoTemplateRunner(functions).Run(template, new ShortcodeDot(call, site));
                return call.Tag.IsMarkdown ? new ShortcodeOutput.Markdown(output) : new ShortcodeOutput.Html(output);
            }
            catch (GoTemplateException e)
            {
                problem = e.Message;
            }
        }
        return BuiltinShortcodes.Render(call, site, Markdownify)
            ?? throw new ShortcodeException($"Lemma cannot run the site's template {site.Templates[call.Tag.Name].Path} ({problem})");
    }

    /// <summary>Whether <paramref name="body"/> may hold a shortcode (a cheap test, before any parsing).</summary>
    public static bool MayHave(string body) => body.Contains("{{<", StringComparison.Ordinal) || body.Contains("{{%", StringComparison.Ordinal);

    internal static string Markdownify(string markdown)
    {
        var html = Markdig.Markdown.ToHtml(markdown, Inline).Trim();
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal) && html.IndexOf("<p>", 3, StringComparison.Ordinal) < 0
            ? html[3..^4] : html;
    }
}
