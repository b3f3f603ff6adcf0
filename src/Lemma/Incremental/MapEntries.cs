namespace Lemma.Incremental;

/// <summary>
/// The entries of a map-valued query (key ""), read one key at a time. Had each reader read the whole map and picked its
/// entry, every one of them would look again whenever any entry changed: at 10,000 pages, 10,000 values rechecked for
/// one edit. Here the map is cut into buckets by the key's hash: a new map remakes the buckets, only a bucket whose
/// entries changed has its keys looked at, and only a changed entry reaches its readers.
/// </summary>
public sealed class MapEntries<TKey, TValue> where TKey : notnull
{
    // Enough that a bucket is small (a few hundred entries at 16,000 pages), few enough that remaking them is one pass.
    private const int BucketCount = 64;

    private readonly Query<string, Dictionary<TKey, TValue>[]> split;
    private readonly Query<int, Dictionary<TKey, TValue>> bucket;

    /// <summary>The value at a key of the map, or the <c>missing</c> value when the map has none.</summary>
    public Query<TKey, TValue?> Entry { get; }

    /// <param name="map">Compared by identity is enough: the buckets compare the entries.</param>
    /// <param name="equality">Whether two values of an entry are the same; default: the values' own Equals.</param>
    /// <param name="missing">The value of a key the map does not have.</param>
    public MapEntries(string name, Query<string, IReadOnlyDictionary<TKey, TValue>> map, IEqualityComparer<TValue>? equality = null, TValue? missing = default)
    {
        var values = equality ?? EqualityComparer<TValue>.Default;
        split = new($"{name} buckets", (q, _) =>
        {
            var buckets = new Dictionary<TKey, TValue>[BucketCount];
            for (var i = 0; i < BucketCount; i++) buckets[i] = [];
            foreach (var (key, value) in q.Get(map, "")) buckets[Of(key)][key] = value;
            return buckets;
        }, Equalities.Identity<Dictionary<TKey, TValue>[]>());
        bucket = new($"{name} bucket", (q, i) => q.Get(split, "")[i],
            EqualityComparer<Dictionary<TKey, TValue>>.Create(
                (a, b) => a!.Count == b!.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && values.Equals(kv.Value, v)), d => d.Count));
        Entry = new(name, (q, key) => q.Get(bucket, Of(key)).TryGetValue(key, out var value) ? value : missing,
            EqualityComparer<TValue?>.Create((a, b) => a is null ? b is null : b is not null && values.Equals(a, b), v => v is null ? 0 : values.GetHashCode(v)));
    }

    // The hash of a string key differs from one process to the next, but the store lives in one process.
    private static int Of(TKey key) => (EqualityComparer<TKey>.Default.GetHashCode(key) & int.MaxValue) % BucketCount;
}
