using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Lemma.Model;

/// <summary>
/// Related posts: pages that share rare tags score most, then pages whose titles and summaries share
/// rare words (a TF-IDF style overlap). An inverted index keeps this near-linear at 10k pages.
/// </summary>
public static class RelatedPages
{
    private const double TagWeight = 2.0;

    /// <summary>How many related posts a page shows.</summary>
    public const int PerPage = 4;

    /// <summary>
    /// The post count weights are worked out from: the count rounded down to its top three binary digits (10,000 counts
    /// as 8,192). The weights then change four times each time the site doubles, not with every new or deleted post, so
    /// the other posts need not look for their related posts again.
    /// </summary>
    public static int WeighedCount(int postCount)
    {
        if (postCount < 8) return postCount;
        var shift = System.Numerics.BitOperations.Log2((uint)postCount) - 2;
        return postCount >> shift << shift;
    }

    /// <summary>
    /// The posts most related to the post at <paramref name="path"/>, given its features and each feature's posts among
    /// <paramref name="postCount"/> (<see cref="WeighedCount"/>): a feature weighs log(1 + posts / its posts), twice for a tag.
    /// </summary>
    public static ImmutableArray<string> For(string path, IReadOnlySet<string> features, Func<string, ImmutableArray<string>> posting, int postCount, int maxPerPage)
    {
        // A feature shared by more than one page in twenty says little and costs a pass over all its pages:
        // skipping those keeps the work per page bounded as the site grows (it was quadratic at 10k posts).
        var commonAt = System.Math.Max(50, postCount / 20);
        var lists = new List<(ImmutableArray<string> Posts, double Weight)>(features.Count);
        foreach (var f in features)
        {
            var list = posting(f);
            if (list.Length > commonAt || list.Length < 2) continue;
            lists.Add((list, System.Math.Log(1.0 + postCount / (double)list.Length) * (f.StartsWith('#') ? TagWeight : 1.0)));
        }
        // One look-up per post of each list (a tag's posts after a new post: hundreds of posts look again).
        var scores = new Dictionary<string, double>(lists.Sum(l => l.Posts.Length), StringComparer.Ordinal);
        foreach (var (list, w) in lists)
            foreach (var other in list)
                if (other != path) CollectionsMarshal.GetValueRefOrAddDefault(scores, other, out _) += w;
        return Best(scores, maxPerPage);
    }

    /// <summary>The <paramref name="count"/> highest scores, ties by path: a pass that keeps the best few, since sorting
    /// every scored post (thousands at 10k) for four of them was most of the work.</summary>
    private static ImmutableArray<string> Best(Dictionary<string, double> scores, int count)
    {
        if (count <= 0) return [];
        var best = new List<KeyValuePair<string, double>>(count + 1);
        foreach (var entry in scores)
        {
            if (best.Count == count && !Before(entry, best[^1])) continue;
            var at = best.Count;
            while (at > 0 && Before(entry, best[at - 1])) at--;
            best.Insert(at, entry);
            if (best.Count > count) best.RemoveAt(count);
        }
        return [.. best.Select(kv => kv.Key)];
    }

    private static bool Before(KeyValuePair<string, double> a, KeyValuePair<string, double> b) =>
        a.Value > b.Value || (a.Value == b.Value && string.CompareOrdinal(a.Key, b.Key) < 0);

    /// <summary>What relates a post to others: its tags (#slug) and the longer words of its title and summary.</summary>
    public static HashSet<string> Features(Page page)
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
