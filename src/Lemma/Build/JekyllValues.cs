using System.Collections.Immutable;
using Lemma.Content.Jekyll;
using Lemma.Model;
using Lemma.Sources;

namespace Lemma.Build;

/// <summary>The modelled site as Jekyll's Liquid names it: <c>site.*</c> and <c>page.*</c>, as plain values.</summary>
internal static class JekyllValues
{
    public static JekyllSite Site(Site site, SourceSet sources, DateTimeOffset now)
    {
        var config = site.Config;
        var values = new Dictionary<string, object?>(config.Params, StringComparer.Ordinal);
        var baseUrl = new Uri(config.BaseUrl);
        values["title"] = config.Title;
        values["description"] = config.Description;
        values["url"] = baseUrl.GetLeftPart(UriPartial.Authority);
        values["baseurl"] = baseUrl.AbsolutePath.TrimEnd('/');
        values["data"] = site.Data;
        values["time"] = now;
        var posts = site.Posts.Select(Page).ToArray();
        values["posts"] = posts;
        values["pages"] = site.Pages.Where(p => p.Kind == PageKind.Page).Select(Page).ToArray();
        values["related_posts"] = Array.Empty<object>();
        foreach (var taxonomy in site.Taxonomies.Where(t => t.Name is "tags" or "categories"))
            values[taxonomy.Name] = taxonomy.Terms.ToDictionary(t => t.Name, t => (object?)t.Pages.Select(Page).ToArray(), StringComparer.Ordinal);

        var postUrls = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var post in site.Posts)
        {
            postUrls[Path.GetFileNameWithoutExtension(post.Source.Path)] = post.Url;
            postUrls.TryAdd(post.Source.FileSlug, post.Url);
        }
        var all = site.Pages.AsEnumerable().Concat(site.Sections.Select(s => s.Index).OfType<Page>());
        if (site.HomeIndex is { } home) all = all.Append(home);
        return new JekyllSite
        {
            Root = sources.Root,
            Values = values,
            BaseUrl = config.BaseUrl,
            Scholar = sources.ScholarFiles.Length > 0,
            PostUrls = postUrls.ToImmutable(),
            SourceUrls = all.GroupBy(p => p.Source.Path, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.First().Url, StringComparer.Ordinal),
            Includes = [.. sources.IncludeFiles.Select(p => p["_includes/".Length..])],
            Files = [.. sources.ContentFiles, .. sources.IncludeFiles, .. sources.SiteFiles, .. sources.AssetFiles, .. sources.BundleResources],
        };
    }

    /// <summary>page.*: the front matter as written, and what Jekyll adds (url, date, id, path, slug, categories, tags).</summary>
    public static IReadOnlyDictionary<string, object?> Page(Page page)
    {
        var values = new Dictionary<string, object?>(page.FrontMatter.Raw, StringComparer.Ordinal)
        {
            ["title"] = page.Title,
            ["url"] = page.Url,
            ["id"] = page.Url.TrimEnd('/'),
            ["path"] = page.Source.Path,
            ["slug"] = page.Slug,
            ["categories"] = page.FrontMatter.Categories.ToArray(),
            ["tags"] = page.FrontMatter.Tags.ToArray(),
        };
        if (page.Date is { } date) values["date"] = date;
        if (page.FrontMatter.Summary is { } summary) values["excerpt"] = summary;
        return values;
    }
}
