using System.Text.RegularExpressions;
using Lemma.Sources;

namespace Lemma.Markdown.Math;

/// <summary>Whether a Hugo site's own or theme's templates load MathJax or KaTeX, so that its math ran in the browser after Goldmark;
/// whether a Jekyll site's MathJax was set up to find single dollars.</summary>
public static partial class ClientMath
{
    /// <summary>
    /// Whether a Jekyll site's own scripts and templates (assets/js, _includes, _layouts) set MathJax's <c>inlineMath</c> to
    /// take <c>$…$</c> (MathJax's default does not): then a single <c>$</c> in its posts was math to its readers.
    /// </summary>
    public static bool FindsSingleDollars(string root)
    {
        var walker = new SiteWalker(root);
        var seen = 0;
        foreach (var dir in new[] { "assets/js", "_includes", "_layouts" })
        {
            if (walker.At(dir) is not { IsFolder: true } folder) continue;
            foreach (var path in walker.Files(folder, (name, isFolder) => isFolder
                || name.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".html", StringComparison.OrdinalIgnoreCase)))
            {
                if (++seen > MaxFiles) return false;
                if (Read(Path.Combine(root, path)) is { } text && text.Contains("inlineMath", StringComparison.Ordinal) && DollarInlineMath().IsMatch(text)) return true;
            }
        }
        return false;
    }

    [GeneratedRegex("""inlineMath["']?\s*[:=]\s*\[\s*\[\s*["']\$["']""", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DollarInlineMath();

    /// <summary>Template files looked at, and bytes read of each: themes are small; this bounds a hostile one.</summary>
    private const int MaxFiles = 2_000, MaxBytes = 256 * 1024;

    public static bool LoadedByLayouts(string root)
    {
        var walker = new SiteWalker(root);
        var folders = new List<SiteEntry>();
        if (walker.At("layouts") is { IsFolder: true } layouts) folders.Add(layouts);
        if (walker.At("themes") is { IsFolder: true } themes)
            foreach (var theme in walker.List(themes, (_, folder) => folder))
                folders.AddRange(walker.List(theme, (name, folder) => folder && name == "layouts"));
        var seen = 0;
        foreach (var folder in folders)
        {
            foreach (var path in walker.Files(folder, (name, isFolder) => isFolder || name.EndsWith(".html", StringComparison.OrdinalIgnoreCase)))
            {
                if (++seen > MaxFiles) return false;
                if (Mentions(Path.Combine(root, path))) return true;
            }
        }
        return false;
    }

    private static bool Mentions(string file) =>
        Read(file) is { } text && (text.Contains("mathjax", StringComparison.OrdinalIgnoreCase) || text.Contains("katex", StringComparison.OrdinalIgnoreCase));

    /// <summary>The start of a file (at most <see cref="MaxBytes"/>), or null when it cannot be read.</summary>
    private static string? Read(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length == 0 || FileTree.RealPath(file) is not { } real || !File.Exists(real)) return null;
            using var stream = File.OpenRead(real);
            var buffer = new byte[(int)System.Math.Min(info.Length, MaxBytes)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
