using System.Text.RegularExpressions;
using Lemma.Configuration;

namespace Lemma.Content.Jekyll;

/// <summary>
/// Jekyll's front matter defaults (<c>defaults:</c> in _config.yml): each entry's <c>values</c> apply to the files its
/// <c>scope</c> names by <c>path</c> (a folder, a file or a glob; empty for all) and <c>type</c> (posts, drafts, pages or a
/// collection's label). A more specific scope wins over a wider one, and the file's own front matter over all of them.
/// </summary>
internal static class JekyllDefaults
{
    public static StructuredMap Apply(string path, StructuredMap map, SiteConfig config, IReadOnlyList<JekyllCollection> collections)
    {
        if (config.Params.GetValueOrDefault("defaults") is not IEnumerable<object?> entries) return map;
        var type = TypeOf(path, collections);
        var matching = entries.OfType<IReadOnlyDictionary<string, object?>>()
            .Select(e => (Scope: e.GetValueOrDefault("scope") as IReadOnlyDictionary<string, object?>, Values: e.GetValueOrDefault("values") as IReadOnlyDictionary<string, object?>))
            .Where(e => e.Values is not null)
            .Select(e => (Path: (e.Scope?.GetValueOrDefault("path") as string ?? "").Trim().Trim('/'), Type: e.Scope?.GetValueOrDefault("type") as string, e.Values))
            .Where(e => PathMatches(e.Path, path) && (e.Type is null || e.Type == type || (e.Type == "posts" && type == "drafts")))
            // Jekyll's precedence: a longer path is more specific, and a scope with a type more than one without.
            .OrderBy(e => e.Path.Length).ThenBy(e => e.Type is null ? 0 : 1)
            .ToList();
        if (matching.Count == 0) return map;
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var entry in matching)
            foreach (var (key, value) in entry.Values!) merged[key] = value;
        foreach (var (key, value) in map.Values) merged[key] = value;
        return map with { Values = merged };
    }

    /// <summary>The type a defaults scope names a file by.</summary>
    private static string TypeOf(string path, IReadOnlyList<JekyllCollection> collections)
    {
        if (path.StartsWith("_posts/", StringComparison.Ordinal) || path.Contains("/_posts/", StringComparison.Ordinal)) return "posts";
        if (path.StartsWith("_drafts/", StringComparison.Ordinal)) return "drafts";
        return JekyllCollections.Of(path, collections)?.Label ?? "pages";
    }

    private static bool PathMatches(string scope, string path)
    {
        if (scope.Length == 0) return true;
        if (scope.Contains('*'))
            return Regex.IsMatch(path, "^" + Regex.Escape(scope).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "(/|$)", RegexOptions.None, TimeSpan.FromSeconds(1));
        return path == scope || path.StartsWith(scope + "/", StringComparison.Ordinal);
    }
}
