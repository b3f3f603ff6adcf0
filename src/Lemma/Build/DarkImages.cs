using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Lemma.Markdown;

namespace Lemma.Build;

/// <summary>
/// Dark variants of images: where a page shows <c>figure.png</c> and the site publishes <c>figure.dark.png</c> beside it
/// (a page bundle's file, a static one), the image becomes a <c>&lt;picture&gt;</c> whose dark source applies in dark mode.
/// Its <c>media</c> is the system's preference, which is right without JavaScript; the theme's script sets it to follow
/// the reader's own choice (<c>data-dark</c> marks the sources it may change).
/// </summary>
public static partial class DarkImages
{
    private const string Dark = ".dark";

    /// <summary>The site paths of published dark variants, sorted: the values of <see cref="SourceLinks.PublishedFiles"/> named <c>*.dark.ext</c>.</summary>
    public static ImmutableArray<string> Variants(IEnumerable<string> publishedPaths) =>
        [.. publishedPaths.Where(IsVariant).Distinct().Order(StringComparer.Ordinal)];

    private static bool IsVariant(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot > Dark.Length && path.AsSpan(0, dot).EndsWith(Dark, StringComparison.Ordinal) && path.LastIndexOf('/') < dot - Dark.Length;
    }

    /// <summary>Whether <paramref name="rendered"/> has an image at all: most pages are left alone without a look.</summary>
    public static bool MayHave(RenderedContent rendered) => rendered.Utf8.Bytes.IndexOf("<img"u8) >= 0;

    /// <summary>
    /// <paramref name="rendered"/> with each image that has a published dark variant wrapped in a <c>&lt;picture&gt;</c>;
    /// the same object when none has. An image inside an author's own <c>&lt;picture&gt;</c> is left as written.
    /// </summary>
    /// <param name="pageUrl">The page's site path, against which a relative <c>src</c> resolves.</param>
    /// <param name="basePath">The base URL's path without its trailing '/' ("" at a domain's root).</param>
    public static RenderedContent Wrap(RenderedContent rendered, string pageUrl, string basePath, ImmutableArray<string> variants)
    {
        if (variants.IsEmpty) return rendered;
        var html = rendered.Html;
        var changed = false;
        var result = Image().Replace(html, m =>
        {
            var open = html.LastIndexOf("<picture", m.Index, StringComparison.OrdinalIgnoreCase);
            if (open >= 0 && html.LastIndexOf("</picture", m.Index, StringComparison.OrdinalIgnoreCase) < open) return m.Value;
            var src = m.Groups["src"].Value;
            if (DarkOf(src) is not { } dark || variants.BinarySearch(SitePath(System.Net.WebUtility.HtmlDecode(dark), pageUrl, basePath), StringComparer.Ordinal) < 0)
                return m.Value;
            changed = true;
            return $"<picture><source srcset=\"{dark}\" media=\"(prefers-color-scheme: dark)\" data-dark>{m.Value}</picture>";
        });
        return changed ? rendered with { Html = result } : rendered;
    }

    /// <summary>"a/figure.png?v=1" as "a/figure.dark.png?v=1"; null for a URL that cannot have one (data:, no extension, a srcset's comma).</summary>
    private static string? DarkOf(string src)
    {
        if (src.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || src.Contains("://", StringComparison.Ordinal) || src.StartsWith("//", StringComparison.Ordinal)
            || src.IndexOfAny([',', ' ']) >= 0) return null;
        var end = src.IndexOfAny(['?', '#']);
        var path = end < 0 ? src : src[..end];
        var dot = path.LastIndexOf('.');
        if (dot <= path.LastIndexOf('/') + 1 || IsVariant(path)) return null;
        return path[..dot] + Dark + src[dot..];
    }

    /// <summary>The site path an image URL written on the page at <paramref name="pageUrl"/> names, without the base path.</summary>
    internal static string SitePath(string src, string pageUrl, string basePath)
    {
        var end = src.IndexOfAny(['?', '#']);
        var path = Uri.UnescapeDataString(end < 0 ? src : src[..end]);
        if (!path.StartsWith('/'))
            return Uri.UnescapeDataString(new Uri(new Uri("http://site" + pageUrl), Uri.EscapeDataString(path).Replace("%2F", "/")).AbsolutePath);
        return basePath.Length > 0 && path.StartsWith(basePath + "/", StringComparison.Ordinal) ? path[basePath.Length..] : path;
    }

    [GeneratedRegex("""<img\b[^>]*?\bsrc="(?<src>[^"]*)"[^>]*>""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Image();
}
