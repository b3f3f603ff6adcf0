using System.Net;
using System.Text.RegularExpressions;
using Lemma.Diagnostics;
using Lemma.Markdown;
using Lemma.Model;
using Lemma.Sources;

namespace Lemma.Build;

/// <summary>
/// Links written as paths to other files of the site, from the file that holds them, as an editor or GitHub follows them:
/// <c>03.01-Pandas.ipynb#x</c> or <c>../notes/a.md</c> become the URL of the page made from that source, and
/// <c>figures/a.png</c> the URL the file is published at, wherever the page's URL put it (a notebook at the root is at
/// /Name/, one folder below its figures/). Markdown links and raw HTML (href, src) alike. A link to a page source that
/// does not exist stays as written, with a warning; any other link that names no file of the site is left alone.
/// </summary>
public sealed partial class SourceLinks
{
    private static readonly string[] PageExtensions = [".md", ".markdown", ".ipynb", ".qmd"];

    // Asked for on the first relative link met: most pages have none, and at 10k pages the table is the larger part of the work.
    private readonly Lazy<IReadOnlyDictionary<string, string>> urls;
    private readonly string basePath;

    /// <param name="published">The table of <see cref="Published"/>, made when first needed.</param>
    public SourceLinks(string baseUrl, Func<IReadOnlyDictionary<string, string>> published)
    {
        basePath = new Uri(baseUrl).AbsolutePath.TrimEnd('/');
        urls = new Lazy<IReadOnlyDictionary<string, string>>(published);
    }


    /// <summary>The site path of every page source of <paramref name="site"/>, and of the other published files (<see cref="PublishedFiles"/>).</summary>
    public static Dictionary<string, string> Published(Site site, IReadOnlyDictionary<string, string> files)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in PagesOf(site)) all[page.Source.Path] = page.Url;
        foreach (var (file, url) in files) all.TryAdd(file, url);
        return all;
    }

    /// <summary>Each page bundle's folder and its page's URL.</summary>
    public static Dictionary<string, string> BundleUrls(Site site) =>
        PagesOf(site).Where(p => p.Source.BundleDir is not null).ToDictionary(p => p.Source.BundleDir!, p => p.Url, StringComparer.Ordinal);

    private static IEnumerable<Page> PagesOf(Site site)
    {
        var pages = site.Pages.AsEnumerable().Concat(site.Sections.Where(s => s.Index is not null).Select(s => s.Index!));
        return site.HomeIndex is { } home ? pages.Append(home) : pages;
    }

    /// <summary>The site path of every published file that is not a page (a site's own files, static files, bundles'
    /// files), by its path from the site root: the same after a post without a bundle comes or goes.</summary>
    public static Dictionary<string, string> PublishedFiles(IReadOnlyDictionary<string, string> bundles, IEnumerable<string> siteFiles, IEnumerable<string> staticFiles, IEnumerable<string> bundleResources)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in siteFiles) all.TryAdd(file, "/" + file);
        foreach (var file in staticFiles) all.TryAdd(file, "/" + file["static/".Length..]);
        // As PageRenderer publishes them: beside the bundle that claims them, else at their path under content/.
        foreach (var file in bundleResources)
        {
            if (Bundle(bundles, file) is var (dir, url)) all.TryAdd(file, url + file[(dir.Length + 1)..]);
            else if (file.StartsWith("content/", StringComparison.Ordinal)) all.TryAdd(file, "/" + file["content/".Length..]);
        }
        return all;
    }

    /// <summary>The bundle folder that holds <paramref name="file"/> and its page's URL, looked up folder by folder upwards.</summary>
    private static (string Dir, string Url)? Bundle(IReadOnlyDictionary<string, string> bundles, string file)
    {
        for (var slash = file.LastIndexOf('/'); slash > 0; slash = file.LastIndexOf('/', slash - 1))
            if (bundles.TryGetValue(file[..slash], out var url)) return (file[..slash], url);
        return null;
    }

    /// <summary><paramref name="rendered"/> (the page <paramref name="page"/>) with its links to site files pointing where those are
    /// published; the same object when none moves.</summary>
    public RenderedContent Resolve(Page page, RenderedContent rendered)
    {
        var folder = page.Source.Path[..(page.Source.Path.LastIndexOf('/') + 1)];
        var moved = false;
        string Attribute(Match m)
        {
            var group = m.Groups[2].Success ? m.Groups[2] : m.Groups[3];
            if (Target(page, folder, WebUtility.HtmlDecode(group.Value)) is not { } target) return m.Value;
            moved = true;
            var quote = m.Groups[2].Success ? '"' : '\'';
            return $"{m.Groups[1].Value}={quote}{WebUtility.HtmlEncode(target)}{quote}";
        }
        // Most pages link only to URLs and root paths: they are not decoded from UTF-8 to be searched.
        var html = HasRelativeLink(rendered.Utf8.Bytes) ? Attributes().Replace(rendered.Html, Attribute) : null;
        var summary = rendered.SummaryHtml is { } s ? Attributes().Replace(s, Attribute) : null;
        List<Diagnostic>? dead = null;
        var links = rendered.Links.Select(link =>
        {
            if (Target(page, folder, link.Target) is { } target)
            {
                moved = true;
                return link with { Target = target };
            }
            if (DeadSource(folder, link.Target) is { } source)
                (dead ??= []).Add(Diagnostic.Warning(link.Span, $"link to {link.Target}: no page is made from {source}; the link is kept as written"));
            return link;
        }).ToArray();
        if (!moved && dead is null) return rendered;
        var result = rendered with { SummaryHtml = summary, Links = [.. links], Diagnostics = rendered.Diagnostics.AddRange(dead ?? []) };
        return html is null ? result : result with { Html = html };
    }

    /// <summary>Whether some href or src of <paramref name="html"/> (UTF-8) may be a relative path.</summary>
    private static bool HasRelativeLink(ReadOnlySpan<byte> html)
    {
        // Attributes in single quotes come from raw HTML alone: searched in full.
        if (html.IndexOf("='"u8) >= 0) return true;
        var rest = html;
        while (rest.IndexOf("=\""u8) is var at and >= 0)
        {
            var name = rest[..at];
            rest = rest[(at + 2)..];
            if (!name.EndsWith("href"u8) && !name.EndsWith("src"u8)) continue;
            if (rest.Length > 0 && rest[0] is not ((byte)'/' or (byte)'#' or (byte)'"') && !rest.StartsWith("http"u8)
                && !rest.StartsWith("data:"u8) && !rest.StartsWith("mailto:"u8)) return true;
        }
        return false;
    }

    /// <summary>Where a link written in the source at <paramref name="folder"/> goes, or null when it stays as written.</summary>
    private string? Target(Page page, string folder, string written)
    {
        if (Local(written) is not var (path, suffix) || SitePath(folder, path) is not { } file || !urls.Value.TryGetValue(file, out var url)) return null;
        var isPage = PageExtensions.Contains(Path.GetExtension(file).ToLowerInvariant());
        // A file the page's URL already reaches (a bundle's image) keeps its link as written.
        if (!isPage && new Uri(new Uri("http://site" + page.Url), Uri.EscapeDataString(path).Replace("%2F", "/")).AbsolutePath == Uri.EscapeDataString(url).Replace("%2F", "/")) return null;
        return basePath + url + suffix;
    }

    /// <summary>The site path a link to a page source names when no page is made from it, for a warning.</summary>
    private string? DeadSource(string folder, string written) =>
        Local(written) is var (path, _) && PageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant())
            && SitePath(folder, path) is { } file && !urls.Value.ContainsKey(file) ? file : null;

    /// <summary>A relative link's path (percent-decoded) and its "?query#fragment"; null for a URL, a root path or a fragment.</summary>
    private static (string Path, string Suffix)? Local(string written)
    {
        if (written.Length == 0 || written[0] is '#' or '/' or '?' || written.StartsWith("//", StringComparison.Ordinal)) return null;
        var end = written.IndexOfAny(['?', '#']);
        var path = end < 0 ? written : written[..end];
        // A scheme (https:, mailto:, data:) comes before any '/'.
        var colon = path.IndexOf(':');
        if (colon >= 0 && (path.IndexOf('/') is var slash && (slash < 0 || colon < slash))) return null;
        if (path.Length == 0) return null;
        return (Uri.UnescapeDataString(path), end < 0 ? "" : written[end..]);
    }

    /// <summary>"a/b/../c.png" from <paramref name="folder"/>, as a path from the site root; null when it climbs out of it.</summary>
    private static string? SitePath(string folder, string path)
    {
        var parts = new List<string>();
        foreach (var part in (folder + path).Split('/'))
        {
            if (part is "." or "") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    [GeneratedRegex("""\b(href|src)=(?:"([^"]*)"|'([^']*)')""", RegexOptions.CultureInvariant)]
    private static partial Regex Attributes();
}
