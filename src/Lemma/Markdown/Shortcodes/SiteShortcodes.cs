using System.Collections.Immutable;
using Lemma.Configuration;

namespace Lemma.Markdown.Shortcodes;

/// <summary>The shortcode templates a Hugo site brings: its own <c>layouts/shortcodes/</c>, over its theme's.</summary>
internal static class SiteShortcodes
{
    public static ImmutableDictionary<string, (string Path, string Text)> Load(string root, string? theme)
    {
        var templates = ImmutableDictionary.CreateBuilder<string, (string, string)>(StringComparer.Ordinal);
        var folders = new List<string>();
        if (theme is { Length: > 0 } && !theme.Contains("..", StringComparison.Ordinal)) folders.Add($"themes/{theme}/layouts/shortcodes");
        folders.Add("layouts/shortcodes");
        foreach (var folder in folders)
        {
            var full = Path.Combine(root, folder);
            if (!Directory.Exists(full)) continue;
            foreach (var file in Directory.EnumerateFiles(full, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                var (text, _) = SourceText.Read(root, relative);
                if (text is null) continue;
                var name = Path.GetRelativePath(full, file).Replace('\\', '/')[..^".html".Length];
                templates[name] = (relative, text);
            }
        }
        return templates.ToImmutable();
    }
}
