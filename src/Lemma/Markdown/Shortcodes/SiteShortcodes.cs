using System.Collections.Immutable;
using Lemma.Configuration;
using Lemma.Sources;

namespace Lemma.Markdown.Shortcodes;

/// <summary>The shortcode templates a Hugo site brings: its own <c>layouts/shortcodes/</c>, over its theme's.</summary>
internal static class SiteShortcodes
{
    /// <remarks>Listed through <see cref="SiteWalker"/>, so that a link leading out of the site is not followed.</remarks>
    public static ImmutableDictionary<string, (string Path, string Text)> Load(string root, string? theme)
    {
        var templates = ImmutableDictionary.CreateBuilder<string, (string, string)>(StringComparer.Ordinal);
        var folders = new List<string>();
        if (theme is { Length: > 0 } && !theme.Contains("..", StringComparison.Ordinal) && !theme.Contains('/') && !theme.Contains('\\'))
            folders.Add($"themes/{theme}/layouts/shortcodes");
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
