using System.Collections.Immutable;
using Lemma.Configuration;

namespace Lemma.Sources;

/// <summary>
/// The discover stage: walks a site root and sorts its files into content, bundle resources, data, layouts,
/// static files and bibliographies. Understands Lemma's and Hugo's layout (content/, data/, layouts/, static/)
/// and Jekyll's (_posts/, _data/, pages at the root).
/// </summary>
public static class SourceDiscovery
{
    private static readonly string[] ContentExtensions = [".md", ".markdown", ".ipynb"];
    private static readonly string[] DataExtensions = [".yaml", ".yml", ".json", ".toml"];
    /// <summary>Root files of a Jekyll site that are not pages.</summary>
    private static readonly string[] NotPages = ["readme", "license", "changelog", "contributing", "code_of_conduct"];

    public static SourceSet Discover(string root, SiteConfig config)
    {
        var content = new List<string>();
        var resources = new List<string>();
        var bibliography = new List<string>();

        if (Directory.Exists(Path.Combine(root, "content")))
        {
            ScanContent(root, "content", content, resources, bibliography);
        }
        else
        {
            // A Jekyll site: posts in _posts/, pages at the root.
            if (Directory.Exists(Path.Combine(root, "_posts"))) ScanContent(root, "_posts", content, resources, bibliography);
            foreach (var file in Directory.EnumerateFiles(root))
            {
                var name = Path.GetFileName(file);
                if (IsContent(name) && !NotPages.Contains(Path.GetFileNameWithoutExtension(name).ToLowerInvariant()))
                    content.Add(name);
                else if (name.EndsWith(".bib", StringComparison.OrdinalIgnoreCase)) bibliography.Add(name);
            }
        }

        var data = Files(root, "data").Concat(Files(root, "_data"))
            .Where(f => DataExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()));
        // Only Liquid templates: a Hugo site's Go templates in layouts/ are not Lemma's to read.
        var layouts = Files(root, "layouts").Where(f => f.EndsWith(".liquid", StringComparison.Ordinal));
        var statics = Files(root, "static");
        if (File.Exists(Path.Combine(root, "references.bib"))) bibliography.Add("references.bib");

        return new SourceSet(root, ConfigLoader.Find(root), Sorted(content), Sorted(resources), Sorted(data), Sorted(layouts),
            Sorted(statics), Sorted(bibliography.Distinct()))
        {
            AssetFiles = Sorted(Files(root, "assets")),
        };
    }

    private static bool IsContent(string name) => ContentExtensions.Contains(Path.GetExtension(name).ToLowerInvariant());

    private static bool IsHidden(string name) => name.StartsWith('.') || name.EndsWith('~');

    /// <summary>
    /// Content files, and the files of page bundles (a folder with an index.md holds its page's images and data).
    /// Non-content files outside a bundle are resources too: they are copied only when a bundle claims them.
    /// </summary>
    private static void ScanContent(string root, string dir, List<string> content, List<string> resources, List<string> bibliography)
    {
        var full = Path.Combine(root, dir);
        foreach (var file in Directory.EnumerateFiles(full))
        {
            var name = Path.GetFileName(file);
            if (IsHidden(name)) continue;
            var rel = dir + "/" + name;
            if (IsContent(name)) content.Add(rel);
            else if (name.EndsWith(".bib", StringComparison.OrdinalIgnoreCase)) { bibliography.Add(rel); resources.Add(rel); }
            else resources.Add(rel);
        }
        foreach (var sub in Directory.EnumerateDirectories(full))
        {
            var name = Path.GetFileName(sub);
            if (IsHidden(name) || name is "node_modules") continue;
            var rel = dir + "/" + name;
            var isLeafBundle = ContentExtensions.Any(e => File.Exists(Path.Combine(sub, "index" + e)));
            if (isLeafBundle)
            {
                // Everything below a leaf bundle belongs to it; only its index is a page.
                foreach (var file in Directory.EnumerateFiles(sub, "*", SearchOption.AllDirectories))
                {
                    var relFile = Path.GetRelativePath(root, file).Replace('\\', '/');
                    if (relFile.Split('/').Any(IsHidden)) continue;
                    var fileName = Path.GetFileName(file);
                    if (Path.GetDirectoryName(file) == sub && IsContent(fileName) && Path.GetFileNameWithoutExtension(fileName) == "index")
                        content.Add(relFile);
                    else
                    {
                        if (fileName.EndsWith(".bib", StringComparison.OrdinalIgnoreCase)) bibliography.Add(relFile);
                        resources.Add(relFile);
                    }
                }
            }
            else ScanContent(root, rel, content, resources, bibliography);
        }
    }

    private static IEnumerable<string> Files(string root, string dir)
    {
        var full = Path.Combine(root, dir);
        if (!Directory.Exists(full)) return [];
        return Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(IsHidden));
    }

    private static ImmutableArray<string> Sorted(IEnumerable<string> paths) => [.. paths.Order(StringComparer.Ordinal)];
}
