using System.Collections.Immutable;

namespace Lemma.Incremental;

/// <summary>
/// The items that have each feature (a tag's posts), in the items' order, made from runs of the items. Made whole, the
/// index is a pass over every item's features (some 150,000 at 10,000 posts) after any edit of one. Here each run's
/// part is a value of its own, cut into buckets by the feature's hash, and a bucket of the whole index gathers its
/// bucket of every run: an edit remakes its run's part, then only the buckets of the features it added or removed, and
/// only a feature whose items changed reaches what read it.
/// </summary>
public sealed class InvertedIndex
{
    // As in MapEntries: small buckets, few enough that a run's part is one pass.
    private const int BucketCount = 64;

    private readonly Query<string, Dictionary<string, List<string>>[]> runPart;
    private readonly Query<(string Run, int Bucket), Dictionary<string, ImmutableArray<string>>> runBucket;
    private readonly Query<int, Dictionary<string, ImmutableArray<string>>> bucket;

    /// <summary>The items that have a feature, in the items' order; empty for a feature none has.</summary>
    public Query<string, ImmutableArray<string>> Entry { get; }

    /// <param name="items">The items in runs, in the order each feature lists them.</param>
    /// <param name="featuresOf">An item's features, read through the context; each once.</param>
    public InvertedIndex(string name, KeyRuns<string> items, Func<QueryContext, string, IEnumerable<string>> featuresOf)
    {
        runPart = new($"{name} run", (q, start) =>
        {
            var buckets = new Dictionary<string, List<string>>[BucketCount];
            for (var i = 0; i < BucketCount; i++) buckets[i] = new(StringComparer.Ordinal);
            foreach (var item in q.Get(items.Run, start))
                foreach (var feature in featuresOf(q, item))
                {
                    var b = buckets[Of(feature)];
                    if (!b.TryGetValue(feature, out var list)) b[feature] = list = [];
                    list.Add(item);
                }
            return buckets;
        }, Equalities.Identity<Dictionary<string, List<string>>[]>());
        runBucket = new($"{name} run bucket", (q, at) =>
            q.Get(runPart, at.Run)[at.Bucket].ToDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal),
            EqualityComparer<Dictionary<string, ImmutableArray<string>>>.Create(SameEntries, d => d.Count));
        bucket = new($"{name} bucket", (q, b) =>
        {
            var merged = new Dictionary<string, ImmutableArray<string>.Builder>(StringComparer.Ordinal);
            foreach (var start in q.Get(items.Starts, ""))
                foreach (var (feature, list) in q.Get(runBucket, (start, b)))
                {
                    if (!merged.TryGetValue(feature, out var all)) merged[feature] = all = ImmutableArray.CreateBuilder<string>(list.Length);
                    all.AddRange(list);
                }
            return merged.ToDictionary(kv => kv.Key, kv => kv.Value.DrainToImmutable(), StringComparer.Ordinal);
        }, Equalities.Identity<Dictionary<string, ImmutableArray<string>>>());
        Entry = new(name, (q, feature) => q.Get(bucket, Of(feature)).GetValueOrDefault(feature, []), Equalities.Sequence<string>());
    }

    private static bool SameEntries(Dictionary<string, ImmutableArray<string>>? a, Dictionary<string, ImmutableArray<string>>? b) =>
        a!.Count == b!.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v.SequenceEqual(kv.Value));

    // The hash of a string differs from one process to the next, but the store lives in one process.
    private static int Of(string feature) => (feature.GetHashCode() & int.MaxValue) % BucketCount;
}
