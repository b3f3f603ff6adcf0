using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Lemma.Model;

/// <summary>
/// Related posts: pages that share rare tags score most, then pages whose titles and summaries share
/// rare words (a TF-IDF style overlap). An inverted index keeps this near-linear at 10k pages.
/// </summary>
public static class RelatedPages
{
    private const double TagWeight = 2.0;

    /// <param name="previous">The last build's site: when the posts are the same, in the same order, with the same
    /// titles, summaries and tags, its answer stands (with edited pages' new objects put in).</param>
    public static IReadOnlyDictionary<string, ImmutableArray<Page>> Find(ImmutableArray<Page> pages, int maxPerPage, Site? previous = null)
    {
        var posts = pages.Where(p => p.Kind == PageKind.Post).ToArray();
        if (previous is not null && Reusable(posts, previous, out var replaced))
            return replaced.Count == 0 ? previous.Related : Remap(previous.Related, replaced);
        var features = posts.Select(Features).ToArray();
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Length; i++)
            foreach (var f in features[i])
            {
                if (!index.TryGetValue(f, out var list)) index[f] = list = [];
                list.Add(i);
            }
        var weight = index.ToDictionary(kv => kv.Key,
            kv => System.Math.Log(1.0 + posts.Length / (double)kv.Value.Count) * (kv.Key.StartsWith('#') ? TagWeight : 1.0));

        // A feature shared by more than one page in twenty says little and costs a pass over all its pages:
        // skipping those keeps the work per page bounded as the site grows (it was quadratic at 10k posts).
        var commonAt = System.Math.Max(50, posts.Length / 20);
        var result = new KeyValuePair<string, ImmutableArray<Page>>[posts.Length];
        Parallel.For(0, posts.Length, () => new Dictionary<int, double>(), (i, _, scores) =>
        {
            scores.Clear();
            foreach (var f in features[i])
            {
                var list = index[f];
                if (list.Count > commonAt || list.Count < 2) continue;
                var w = weight[f];
                foreach (var j in list)
                    if (j != i) scores[j] = scores.GetValueOrDefault(j) + w;
            }
            var best = scores
                .OrderByDescending(kv => kv.Value).ThenBy(kv => posts[kv.Key].Source.Path, StringComparer.Ordinal)
                .Take(maxPerPage).Select(kv => posts[kv.Key]).ToImmutableArray();
            result[i] = new(posts[i].Source.Path, best);
            return scores;
        }, _ => { });
        return result.ToDictionary(StringComparer.Ordinal);
    }

    /// <param name="replaced">Edited posts: the last build's object and this build's.</param>
    private static bool Reusable(Page[] posts, Site previous, out Dictionary<Page, Page> replaced)
    {
        replaced = new Dictionary<Page, Page>(ReferenceEqualityComparer.Instance);
        var before = previous.Posts.ToArray();
        if (before.Length != posts.Length) return false;
        for (var i = 0; i < posts.Length; i++)
        {
            if (ReferenceEquals(posts[i], before[i])) continue;
            if (posts[i].Source.Path != before[i].Source.Path || !Features(posts[i]).SetEquals(Features(before[i]))) return false;
            replaced[before[i]] = posts[i];
        }
        return true;
    }

    /// <summary>The same related lists with replaced pages' new objects put in.</summary>
    internal static Dictionary<string, ImmutableArray<Page>> Remap(
        IReadOnlyDictionary<string, ImmutableArray<Page>> related, Dictionary<Page, Page> replaced)
    {
        // Copying a dictionary with the same comparer copies its table without hashing again.
        var result = related is Dictionary<string, ImmutableArray<Page>> table
            ? new Dictionary<string, ImmutableArray<Page>>(table, StringComparer.Ordinal)
            : related.ToDictionary(StringComparer.Ordinal);
        var old = replaced.Keys.ToArray();
        foreach (var (path, list) in related)
        {
            var stale = false;
            // Usually one page was edited: comparing references beats hashing each of the 40,000 entries.
            foreach (var p in list)
                foreach (var o in old) stale |= ReferenceEquals(p, o);
            if (stale) result[path] = [.. list.Select(p => replaced.GetValueOrDefault(p, p))];
        }
        return result;
    }

    private static HashSet<string> Features(Page page)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in page.Terms.GetValueOrDefault("tags", [])) set.Add("#" + Slug.From(tag));
        AddWords(set, page.Title);
        AddWords(set, page.FrontMatter.Summary ?? page.FrontMatter.Description ?? "");
        return set;
    }

    private static void AddWords(HashSet<string> set, string text)
    {
        foreach (var word in text.Split([' ', ',', '.', ':', ';', '(', ')', '"', '\'', '?', '!', '/'], StringSplitOptions.RemoveEmptyEntries))
            if (word.Length > 3 && !StopWords.Contains(word)) set.Add(word.ToLowerInvariant());
    }

    private static readonly FrozenSet<string> StopWords = (
        "about after also because been before being between both could does doing during each from have having here into itself just more most only other over same should some such than that their them then there these they this those through under until very what when where which while with would your").Split(' ').ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
