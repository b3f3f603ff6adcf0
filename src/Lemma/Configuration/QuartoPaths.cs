namespace Lemma.Configuration;

/// <summary>Where Quarto publishes a source file, and what a link to one becomes.</summary>
public static class QuartoPaths
{
    private static readonly string[] PageExtensions = [".qmd", ".md", ".ipynb", ".rmd"];

    /// <summary>
    /// The URL Quarto gives a page: <c>posts/x/index.qmd</c> is <c>/posts/x/</c> (its index.html), <c>about.qmd</c>
    /// is <c>/about.html</c>, <c>index.qmd</c> is <c>/</c>.
    /// </summary>
    public static string Url(string sourcePath)
    {
        var path = sourcePath.Replace('\\', '/').TrimStart('/');
        var dir = path.LastIndexOf('/') is var slash and >= 0 ? path[..(slash + 1)] : "";
        var stem = Path.GetFileNameWithoutExtension(path);
        return stem == "index" ? "/" + dir : "/" + dir + stem + ".html";
    }

    /// <summary>A link in the config or a page to a source file (<c>about.qmd</c>, <c>notes/index.qmd#x</c>) as the
    /// URL of its page; any other link as it is, a relative one made root-relative.</summary>
    public static string Link(string href)
    {
        if (href.Contains("://", StringComparison.Ordinal) || href.StartsWith("mailto:", StringComparison.Ordinal) || href.StartsWith('#')) return href;
        var cut = href.IndexOfAny(['#', '?']);
        var (path, rest) = cut < 0 ? (href, "") : (href[..cut], href[cut..]);
        var isPage = PageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());
        return (isPage ? Url(path) : "/" + path.TrimStart('/')) + rest;
    }
}
