using System.Collections.Immutable;
using System.Net;
using Lemma.Configuration;

namespace Lemma.Markdown.Shortcodes;

/// <summary>What Quarto's shortcodes read besides the page: the project folder (for include) and its _variables.yml.</summary>
public sealed record QuartoProject(string Root, IReadOnlyDictionary<string, object?> Variables);

/// <summary>
/// Quarto's built-in shortcodes: <c>video</c>, <c>include</c>, <c>meta</c>, <c>var</c>, <c>pagebreak</c> and <c>kbd</c>.
/// A video on YouTube or Vimeo is a link (the default theme's Content-Security-Policy allows no third-party frame); a
/// video file of the site plays in a <c>&lt;video&gt;</c> element.
/// </summary>
internal static class QuartoShortcodes
{
    public static ShortcodeOutput? Render(ShortcodeCall call, ShortcodeSite site, QuartoProject project) =>
        call.Tag.Name switch
        {
            "video" => Video(call),
            "include" => Include(call, project),
            "meta" => Meta(call, site),
            "var" => Var(call, project),
            "pagebreak" => new ShortcodeOutput.Html("<div class=\"page-break\"></div>"),
            "kbd" => new ShortcodeOutput.Html($"<kbd>{WebUtility.HtmlEncode(string.Join(' ', call.Arguments.Positional))}</kbd>"),
            _ => null,
        };

    private static string First(ShortcodeCall call, string what) =>
        call.Arguments.Positional.FirstOrDefault(a => a.Length > 0) ?? throw new ShortcodeException($"needs {what}");

    private static ShortcodeOutput Video(ShortcodeCall call)
    {
        var url = call.Arguments.Get("src") ?? First(call, "a video URL or file");
        var title = call.Arguments.Get("title");
        var attr = (string? v) => WebUtility.HtmlEncode(v ?? "");
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var host = uri.Host.Contains("youtu", StringComparison.OrdinalIgnoreCase) ? "YouTube"
                : uri.Host.Contains("vimeo", StringComparison.OrdinalIgnoreCase) ? "Vimeo" : uri.Host;
            return new ShortcodeOutput.Html($"<p class=\"video-link\"><a href=\"{attr(url)}\">▶ Watch {attr(title ?? "a video")} on {attr(host)}</a></p>", Links: [url]);
        }
        return new ShortcodeOutput.Html($"<video class=\"video\" src=\"{attr(url)}\" controls preload=\"metadata\"{(title is null ? "" : $" title=\"{attr(title)}\"")}></video>", Links: [url]);
    }

    /// <summary>The file's Markdown in place of the shortcode, its front matter left out; the path is the page's folder's, or the project's with a leading '/'.</summary>
    private static ShortcodeOutput Include(ShortcodeCall call, QuartoProject project)
    {
        var target = First(call, "a file to include");
        var folder = Path.GetDirectoryName(call.Page.Path)?.Replace('\\', '/') ?? "";
        var relative = target.StartsWith('/') ? target.TrimStart('/') : (folder.Length > 0 ? folder + "/" : "") + target;
        var full = Path.GetFullPath(Path.Combine(project.Root, relative));
        if (FileTree.RealPath(project.Root) is not { } root || FileTree.RealPath(full) is not { } real || !FileTree.IsInside(root, real))
            throw new ShortcodeException($"'{target}' is not a file inside the site");
        var (text, error) = SourceText.Read(project.Root, Path.GetRelativePath(project.Root, full));
        if (text is null) throw new ShortcodeException($"'{target}' cannot be read ({error?.Message})");
        text = text.Replace("\r\n", "\n");
        if (text.StartsWith("---\n", StringComparison.Ordinal) && text.IndexOf("\n---", 3, StringComparison.Ordinal) is var end and > 0)
            text = text[(text.IndexOf('\n', end + 1) is var after and > 0 ? after + 1 : text.Length)..];
        return new ShortcodeOutput.Markdown(text.TrimEnd('\n'));
    }

    /// <summary>A front matter value of the page, else of the project's config (a dotted key walks into maps).</summary>
    private static ShortcodeOutput Meta(ShortcodeCall call, ShortcodeSite site)
    {
        var key = First(call, "a key");
        var value = ShortcodeValues.Path(call.Page.Params, key) ?? ShortcodeValues.Path(site.Params, key)
            ?? ShortcodeValues.Path(ShortcodeValues.Get(site.Params, "website") as IReadOnlyDictionary<string, object?>, key)
            ?? throw new ShortcodeException($"neither the page nor _quarto.yml has '{key}'");
        return new ShortcodeOutput.Html(WebUtility.HtmlEncode(ShortcodeValues.Text(value)));
    }

    private static ShortcodeOutput Var(ShortcodeCall call, QuartoProject project)
    {
        var key = First(call, "a key");
        var value = ShortcodeValues.Path(project.Variables, key) ?? throw new ShortcodeException($"_variables.yml has no '{key}'");
        return new ShortcodeOutput.Html(WebUtility.HtmlEncode(ShortcodeValues.Text(value)));
    }

    /// <summary>The project's _variables.yml, empty when it has none or it cannot be read.</summary>
    public static IReadOnlyDictionary<string, object?> Variables(string root)
    {
        if (!File.Exists(Path.Combine(root, "_variables.yml"))) return ImmutableDictionary<string, object?>.Empty;
        var (text, _) = SourceText.Read(root, "_variables.yml");
        if (text is null) return ImmutableDictionary<string, object?>.Empty;
        var (map, _) = StructuredText.Parse(text, StructuredFormat.Yaml, "_variables.yml", 1);
        return map?.Values ?? ImmutableDictionary<string, object?>.Empty;
    }
}
