using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Lemma.Configuration;

namespace Lemma.Sources;

/// <summary>
/// The discover stage: walks a site root and sorts its files into content, bundle resources, data, layouts,
/// static files and bibliographies. Understands Lemma's and Hugo's layout (content/, data/, layouts/, static/)
/// and Jekyll's (_posts/, _data/, pages at the root). Reads only files inside the site (<see cref="SiteWalker"/>):
/// links out of it are errors, links to nothing warnings, both at the link.
/// </summary>
public static class SourceDiscovery
{
    private static readonly string[] ContentExtensions = [".md", ".markdown", ".qmd", ".ipynb"];
    private static readonly string[] DataExtensions = [".yaml", ".yml", ".json", ".toml"];
    /// <summary>Root files of a Jekyll site that are not pages.</summary>
    private static readonly string[] NotPages = ["readme", "license", "changelog", "contributing", "code_of_conduct"];

    /// <param name="listing">A folder's entries by its path from the root (<see cref="SiteWalker"/>); by default, as on disk.</param>
    public static SourceSet Discover(string root, SiteConfig config, Func<string, ImmutableArray<ListedEntry>>? listing = null)
    {
        var walker = new SiteWalker(root, listing);
        var content = new List<string>();
        var resources = new List<string>();
        var siteFiles = new List<string>();
        var bibliography = new List<string>();
        var scholar = new List<string>();

        if (config.Kind == SiteKind.Quarto)
        {
            QuartoFiles.Find(walker, config, content, siteFiles, bibliography);
        }
        else if (walker.At("content") is { IsFolder: true } contentFolder)
        {
            ScanContent(walker, ContentEntries(walker, contentFolder), content, resources, bibliography);
        }
        else
        {
            // A Jekyll site: posts in _posts/, pages at the root.
            if (walker.At("_posts") is { IsFolder: true } posts) ScanContent(walker, ContentEntries(walker, posts), content, resources, bibliography);
            if (walker.At("_drafts") is { IsFolder: true } drafts) ScanContent(walker, ContentEntries(walker, drafts), content, resources, bibliography);
            var rootFiles = walker.List(walker.Root, (name, isFolder) => !isFolder && !IsHidden(name)
                && ((config.Kind != SiteKind.Jekyll && IsContent(name) && !NotPages.Contains(Path.GetFileNameWithoutExtension(name).ToLowerInvariant()))
                    || name.EndsWith(".bib", StringComparison.OrdinalIgnoreCase)));
            foreach (var file in rootFiles.Where(f => !f.IsFolder))
                (IsContent(file.Name) ? content : bibliography).Add(file.Name);
            if (config.Kind == SiteKind.Jekyll)
            {
                scholar.AddRange(JekyllFiles.Scholar(walker, config));
                bibliography.AddRange(scholar);
                var (pages, files) = JekyllFiles.Find(walker, root, config, bibliography);
                content.AddRange(pages);
                siteFiles.AddRange(files);
            }
            else
            {
                // Files beside root pages (a folder of notebooks and its figures/) are published at their paths, as Jekyll
                // publishes its own. Outside a Jekyll site assets/ holds the theme's overrides, which go their own way, an
                // HTML file is another tool's page or template (nbconvert's output, a Pelican theme), as under Hugo's
                // content/, and Markdown below the root is not read.
                var (_, files) = JekyllFiles.Find(walker, root, config, bibliography);
                siteFiles.AddRange(files.Where(f => !f.StartsWith("assets/", StringComparison.Ordinal)
                    && Path.GetExtension(f).ToLowerInvariant() is not (".html" or ".htm" or ".md" or ".markdown" or ".ipynb")));
            }
        }

        // Only Liquid templates: a Hugo site's Go templates in layouts/ are not Lemma's to read.
        // A Quarto project publishes every folder at its path (QuartoFiles): none is Lemma's data, layouts, static or assets.
        var quarto = config.Kind == SiteKind.Quarto;
        var data = quarto ? [] : Files(walker, "data", DataExtensions).Concat(Files(walker, "_data", DataExtensions));
        var layouts = quarto ? [] : Files(walker, "layouts", [".liquid"]);
        var statics = quarto ? [] : Files(walker, "static", null);
        var assets = quarto ? [] : Files(walker, "assets", null);
        var includes = Files(walker, "_includes", null);
        if (walker.At("references.bib") is { IsFolder: false }) bibliography.Add("references.bib");
        var skipped = HugoLayouts.Skipped(walker, config);

        return new SourceSet(root, ConfigLoader.Find(root), Sorted(content), Sorted(resources), Sorted(data), Sorted(layouts),
            Sorted(statics), Sorted(bibliography.Distinct()))
        {
            AssetFiles = Sorted(assets),
            IncludeFiles = Sorted(includes),
            SiteFiles = Sorted(siteFiles),
            ScholarFiles = Sorted(scholar),
            Diagnostics = [.. walker.Diagnostics.OrderBy(d => d.Span.Path, StringComparer.Ordinal), .. skipped is null ? [] : (Diagnostics.Diagnostic[])[skipped]],
        };
    }

    private static bool IsContent(string name)
    {
        // Without making the extension a string of its own: discovery looks at every file of a 10,000-post folder
        // after each new or deleted post.
        var extension = Path.GetExtension(name.AsSpan());
        foreach (var known in ContentExtensions)
            if (extension.Equals(known, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>A bundle's page: index.md (or another content extension).</summary>
    private static bool IsIndex(string name) => IsContent(name) && Path.GetFileNameWithoutExtension(name.AsSpan()) is "index";

    private static bool IsHidden(string name) => name.StartsWith('.') || name.EndsWith('~');

    /// <summary>
    /// Content files, and the files of page bundles (a folder with an index.md holds its page's images and data).
    /// Non-content files outside a bundle are resources too: they are copied only when a bundle claims them.
    /// </summary>
    /// <param name="entries">The folder's entries, listed once (<see cref="ContentEntries"/>): a walker reports a link each time it reads it.</param>
    private static void ScanContent(SiteWalker walker, List<SiteEntry> entries, List<string> content, List<string> resources, List<string> bibliography)
    {
        foreach (var file in entries.Where(e => !e.IsFolder))
        {
            if (IsContent(file.Name)) content.Add(file.Path);
            else if (file.Name.EndsWith(".bib", StringComparison.OrdinalIgnoreCase)) { bibliography.Add(file.Path); resources.Add(file.Path); }
            else resources.Add(file.Path);
        }
        foreach (var sub in entries.Where(e => e.IsFolder))
        {
            var children = ContentEntries(walker, sub);
            var isLeafBundle = children.Any(c => !c.IsFolder && IsIndex(c.Name));
            if (!isLeafBundle)
            {
                ScanContent(walker, children, content, resources, bibliography);
                continue;
            }
            // Everything below a leaf bundle belongs to it; only its index is a page.
            foreach (var child in children)
            {
                var files = child.IsFolder ? walker.Files(child, (name, _) => !IsHidden(name)) : [child.Path];
                foreach (var file in files)
                {
                    var fileName = Path.GetFileName(file);
                    if (!child.IsFolder && IsIndex(fileName)) content.Add(file);
                    else
                    {
                        if (fileName.EndsWith(".bib", StringComparison.OrdinalIgnoreCase)) bibliography.Add(file);
                        resources.Add(file);
                    }
                }
            }
        }
    }

    private static List<SiteEntry> ContentEntries(SiteWalker walker, SiteEntry folder) =>
        [.. walker.List(folder, (name, isFolder) => !IsHidden(name) && !(isFolder && name is "node_modules"))];

    /// <summary>Every file under the site's folder <paramref name="dir"/> with one of <paramref name="extensions"/> (any, when null).</summary>
    private static List<string> Files(SiteWalker walker, string dir, string[]? extensions)
    {
        if (walker.At(dir) is not { IsFolder: true } folder) return [];
        return [.. walker.Files(folder, (name, isFolder) => !IsHidden(name)
            && (isFolder || extensions is null || extensions.Contains(Path.GetExtension(name).ToLowerInvariant())))];
    }

    /// <summary>In ordinal order: the walk gives each folder's entries in that order, so most lists need only the check.</summary>
    private static ImmutableArray<string> Sorted(IEnumerable<string> paths)
    {
        var sorted = paths.ToArray();
        PathOrder.Sort(sorted, path => path);
        return ImmutableCollectionsMarshal.AsImmutableArray(sorted);
    }
}
