using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Lemma.Configuration;

/// <summary>
/// A Quarto project's _quarto.yml, read as the config keys Lemma already knows: <c>website.title</c>,
/// <c>website.site-url</c> (the base URL), <c>website.description</c>, the navbar's page links as the menu and its
/// links out of the site as social links. Top-level keys (author, and the rest for templates) stay as they are;
/// keys Lemma has no use for (project, format, execute) are ignored.
/// </summary>
public static partial class QuartoConfig
{
    public static StructuredMap Flatten(StructuredMap map, string text)
    {
        if (map.Values.GetValueOrDefault("website") is not IReadOnlyDictionary<string, object?> website) return map;
        var values = map.Values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var lines = map.KeyLines.ToBuilder();
        var websiteLine = map.KeyLines.GetValueOrDefault("website");
        void Lift(string quartoKey, string key)
        {
            if (ConfigLoader.Get(website, quartoKey) is not { } value) return;
            values[key] = value;
            lines[key] = NestedLine(text, websiteLine, quartoKey);
        }
        Lift("title", "title");
        Lift("site-url", "base_url");
        Lift("description", "description");
        if (ConfigLoader.Get(website, "navbar") is IReadOnlyDictionary<string, object?> navbar)
        {
            var items = new List<object?>();
            foreach (var side in (string[])["left", "right"])
                if (ConfigLoader.Get(navbar, side) is IEnumerable<object?> list) items.AddRange(list);
            var menu = new List<object?>();
            var social = new List<object?>();
            foreach (var item in items)
            {
                var (name, href) = NavItem(item);
                if (href is null) continue;
                var entry = new Dictionary<string, object?> { ["name"] = name, ["url"] = href };
                // An icon linking out of the site (GitHub, LinkedIn) is a social link in Lemma's theme.
                if (IsExternal(href) && item is IReadOnlyDictionary<string, object?> m && ConfigLoader.Get(m, "icon") is string) social.Add(entry);
                else menu.Add(entry);
            }
            var navLine = NestedLine(text, websiteLine, "navbar");
            if (menu.Count > 0 && !values.ContainsKey("menu")) { values["menu"] = menu; lines["menu"] = navLine; }
            if (social.Count > 0 && !values.ContainsKey("social")) { values["social"] = social; lines["social"] = navLine; }
        }
        return new StructuredMap(values, lines.ToImmutable());
    }

    /// <summary>
    /// The home page's blocks from the listings of the project's index.qmd: a listing of <c>posts</c> (or
    /// <c>posts/**/*.qmd</c>) lists the posts section there, after the page's own text. Null without such a listing.
    /// </summary>
    public static List<object?>? HomeFromListing(string root)
    {
        if (!File.Exists(Path.Combine(root, "index.qmd"))) return null;
        var (text, _) = SourceText.Read(root, "index.qmd");
        if (text is null) return null;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length < 2 || lines[0].TrimEnd() != "---") return null;
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
        if (close < 0) return null;
        var (map, _) = StructuredText.Parse(string.Join('\n', lines[1..close]), StructuredFormat.Yaml, "index.qmd", 2);
        var listings = map?.Values.GetValueOrDefault("listing") switch
        {
            IReadOnlyDictionary<string, object?> one => [one],
            IEnumerable<object?> many => many.OfType<IReadOnlyDictionary<string, object?>>().ToList(),
            _ => [],
        };
        var sections = new List<string>();
        foreach (var listing in listings)
        {
            var contents = ConfigLoader.Get(listing, "contents") switch
            {
                string one => [one],
                IEnumerable<object?> many => many.OfType<string>().ToList(),
                _ => new List<string>(),
            };
            foreach (var entry in contents)
            {
                // A listing of data files (projects.yml) is not a section of pages.
                var first = entry.Trim().TrimStart('.', '/').Split('/')[0];
                if (first.Length == 0 || first.Contains('*') || first.Contains('.') || sections.Contains(first)) continue;
                sections.Add(first);
            }
        }
        if (sections.Count == 0) return null;
        var blocks = new List<object?> { "intro" };
        foreach (var section in sections)
            blocks.Add(new Dictionary<string, object?> { ["kind"] = "section", ["section"] = section, ["title"] = NameOf(section), ["limit"] = 20L });
        return blocks;
    }

    /// <summary>A navbar item's text and link: <c>- about.qmd</c>, or <c>{text, href}</c> / <c>{text, file}</c> / <c>{icon, href}</c>.</summary>
    private static (string Name, string? Href) NavItem(object? item)
    {
        switch (item)
        {
            case string path:
                return (NameOf(path), QuartoPaths.Link(path));
            case IReadOnlyDictionary<string, object?> map:
                var target = (ConfigLoader.Get(map, "href") ?? ConfigLoader.Get(map, "file")) as string;
                if (target is null) return ("", null);
                var text = ConfigLoader.Get(map, "text") as string ?? ConfigLoader.Get(map, "icon") as string ?? NameOf(target);
                return (text, QuartoPaths.Link(target));
            default:
                return ("", null);
        }
    }

    private static string NameOf(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path.TrimEnd('/'));
        if (stem == "index") stem = Path.GetFileName(Path.GetDirectoryName(path.TrimEnd('/')) ?? "");
        if (stem.Length == 0) return "Home";
        return char.ToUpperInvariant(stem[0]) + stem[1..].Replace('-', ' ').Replace('_', ' ');
    }

    private static bool IsExternal(string href) => href.Contains("://", StringComparison.Ordinal) || href.StartsWith("mailto:", StringComparison.Ordinal);

    /// <summary>The file line of <paramref name="key"/> indented under the top-level key at <paramref name="parentLine"/>.</summary>
    private static int NestedLine(string text, int parentLine, string key)
    {
        var lines = text.Split('\n');
        var pattern = new Regex(@"^\s+[""']?" + Regex.Escape(key) + @"[""']?\s*:", RegexOptions.CultureInvariant);
        for (var i = System.Math.Max(parentLine, 1); i < lines.Length; i++)
        {
            if (lines[i].Length > 0 && !char.IsWhiteSpace(lines[i][0]) && !lines[i].StartsWith('#')) break; // the next top-level key
            if (pattern.IsMatch(lines[i])) return i + 1;
        }
        return parentLine == 0 ? 1 : parentLine;
    }
}
