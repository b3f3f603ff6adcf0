using Lemma.Sources;

namespace Lemma.Markdown.Math;

/// <summary>Whether a Hugo site's own or theme's templates load MathJax or KaTeX, so that its math ran in the browser after Goldmark.</summary>
public static class ClientMath
{
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

    private static bool Mentions(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length == 0 || FileTree.RealPath(file) is not { } real || !File.Exists(real)) return false;
            using var stream = File.OpenRead(real);
            var buffer = new byte[(int)System.Math.Min(info.Length, MaxBytes)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
            return text.Contains("mathjax", StringComparison.OrdinalIgnoreCase) || text.Contains("katex", StringComparison.OrdinalIgnoreCase);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
