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

    public static IReadOnlyDictionary<string, ImmutableArray<Page>> Find(ImmutableArray<Page> pages, int maxPerPage)
    {
        var posts = pages.Where(p => p.Kind == PageKind.Post).ToArray();
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
