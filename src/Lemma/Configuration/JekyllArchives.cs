namespace Lemma.Configuration;

/// <summary>
/// Where jekyll-archives put a Jekyll site's tag, category and year pages: <c>jekyll-archives: {enabled, permalinks}</c>, or
/// jekyll-archives-v2's same settings under <c>posts:</c> (al-folio). Lemma draws these lists at its own URLs; the old ones
/// answer through redirects.
/// </summary>
public static class JekyllArchives
{
    /// <summary>The URL patterns of an archive kind ("tags", "categories", "year") with <c>:name</c> or <c>:year</c> in them;
    /// none when the site does not enable it.</summary>
    public static IReadOnlyList<string> Patterns(SiteConfig config, string kind)
    {
        if (config.Kind != SiteKind.Jekyll || config.Params.GetValueOrDefault("jekyll-archives") is not IReadOnlyDictionary<string, object?> settings)
            return [];
        if (settings.GetValueOrDefault("posts") is IReadOnlyDictionary<string, object?> posts) settings = posts;
        var singular = kind switch { "tags" => "tag", "categories" => "category", _ => kind };
        var enabled = settings.GetValueOrDefault("enabled") switch
        {
            string all => all == "all",
            IEnumerable<object?> list => list.OfType<string>().Any(e => e == kind || e == singular),
            _ => false,
        };
        if (!enabled) return [];
        var permalinks = settings.GetValueOrDefault("permalinks") as IReadOnlyDictionary<string, object?>;
        var pattern = permalinks?.GetValueOrDefault(singular) as string ?? permalinks?.GetValueOrDefault(kind) as string
            ?? (kind == "year" ? "/:year/" : $"/{singular}/:name/");
        return [pattern.Replace(":type", singular, StringComparison.Ordinal)];
    }
}
