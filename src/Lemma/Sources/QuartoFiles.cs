using Lemma.Configuration;

namespace Lemma.Sources;

/// <summary>
/// A Quarto project's files: every .qmd, .md and .ipynb is a page wherever it sits, and every other file is published
/// at its path, as Quarto renders and copies them. Names starting with '_' or '.' are Quarto's own (_site, _freeze,
/// _extensions, _metadata.yml) and are left out, as are the project's output-dir and the repository's README and licence.
/// </summary>
internal static class QuartoFiles
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "README.md", "README", "LICENSE", "LICENSE.md", "LICENSE.txt", "CHANGELOG.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md",
        "node_modules", "public", "renv", "renv.lock", "package.json", "package-lock.json", "requirements.txt", "environment.yml",
        "netlify.toml", "Dockerfile", "Makefile",
    };

    public static void Find(SiteWalker walker, SiteConfig config, List<string> content, List<string> siteFiles, List<string> bibliography)
    {
        var output = ConfigLoader.Get(ConfigLoader.Get(config.Params, "project"), "output-dir") as string;
        var outputDir = output?.Trim().Trim('/') ?? "";
        var files = walker.Files(walker.Root, (name, _) => !name.StartsWith('.') && !name.StartsWith('_') && !name.EndsWith('~')
            && !Skipped.Contains(name) && !ConfigLoader.FileNames.Contains(name));
        foreach (var file in files)
        {
            if (outputDir.Length > 0 && (file == outputDir || file.StartsWith(outputDir + "/", StringComparison.Ordinal))) continue;
            switch (Path.GetExtension(file).ToLowerInvariant())
            {
                case ".qmd" or ".md" or ".markdown" or ".ipynb": content.Add(file); break;
                case ".bib": bibliography.Add(file); break;
                default: siteFiles.Add(file); break;
            }
        }
    }
}
