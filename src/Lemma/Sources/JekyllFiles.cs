using Lemma.Configuration;

namespace Lemma.Sources;

/// <summary>
/// A Jekyll site's static files: everything at the root and in folders whose name does not start with '_' or '.',
/// that is not a page, the config, what Jekyll leaves out by default (Gemfile, node_modules, vendor) or what
/// <c>exclude:</c> names. Jekyll publishes them at their paths, and so does Lemma. A file with front matter that Lemma does
/// not render as a page (a Liquid .html page, feed.xml, main.scss) is left out, since it would be published unrendered.
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

    public static IEnumerable<string> Find(SiteWalker walker, string root, SiteConfig config, IReadOnlyCollection<string> pages, IReadOnlyCollection<string> bibliography)
    {
        var excluded = (config.Params.GetValueOrDefault("exclude") as IEnumerable<object?> ?? [])
            .OfType<string>().Select(e => e.Trim().Trim('/')).Where(e => e.Length > 0).ToHashSet(StringComparer.Ordinal);
        var skip = pages.Concat(bibliography).ToHashSet(StringComparer.Ordinal);
        var files = walker.Files(walker.Root, (name, _) => !name.StartsWith('.') && !name.StartsWith('_') && !name.StartsWith('#') && !name.EndsWith('~')
            && !Skipped.Contains(name) && !ConfigLoader.FileNames.Contains(name));
        foreach (var file in files)
        {
            if (skip.Contains(file) || Excluded(file, excluded) || HasFrontMatter(Path.Combine(root, file))) continue;
            var extension = Path.GetExtension(file).ToLowerInvariant();
            if (extension is ".md" or ".markdown" or ".ipynb") continue; // pages below the root are not read yet
            yield return file;
        }
    }

    private static bool Excluded(string path, HashSet<string> excluded)
    {
        if (excluded.Count == 0) return false;
        if (excluded.Contains(path)) return true;
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            if (excluded.Contains(path[..slash])) return true;
        return excluded.Contains(Path.GetFileName(path));
    }

    private static bool HasFrontMatter(string path)
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
