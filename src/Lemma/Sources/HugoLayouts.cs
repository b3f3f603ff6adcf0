using Lemma.Configuration;
using Lemma.Diagnostics;

namespace Lemma.Sources;

/// <summary>
/// A Hugo site's page templates (<c>layouts/**/*.html</c>, its own and its themes') are Go templates that Lemma does not
/// run: its default theme renders every page. One warning per build says so and how many were left; the shortcode
/// templates in <c>layouts/shortcodes/</c> are not counted, since they still run.
/// </summary>
internal static class HugoLayouts
{
    public static Diagnostic? Skipped(SiteWalker walker, SiteConfig config)
    {
        if (config.Kind != SiteKind.Hugo) return null;
        var folders = new List<string> { "layouts" };
        folders.AddRange(Themes(config).Select(theme => $"themes/{theme}/layouts"));
        var templates = new List<string>();
        foreach (var folder in folders)
        {
            if (walker.At(folder) is not { IsFolder: true } entry) continue;
            templates.AddRange(walker.Files(entry, (name, isFolder) => isFolder ? name != "shortcodes" && !name.StartsWith('.')
                : name.EndsWith(".html", StringComparison.OrdinalIgnoreCase)));
        }
        if (templates.Count == 0) return null;
        // Said at the first template, so that the line points at a real file.
        var first = templates.Order(StringComparer.Ordinal).First();
        return Diagnostic.Warning(SourceSpan.File(first),
            $"layouts: this and the other Hugo page templates of the site and its theme ({templates.Count}) are not run; "
            + "Lemma's default theme renders the pages (shortcode templates in layouts/shortcodes/ still run)");
    }

    /// <summary>The config's <c>theme</c>: one name or a list; a module path (with '/') is not a folder under themes/.</summary>
    internal static IEnumerable<string> Themes(SiteConfig config) =>
        (config.Params.GetValueOrDefault("theme") switch
        {
            string one => [one],
            IEnumerable<object?> many => many.OfType<string>(),
            _ => [],
        }).Where(t => t.Length > 0 && !t.Contains("..", StringComparison.Ordinal) && !t.Contains('/') && !t.Contains('\\'));
}
