using System.Collections.Immutable;
using Lemma.Configuration;
using Lemma.Sources;

namespace Lemma.Markdown.Shortcodes;

/// <summary>The shortcode templates a Hugo site brings: its own <c>layouts/shortcodes/</c>, over its themes'.</summary>
internal static class SiteShortcodes
{
    /// <remarks>Listed through <see cref="SiteWalker"/>, so that a link leading out of the site is not followed.</remarks>
    public static ImmutableDictionary<string, (string Path, string Text)> Load(string root, SiteConfig config)
    {
        var templates = ImmutableDictionary.CreateBuilder<string, (string, string)>(StringComparer.Ordinal);
        // Hugo's first theme wins over the later ones, and the site over them all: read them last to first.
        var folders = HugoLayouts.Themes(config).Reverse().Select(theme => $"themes/{theme}/layouts/shortcodes").ToList();
        folders.Add("layouts/shortcodes");
        var walker = new SiteWalker(root);
        foreach (var folder in folders)
        {
            if (walker.At(folder) is not { IsFolder: true } entry) continue;
            foreach (var path in walker.Files(entry, (name, isFolder) => !name.StartsWith('.') && (isFolder || name.EndsWith(".html", StringComparison.Ordinal))))
            {
                var (text, _) = SourceText.Read(root, path);
                if (text is null) continue;
                templates[path[(folder.Length + 1)..^".html".Length]] = (path, text);
            }
        }
        return templates.ToImmutable();
    }
}
