using System.Collections.Immutable;
using Lemma.Configuration;
using Lemma.Model;
using Lemma.Output.Views;

namespace Lemma.Output;

/// <summary>
/// Resolves the home page blocks of site.yaml, in order, each a query over the site:
/// featured, a category, research, data, recent updates, trending topics. A post shown by a block higher up is left
/// out of the blocks below it, so the page never shows one post twice.
/// </summary>
public static class HomeSections
{
    /// <param name="today">The build's day (UTC, at midnight): trending topics weigh posts by their age in days.</param>
    public static ViewList<HomeSectionView> Resolve(Site site, SiteUrls urls, DateTimeOffset today)
    {
        var now = today;
        var blocks = site.Config.Home.Length > 0 ? site.Config.Home : DefaultBlocks(site, urls);
        var shown = new HashSet<Page>(ReferenceEqualityComparer.Instance);
        return blocks.Select(b => new HomeSectionView(b.Kind, b.Title, Items(site, urls, now, b, shown), b.Settings)).ToArray();
    }

    /// <summary>How many categories get a stream of their own on a home page site.yaml does not lay out.</summary>
    public const int DefaultCategories = 3;

    /// <summary>
    /// Without a <c>home:</c> in site.yaml, the blocks the site's own content calls for, in the order a reader meets a
    /// writer: who they are, the featured posts, a stream for each of the most used categories, the research notes, the
    /// recommendations of <c>data/recommendations.yaml</c>, what changed lately, the topics in use, and how to follow.
    /// A block with nothing to show is left out.
    /// </summary>
    private static ImmutableArray<HomeSection> DefaultBlocks(Site site, SiteUrls urls)
    {
        static HomeSection Block(string kind, string title, params (string Key, object? Value)[] settings) =>
            new(kind, title, settings.ToImmutableDictionary(s => s.Key, s => s.Value));
        var blocks = ImmutableArray.CreateBuilder<HomeSection>();
        blocks.Add(Block("intro", ""));
        if (site.Posts.Any(p => p.FrontMatter.Featured)) blocks.Add(Block("featured", "Featured", ("limit", 3)));
        if (site.Taxonomies.FirstOrDefault(t => t.Name == "categories") is { } categories)
            foreach (var term in categories.Terms.Where(t => t.Pages.Length > 0).OrderByDescending(t => t.Pages.Length).ThenBy(t => t.Slug, StringComparer.Ordinal).Take(DefaultCategories))
                blocks.Add(Block("category", term.Name, ("category", term.Name), ("limit", 3), ("url", urls.Link(term.Url))));
        if (site.Posts.Any(p => p.Section == "research")) blocks.Add(Block("research", "Research notes", ("limit", 5)));
        if (site.Data.ContainsKey("recommendations")) blocks.Add(Block("data", "Recommendations", ("data", "recommendations")));
        blocks.Add(Block("recent", "Recent updates", ("limit", 6)));
        if (site.Taxonomies.Any(t => t.Name == "tags" && t.Terms.Length > 0)) blocks.Add(Block("trending", "Trending topics", ("limit", 12)));
        if (site.Config.Social.Length > 0 || site.Config.Author.Email.Length > 0 || site.Config.Newsletter.Enabled) blocks.Add(Block("connect", "Connect"));
        return blocks.ToImmutable();
    }

    private static ViewList<object> Items(Site site, SiteUrls urls, DateTimeOffset now, HomeSection block, HashSet<Page> shown)
    {
        var limit = Int(block.Settings, "limit") ?? 5;
        var posts = site.Posts.Where(p => !shown.Contains(p));
        // The posts a block shows, marked as shown for the blocks below.
        Page[] Shown(IEnumerable<Page> chosen)
        {
            var taken = chosen.Take(limit).ToArray();
            shown.UnionWith(taken);
            return taken;
        }
        return block.Kind switch
        {
            "featured" => Refs(Shown(posts.Where(p => p.FrontMatter.Featured))),
            "category" => Refs(Shown(posts.Where(p => InTerm(p, "categories", Str(block.Settings, "category"))))),
            "tag" => Refs(Shown(posts.Where(p => InTerm(p, "tags", Str(block.Settings, "tag"))))),
            "section" => Refs(Shown(posts.Where(p => p.Section == Str(block.Settings, "section")))),
            "research" => Refs(Shown(posts.Where(p => Strings(block.Settings, "sections", ["research"]).Contains(p.Section)))),
            "recent" => Recent(Shown(LatestChanged(posts, limit))),
            "trending" => Trending(site, urls, now, limit),
            "data" => Data(site, Str(block.Settings, "data")),
            _ => [],
        };
    }

    /// <summary>The <paramref name="limit"/> posts changed last, newest first (then by path), picked in one pass
    /// rather than by sorting every post: the home page is made again after every edit that moves a page.</summary>
    private static List<Page> LatestChanged(IEnumerable<Page> posts, int limit)
    {
        var latest = new List<Page>(limit + 1);
        if (limit <= 0) return latest;
        var order = Comparer<Page>.Create(static (a, b) =>
            b.LastChange.CompareTo(a.LastChange) is var c and not 0 ? c : string.CompareOrdinal(a.Source.Path, b.Source.Path));
        foreach (var post in posts)
        {
            if (latest.Count == limit && order.Compare(post, latest[^1]) >= 0) continue;
            var at = latest.BinarySearch(post, order);
            latest.Insert(at < 0 ? ~at : at, post);
            if (latest.Count > limit) latest.RemoveAt(limit);
        }
        return latest;
    }

    private static object[] Refs(IEnumerable<Page> pages) => [.. pages.Select(ViewFactory.Ref)];

    private static bool InTerm(Page page, string taxonomy, string? name) =>
        name is not null && page.Terms.GetValueOrDefault(taxonomy, []).Any(t => Slug.From(t) == Slug.From(name));

    /// <summary>Latest changes (<paramref name="posts"/> newest change first), from published and updated dates only.</summary>
    private static object[] Recent(IEnumerable<Page> posts) =>
        posts
            .Select(p =>
            {
                var updated = p.Updated is { } u && u > p.SortDate;
                return (object)(ViewFactory.Ref(p) with
                {
                    RecentKind = updated ? "updated" : "published",
                    RecentDate = ViewFactory.Iso(p.LastChange),
                });
            }).ToArray();

    /// <summary>
    /// Tags weighted by how often and how recently they were used: each post adds
    /// 0.5^(age in days / 180) to its tags, so a tag used a lot last month outranks one used a lot years ago.
    /// </summary>
    private static object[] Trending(Site site, SiteUrls urls, DateTimeOffset now, int limit)
    {
        if (site.Taxonomies.FirstOrDefault(t => t.Name == "tags") is not { } tags) return [];
        var latest = site.Posts.Select(p => p.SortDate).DefaultIfEmpty(now).Max();
        var reference = latest > now ? latest : now;
        var scored = tags.Terms.Select(term => (term, score: term.Pages.Sum(p =>
                System.Math.Pow(0.5, System.Math.Max(0, (reference - p.SortDate).TotalDays) / 180.0))))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score).ThenBy(x => x.term.Slug, StringComparer.Ordinal)
            .Take(limit).ToArray();
        if (scored.Length == 0) return [];
        var max = scored[0].score;
        return scored
            .Select(x => (object)new TrendingTag(x.term.Name, urls.Link(x.term.Url), x.term.Pages.Length,
                1 + (int)System.Math.Round(4 * x.score / max)))
            .ToArray();
    }

    private static object[] Data(Site site, string? name) =>
        name is not null && site.Data.TryGetValue(name, out var value) && value is System.Collections.IEnumerable list and not string
            ? list.Cast<object>().ToArray()
            : [];

    private static string? Str(IReadOnlyDictionary<string, object?> s, string key) => s.GetValueOrDefault(key)?.ToString();

    private static int? Int(IReadOnlyDictionary<string, object?> s, string key) =>
        s.GetValueOrDefault(key) switch { int i => i, long l => (int)l, string t when int.TryParse(t, out var n) => n, _ => null };

    private static HashSet<string> Strings(IReadOnlyDictionary<string, object?> s, string key, string[] fallback) =>
        s.GetValueOrDefault(key) switch
        {
            string one => [one],
            System.Collections.IEnumerable many => many.Cast<object?>().Select(o => o?.ToString() ?? "").ToHashSet(),
            _ => [.. fallback],
        };
}
