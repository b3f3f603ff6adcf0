namespace Lemma.Incremental;

/// <summary>
/// What a query computes with: every value it reads comes through here and is recorded, so the store knows when
/// to compute it again. Safe to use from the threads of a parallel loop inside the query.
/// </summary>
public sealed class QueryContext
{
    private readonly QueryStore store;
    private readonly long revision;
    private readonly Lock gate = new();
    private List<Slot>? reads;
    // Stamped on each slot this context records, so a slot read twice is recorded once without a set of all the reads.
    private readonly long stamp;

    internal QueryContext(QueryStore store, long revision) => (this.store, this.revision, stamp) = (store, revision, store.NextStamp());

    /// <summary>Whether what is read is kept for a later build (<see cref="QueryStore.KeepsReads"/>): when not, a value read
    /// finer than its query (one member of a view) need not be a query of its own, for nothing will look at the finer read.</summary>
    public bool KeepsReads => store.KeepsReads;

    public TValue Get<TKey, TValue>(Query<TKey, TValue> query, TKey key) where TKey : notnull
    {
        var slot = store.Table(query).Slot(key);
        var value = slot.Read(store, revision);
        Record(slot);
        return value;
    }

    /// <summary>The values of <paramref name="query"/> at every key, asked for in parallel (one worker per core), in key order.</summary>
    public TValue[] GetEach<TKey, TValue>(Query<TKey, TValue> query, IReadOnlyList<TKey> keys) where TKey : notnull
    {
        var values = new TValue[keys.Count];
        // Unbounded, Parallel.For keeps taking the threads the pool injects while workers run long (over a hundred at
        // 10k pages on 2 cores), and pays for them in memory and GC.
        Parallel.For(0, keys.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => values[i] = Get(query, keys[i]));
        return values;
    }

    /// <summary>
    /// A value NOT recorded as read: only for a carrier whose every part the query reads through other queries (the
    /// <c>site</c> object of a template, whose members are each a query). Anything else read this way goes stale.
    /// </summary>
    public TValue Untracked<TKey, TValue>(Query<TKey, TValue> query, TKey key) where TKey : notnull
    {
        return store.Table(query).Slot(key).Read(store, revision);
    }

    /// <summary>An input's value (default when never set), recorded as read.</summary>
    public TValue? Get<TKey, TValue>(Input<TKey, TValue> input, TKey key) where TKey : notnull
    {
        var slot = store.Table(input).Slot(key);
        if (!store.KeepsReads) slot.Read = true;
        Record(slot);
        lock (slot) return slot.HasValue ? slot.Value : default;
    }

    private void Record(Slot slot)
    {
        if (!store.KeepsReads || store.Forgets?.Invoke(slot.Name) == true) return;
        lock (gate)
        {
            // Another context may stamp the slot between two reads of this one: the slot is then recorded twice, which
            // costs its readers a second look and nothing else.
            if (Interlocked.Exchange(ref slot.RecordedBy, stamp) == stamp) return;
            (reads ??= []).Add(slot);
        }
    }

    internal Slot[] Reads()
    {
        lock (gate) return reads is null ? [] : [.. reads];
    }
}
