using Lemma.Configuration;
using Lemma.Diagnostics;
using Lemma.Output;

namespace Lemma.Checks;

/// <summary>A menu item whose site path the build does not produce; it is on every page, so it is reported once, in the config.</summary>
public sealed class BrokenMenuLinks : ISiteCheck
{
    public IEnumerable<Diagnostic> Run(CheckInput input)
    {
        var configFile = input.Root is { } root ? ConfigLoader.Find(root) : null;
        var lines = configFile is null ? [] : File.ReadAllLines(Path.Combine(input.Root!, configFile));
        foreach (var item in input.Build.Site.Config.Menu)
        {
            if (PageRenderer.MenuSitePath(item.Url) is not { } path) continue;
            var bare = path.Split('#', '?')[0];
            var file = SiteUrls.FileFor(bare);
            if (input.Files.Contains(file)) continue;
            // The item's line in the config, where its URL is written.
            var line = Array.FindIndex(lines, l => l.Contains(item.Url, StringComparison.Ordinal)) + 1;
            yield return Diagnostic.Error(new SourceSpan(configFile ?? "site.yaml", System.Math.Max(1, line), 1),
                $"broken menu link: {item.Name} → {item.Url} (no {file} in the site)");
        }
    }
}
