using Lemma.Configuration;

namespace Lemma.Sources;

/// <summary>
/// A Jekyll site's static files: everything at the root and in folders whose name does not start with '_' or '.',
/// that is not a page, the config, what Jekyll leaves out by default (Gemfile, node_modules, vendor) or what
/// <c>exclude:</c> names. Jekyll publishes them at their paths, and so does Lemma. A file with front matter that Lemma does
/// not render as a page (feed.xml, main.scss) is left out, since it would be published unrendered.
/// assets/ is among them: a Jekyll site's assets are its own static files, copied as they are, not theme overrides.
/// Any other site whose pages are at its root (a folder of notebooks) has its files beside them found the same way.
/// </summary>
internal static class JekyllFiles
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Gemfile", "Gemfile.lock", "node_modules", "vendor", "README.md", "README", "LICENSE", "LICENSE.md", "LICENSE.txt",
        "CHANGELOG.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "package.json", "package-lock.json", "Rakefile", "Dockerfile",
        "docker-compose.yml", "public", "static", "content", "layouts", "data", "bin",
    };

    /// <summary>
    /// The site's pages and static files outside _posts/ and _drafts/ at the root. A Markdown file with front matter is a
    /// page, one without is a static file copied as it is (Jekyll's rule); posts in a folder's own _posts/ are pages too.
    /// Folders whose name starts with '_' are read only when <c>include:</c> names them (al-folio's _pages) or a
    /// collection with <c>output: true</c> lives there (<c>_books/</c>).
    /// </summary>
    public static (List<string> Pages, List<string> Files) Find(SiteWalker walker, string root, SiteConfig config, IReadOnlyCollection<string> bibliography)
    {
        var excluded = (config.Params.GetValueOrDefault("exclude") as IEnumerable<object?> ?? [])
            .OfType<string>().Select(e => e.Trim().Trim('/')).Where(e => e.Length > 0).ToHashSet(StringComparer.Ordinal);
        var included = JekyllCollections.ReadFolders(config);
        var skip = bibliography.ToHashSet(StringComparer.Ordinal);
        var files = walker.Files(walker.Root, (name, isFolder) => !name.StartsWith('.') && !name.StartsWith('#') && !name.EndsWith('~')
            && (!name.StartsWith('_') || (isFolder && (name == "_posts" || included.Contains(name))))
            && !Skipped.Contains(name) && !ConfigLoader.FileNames.Contains(name));
        var (pages, statics) = (new List<string>(), new List<string>());
        foreach (var file in files)
        {
            if (file.StartsWith("_posts/", StringComparison.Ordinal) || skip.Contains(file) || Excluded(file, excluded)) continue;
            var extension = Path.GetExtension(file).ToLowerInvariant();
            var content = extension is ".md" or ".markdown" or ".ipynb" or ".html";
            if (file.Contains("/_posts/", StringComparison.Ordinal)) { if (content) pages.Add(file); continue; }
            var frontMatter = HasFrontMatter(Path.Combine(root, file));
            if (extension == ".ipynb") { if (!file.Contains('/')) pages.Add(file); } // notebooks below the root are not read yet
            else if (content && frontMatter) pages.Add(file);
            // A file with front matter that Lemma does not render as a page (feed.xml, main.scss) is left out.
            else if (!frontMatter) statics.Add(file);
        }
        return (pages, statics);
    }

    /// <summary>
    /// The .bib files of jekyll-scholar (in the plugins, or a <c>scholar:</c> config): every one in its <c>source</c> folder
    /// (./_bibliography by default), since a <c>{% cite key --file name %}</c> may name any of them.
    /// </summary>
    public static IEnumerable<string> Scholar(SiteWalker walker, SiteConfig config)
    {
        var settings = config.Params.GetValueOrDefault("scholar") as IReadOnlyDictionary<string, object?>;
        var plugins = (config.Params.GetValueOrDefault("plugins") as IEnumerable<object?> ?? []).OfType<string>();
        if (settings is null && !plugins.Any(p => p is "jekyll-scholar" or "jekyll/scholar")) return [];
        var source = (settings?.GetValueOrDefault("source") as string ?? "_bibliography").Trim();
        source = source.TrimStart('.').Trim('/');
        if (source.Length == 0 || source.Contains("..", StringComparison.Ordinal) || walker.At(source) is not { IsFolder: true } folder) return [];
        return walker.Files(folder, (name, isFolder) => !name.StartsWith('.') && (isFolder || name.EndsWith(".bib", StringComparison.OrdinalIgnoreCase)));
    }

    private static bool Excluded(string path, HashSet<string> excluded)
    {
        if (excluded.Count == 0) return false;
        if (excluded.Contains(path)) return true;
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            if (excluded.Contains(path[..slash])) return true;
        return excluded.Contains(Path.GetFileName(path));
    }

    internal static bool HasFrontMatter(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> start = stackalloc byte[4];
            var read = stream.Read(start);
            return read >= 4 && start.StartsWith("---"u8) && (start[3] == (byte)'\n' || start[3] == (byte)'\r');
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
