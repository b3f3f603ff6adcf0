namespace Lemma.Configuration;

/// <summary>One of a Jekyll site's <c>collections:</c>: documents in <c>_label/</c>, published when <paramref name="Output"/> is true,
/// at <paramref name="Permalink"/> (Jekyll's default is <c>/:collection/:path:output_ext</c>).</summary>
public sealed record JekyllCollection(string Label, bool Output, string? Permalink);

/// <summary>What a Jekyll config says about the folders Jekyll reads beside _posts/: its collections and <c>include:</c>.</summary>
public static class JekyllCollections
{
    public const string DefaultPermalink = "/:collection/:path:output_ext";

    public static IReadOnlyList<JekyllCollection> Read(SiteConfig config) =>
        config.Params.GetValueOrDefault("collections") switch
        {
            IReadOnlyDictionary<string, object?> map => [.. map.Where(kv => kv.Key != "posts").Select(kv => kv.Value is IReadOnlyDictionary<string, object?> settings
                ? new JekyllCollection(kv.Key, settings.GetValueOrDefault("output") is true or "true", settings.GetValueOrDefault("permalink") as string)
                : new JekyllCollection(kv.Key, false, null))],
            IEnumerable<object?> list => [.. list.OfType<string>().Where(l => l != "posts").Select(l => new JekyllCollection(l, false, null))],
            _ => [],
        };

    /// <summary>The published collection a path is in ("_books/x.md" in books), or null.</summary>
    public static JekyllCollection? Of(string path, IReadOnlyList<JekyllCollection> collections)
    {
        if (!path.StartsWith('_') || path.IndexOf('/') is var slash && slash < 0) return null;
        var folder = path[1..slash];
        return collections.FirstOrDefault(c => c.Output && c.Label == folder);
    }

    /// <summary>Folders starting with '_' that Jekyll reads for pages: what <c>include:</c> names, and published collections.</summary>
    public static HashSet<string> ReadFolders(SiteConfig config)
    {
        var folders = (config.Params.GetValueOrDefault("include") as IEnumerable<object?> ?? [])
            .OfType<string>().Select(i => i.Trim().Trim('/')).Where(i => i.StartsWith('_') && !i.Contains('/'))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var collection in Read(config).Where(c => c.Output)) folders.Add("_" + collection.Label);
        return folders;
    }
}
