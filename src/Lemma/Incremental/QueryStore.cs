using System.Collections.Concurrent;

namespace Lemma.Incremental;

/// <summary>
/// The memo of every query's last value, with the reads it made: what a build lends the next. Asking for a value
/// reuses the last one when none of its reads changed since, recomputes it otherwise, and when the recomputed value
/// equals the last, keeps the last as it was ("backdated"), so nothing that read it runs again. A full build is the
/// same code with an empty store.
/// </summary>
/// <remarks>
/// Each input and value carries the revision it last changed at, and each value the revision it was last checked at.
/// Setting an input to a new value starts a revision. Inputs are set between builds, never during one; values may be
/// asked for from many threads at once (each slot computes once, under its own lock; reads form no cycles).
/// <para>
/// Checking a value means checking everything it read, down to the inputs: at 10,000 pages, a walk of the whole graph.
/// <see cref="Propagate"/> spares it: each value also knows who read it and its height (one more than the highest of
/// its reads), and a changed value marks its readers. Taken lowest first, the marked values are brought up to date,
/// marking theirs in turn only when they changed; afterwards every value no change marked is known to be up to date
/// without a look at its reads. Without a propagation, or for a value whose height is out of date, the walk is the
/// fallback, so the marks only make a build faster, never different.
/// </para>
/// </remarks>
public sealed class QueryStore
{
    private readonly ConcurrentDictionary<object, ITable> tables = new(ReferenceEqualityComparer.Instance);
    private long revision = 1;
    private readonly Lock marksGate = new();
    private readonly SortedDictionary<int, List<Slot>> marked = [];
    // The slots of watched queries that changes marked since TakeMarked last asked (guarded by marksGate).
    private readonly HashSet<Slot> markedSinceTaken = new(ReferenceEqualityComparer.Instance);
    // The revision whose propagation finished, and, while one runs, its revision and the height it has reached.
    private long settled;
    private long propagating;
    private volatile int level;

    private long stamps;

    /// <summary>A number no other <see cref="QueryContext"/> of this store has.</summary>
    internal long NextStamp() => Interlocked.Increment(ref stamps);

    /// <summary>The revision values are checked at: it moves when an input changes.</summary>
    public long Revision => Interlocked.Read(ref revision);

    /// <summary>How many values of each query were computed, and reused as they were, over the store's life.</summary>
    public QueryCounts Counts => new(tables.Values.OfType<ICounted>().GroupBy(t => t.Name)
        .ToDictionary(g => g.Key, g => (g.Sum(t => t.Computed), g.Sum(t => t.Reused), g.Sum(t => t.Ticks))));

    /// <summary>For tests of the tests: reads of the queries this names are not recorded, so a value that depends on
    /// them goes stale. A build is then wrong, and the incremental property test must notice.</summary>
    internal Func<string, bool>? Forgets { get; init; }

    /// <summary>
    /// False for a store that serves one build only (`lemma build`): values then keep no record of what they read or of
    /// who read them, which only a later build would look at. The values are the same either way; an input a value has
    /// read cannot be set again (a later build would not see it).
    /// </summary>
    public bool KeepsReads { get; init; } = true;

    /// <summary>When set, counts why values were recomputed ("render page <- view"): for finding what an edit reaches.</summary>
    public ConcurrentDictionary<string, int>? Explain { get; set; }

    public void Set<TKey, TValue>(Input<TKey, TValue> input, TKey key, TValue value) where TKey : notnull
    {
        var slot = Table(input).Slot(key);
        lock (slot)
        {
            if (slot.HasValue && input.Equality.Equals(slot.Value, value)) return;
            if (!KeepsReads && slot.Read) throw new InvalidOperationException($"{input.Name} was read already: a store that keeps no reads cannot take its change");
            slot.Value = value;
            slot.HasValue = true;
            slot.ChangedAt = Interlocked.Increment(ref revision);
        }
        Mark(slot, Revision);
    }

    /// <summary>
    /// Brings every value an input change reached up to date, lowest first, so that asking for any other value afterwards
    /// costs no walk of its reads. A build calls it once its inputs are set; without it, values are checked as asked for.
    /// </summary>
    public void Propagate()
    {
        var now = Revision;
        if (Interlocked.Read(ref settled) == now) return;
        Interlocked.Exchange(ref propagating, now);
        while (true)
        {
            List<Slot> slots;
            lock (marksGate)
            {
                if (marked.Count == 0) break;
                var lowest = marked.First();
                marked.Remove(lowest.Key);
                level = lowest.Key;
                slots = lowest.Value;
            }
            // A value that can no longer be computed (a deleted page's) is forgotten: whoever asks again computes it.
            // A value nothing reads is left marked: it is checked when asked for (a page a preview renders on request).
            void Bring(Slot slot)
            {
                if (!slot.HasReaders) return;
                try { slot.Refresh(this, now); }
                catch (Exception e) when (e is not OutOfMemoryException) { slot.Forget(this, now); }
            }
            if (slots.Count < 64) foreach (var slot in slots) Bring(slot);
            else Parallel.ForEach(slots, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Bring);
        }
        Interlocked.Exchange(ref propagating, 0);
        Interlocked.Exchange(ref settled, now);
    }

    /// <summary>From now on, keeps the keys of <paramref name="query"/>'s values that changes mark, for <see cref="TakeMarked"/>:
    /// for a caller that keeps those values itself (the pages `serve` holds) and need only look again at the marked ones.</summary>
    public void Watch<TKey, TValue>(Query<TKey, TValue> query) where TKey : notnull => Table(query).Watched = true;

    /// <summary>The keys of <paramref name="query"/>'s values that changes marked since the last call (or since
    /// <see cref="Watch"/>). A value not among them and not dropped is as it was when last computed or checked.</summary>
    public IReadOnlySet<TKey> TakeMarked<TKey, TValue>(Query<TKey, TValue> query) where TKey : notnull
    {
        var table = Table(query);
        var keys = new HashSet<TKey>();
        lock (marksGate)
        {
            foreach (var slot in markedSinceTaken)
                if (slot is DerivedSlot<TKey, TValue> derived && derived.In(table)) keys.Add(derived.Key);
            markedSinceTaken.RemoveWhere(slot => slot is DerivedSlot<TKey, TValue> derived && derived.In(table));
        }
        return keys;
    }

    /// <summary>True when a value of this height that no change marked is up to date at <paramref name="at"/>.</summary>
    internal bool Settled(int height, long at) =>
        Interlocked.Read(ref settled) == at || (Interlocked.Read(ref propagating) == at && height < level);

    /// <summary>Marks the readers of <paramref name="slot"/>, which changed at <paramref name="at"/>.</summary>
    internal void Mark(Slot slot, long at)
    {
        foreach (var reader in slot.Readers())
        {
            if (Interlocked.Exchange(ref reader.MarkedAt, at) == at) continue;
            lock (marksGate)
            {
                if (!marked.TryGetValue(reader.Height, out var list)) marked[reader.Height] = list = [];
                list.Add(reader);
                if (reader.Watched) markedSinceTaken.Add(reader);
            }
        }
    }

    /// <summary>An input's value, or default when it was never set; not recorded (use <see cref="QueryContext.Get{TKey,TValue}(Input{TKey,TValue},TKey)"/> in a query).</summary>
    public TValue? Peek<TKey, TValue>(Input<TKey, TValue> input, TKey key) where TKey : notnull =>
        Table(input).Find(key) is { HasValue: true } slot ? slot.Value : default;

    /// <summary>Every key of <paramref name="input"/> that was set or read.</summary>
    public IEnumerable<TKey> Keys<TKey, TValue>(Input<TKey, TValue> input) where TKey : notnull => Table(input).Keys;

    /// <summary>The value a query had when last computed, without checking it: for deciding what an outside change means.</summary>
    public bool TryPeek<TKey, TValue>(Query<TKey, TValue> query, TKey key, out TValue value) where TKey : notnull
    {
        if (Table(query).Find(key) is { HasValue: true, Dropped: false } slot)
        {
            value = slot.Value!;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>A query's value when it is known to be up to date at this revision without computing or checking
    /// anything: false for a value never made, dropped, or marked by a change since it was last checked.</summary>
    public bool TryCurrent<TKey, TValue>(Query<TKey, TValue> query, TKey key, out TValue value) where TKey : notnull
    {
        if (Table(query).Find(key) is { } slot && slot.TryCurrent(this, Revision, out value)) return true;
        value = default!;
        return false;
    }

    /// <summary>A query's value now: reused, or computed with everything it reads.</summary>
    public TValue Get<TKey, TValue>(Query<TKey, TValue> query, TKey key) where TKey : notnull =>
        Table(query).Slot(key).Read(this, Revision);

    /// <summary>
    /// The values at <paramref name="keys"/> made in parallel (one worker per core) and kept, for a caller that knows a
    /// query will soon ask for them one at a time. Asked of the store, not read by a query: what each query reads stays
    /// as it was.
    /// </summary>
    public void Prefetch<TKey, TValue>(Query<TKey, TValue> query, IReadOnlyList<TKey> keys) where TKey : notnull =>
        Parallel.For(0, keys.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => Get(query, keys[i]));

    /// <summary>
    /// Lets go of every value of <paramref name="query"/> while keeping what each read and when it changed: asked for
    /// again with its reads unchanged, a value is computed again and taken as the same, so nothing that read it runs
    /// again. For values large to hold and cheap to make again (a file's text). Call it only while no value of the
    /// query is being read (between a build's stages).
    /// </summary>
    public void Drop<TKey, TValue>(Query<TKey, TValue> query) where TKey : notnull => Table(query).Drop();

    internal DerivedTable<TKey, TValue> Table<TKey, TValue>(Query<TKey, TValue> query) where TKey : notnull =>
        (DerivedTable<TKey, TValue>)tables.GetOrAdd(query, static q => new DerivedTable<TKey, TValue>((Query<TKey, TValue>)q));

    internal InputTable<TKey, TValue> Table<TKey, TValue>(Input<TKey, TValue> input) where TKey : notnull =>
        (InputTable<TKey, TValue>)tables.GetOrAdd(input, static i => new InputTable<TKey, TValue>(((Input<TKey, TValue>)i).Name));

    internal interface ITable;

    internal interface ICounted
    {
        string Name { get; }
        long Computed { get; }
        long Reused { get; }
        long Ticks { get; }
    }

    internal sealed class InputTable<TKey, TValue>(string name) : ITable where TKey : notnull
    {
        private readonly ConcurrentDictionary<TKey, InputSlot<TValue>> slots = new();
        public InputSlot<TValue> Slot(TKey key) => slots.TryGetValue(key, out var slot) ? slot : slots.GetOrAdd(key, static (_, n) => new InputSlot<TValue>(n), name);
        public InputSlot<TValue>? Find(TKey key) => slots.GetValueOrDefault(key);
        public IEnumerable<TKey> Keys => slots.Keys;
    }

    internal sealed class DerivedTable<TKey, TValue>(Query<TKey, TValue> query) : ITable, ICounted where TKey : notnull
    {
        // Counted here rather than in a shared map: every thread of a build counts, and a shared map would be their lock.
        private long computed;
        private long reused;
        public string Name => query.Name;
        public Query<TKey, TValue> Query => query;
        public long Computed => Interlocked.Read(ref computed);
        public long Reused => Interlocked.Read(ref reused);
        public long Ticks => Interlocked.Read(ref ticks);
        private long ticks;
        /// <summary>Whether its marked slots are kept for <see cref="QueryStore.TakeMarked"/>.</summary>
        public volatile bool Watched;
        public void AddComputed(long elapsed) { Interlocked.Increment(ref computed); Interlocked.Add(ref ticks, elapsed); }
        public void AddReused() => Interlocked.Increment(ref reused);

        private readonly ConcurrentDictionary<TKey, DerivedSlot<TKey, TValue>> slots = new();
        public DerivedSlot<TKey, TValue> Slot(TKey key) => slots.TryGetValue(key, out var slot) ? slot : slots.GetOrAdd(key, static (k, t) => new DerivedSlot<TKey, TValue>(t, k), this);
        public DerivedSlot<TKey, TValue>? Find(TKey key) => slots.GetValueOrDefault(key);

        // Once the table has been dropped, the values made since are kept here, so that the next drop lets go of those
        // alone rather than looking at every slot (a file's text: ten thousand slots, after every edit).
        private ConcurrentQueue<DerivedSlot<TKey, TValue>>? madeSinceDrop;

        public void Made(DerivedSlot<TKey, TValue> slot) => Volatile.Read(ref madeSinceDrop)?.Enqueue(slot);

        public void Drop()
        {
            if (Volatile.Read(ref madeSinceDrop) is { } made)
                while (made.TryDequeue(out var slot)) slot.Drop();
            else
            {
                Volatile.Write(ref madeSinceDrop, new());
                foreach (var slot in slots.Values) slot.Drop();
            }
        }
    }
}

/// <summary>Computed and reused values per query name, at one moment.</summary>
public sealed class QueryCounts(IReadOnlyDictionary<string, (long Computed, long Reused, long Ticks)> counts)
{
    public IEnumerable<string> Names => counts.Keys;
    /// <summary>Time spent computing the query's values, including the values they asked for that were not yet up to date.</summary>
    public TimeSpan Time(string query) => System.Diagnostics.Stopwatch.GetElapsedTime(0, counts.GetValueOrDefault(query).Ticks);
    public long Computed(string query) => counts.GetValueOrDefault(query).Computed;
    public long Reused(string query) => counts.GetValueOrDefault(query).Reused;
}

/// <summary>One memoized value, input or derived, with the revision it last changed at and the values that read it.</summary>
internal abstract class Slot
{
    public long ChangedAt;
    /// <summary>The revision at which a changed read marked it (see <see cref="QueryStore.Propagate"/>).</summary>
    public long MarkedAt;
    /// <summary>The stamp of the <see cref="QueryContext"/> that last recorded a read of it.</summary>
    public long RecordedBy;
    /// <summary>0 for an input, else one more than its highest read's.</summary>
    public volatile int Height;
    // The readers are guarded by the slot's own monitor: a Lock object per slot would be 40 bytes more on each of the
    // hundreds of thousands of values a 10,000-post site has.
    private List<Slot>? readers;
    private HashSet<Slot>? readerSet;

    public abstract string Name { get; }

    /// <summary>Brings the value up to <paramref name="revision"/>: checked, or computed again.</summary>
    public abstract void Refresh(QueryStore store, long revision);

    /// <summary>Drops the value (it could not be computed), as a change its readers must see.</summary>
    public virtual void Forget(QueryStore store, long revision) { }

    /// <summary>Whether marks of this slot are kept for <see cref="QueryStore.TakeMarked"/>.</summary>
    public virtual bool Watched => false;

    public void AddReader(Slot reader)
    {
        lock (this)
        {
            // Most values have a reader or two; the site's title has every page.
            if (readerSet is not null) readerSet.Add(reader);
            else if (!(readers ??= []).Contains(reader))
            {
                readers.Add(reader);
                if (readers.Count > 16) (readerSet, readers) = (new HashSet<Slot>(readers, ReferenceEqualityComparer.Instance), null);
            }
        }
    }

    /// <summary>Read without the lock (once for each marked value of a propagation): a reader added meanwhile may be
    /// missed, which leaves the value marked, to be checked when asked for.</summary>
    public bool HasReaders => Volatile.Read(ref readerSet) is not null || Volatile.Read(ref readers) is { Count: > 0 };

    public Slot[] Readers()
    {
        lock (this) return readerSet is not null ? [.. readerSet] : readers is null ? [] : [.. readers];
    }

    /// <summary>Raises the height of the readers above <paramref name="slot"/>'s, and theirs, so heights stay ordered.</summary>
    public static void Lift(Slot slot)
    {
        var stack = new Stack<Slot>([slot]);
        while (stack.TryPop(out var lifted))
            foreach (var reader in lifted.Readers())
                if (reader.Height <= lifted.Height)
                {
                    reader.Height = lifted.Height + 1;
                    stack.Push(reader);
                }
    }
}

internal sealed class InputSlot<TValue>(string name) : Slot
{
    public TValue? Value;
    public bool HasValue;
    /// <summary>A value read it (kept only by a store that keeps no reads, to refuse a later change).</summary>
    public volatile bool Read;
    public override string Name => name;
    public override void Refresh(QueryStore store, long revision) { }
}

internal sealed class DerivedSlot<TKey, TValue>(QueryStore.DerivedTable<TKey, TValue> table, TKey key) : Slot where TKey : notnull
{
    public TKey Key => key;

    public bool In(QueryStore.DerivedTable<TKey, TValue> of) => ReferenceEquals(table, of);

    public override bool Watched => table.Watched;

    private readonly Lock gate = new();
    private Slot[] reads = [];
    public TValue? Value;
    public bool HasValue;
    /// <summary>The value was let go (<see cref="QueryStore.Drop"/>): <see cref="HasValue"/> still says one was made.</summary>
    public bool Dropped;
    public long VerifiedAt;

    public override string Name => table.Name;

    /// <summary>The value at <paramref name="revision"/>, made again if it was dropped.</summary>
    public TValue Read(QueryStore store, long revision)
    {
        Refresh(store, revision);
        if (!Dropped) return Value!;
        lock (gate)
        {
            if (!Dropped) return Value!;
            // Its reads are unchanged (Refresh just said so): the value made again is the one that was dropped.
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Value = table.Query.Compute(new QueryContext(store, revision), key);
            table.AddComputed(System.Diagnostics.Stopwatch.GetTimestamp() - started);
            Dropped = false;
            table.Made(this);
            return Value;
        }
    }

    public bool TryCurrent(QueryStore store, long revision, out TValue value)
    {
        lock (gate)
        {
            value = Value!;
            return HasValue && !Dropped && (VerifiedAt == revision || (MarkedAt <= VerifiedAt && store.Settled(Height, revision)));
        }
    }

    public void Drop()
    {
        lock (gate)
        {
            if (!HasValue) return;
            Value = default;
            Dropped = true;
        }
    }

    public override void Refresh(QueryStore store, long revision)
    {
        if (Volatile.Read(ref VerifiedAt) == revision || Unmarked(store, revision)) return;
        lock (gate)
        {
            if (VerifiedAt == revision || Unmarked(store, revision)) return;
            if (HasValue && ReadsUnchanged(store, revision))
            {
                Volatile.Write(ref VerifiedAt, revision);
                table.AddReused();
                return;
            }
            var context = new QueryContext(store, revision);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var value = table.Query.Compute(context, key);
            table.AddComputed(System.Diagnostics.Stopwatch.GetTimestamp() - started);
            // A dropped value is compared as a changed one: it cannot be looked at.
            var changed = !HasValue || Dropped || !table.Query.Equality.Equals(Value!, value);
            if (changed)
            {
                Value = value;
                HasValue = true;
                Dropped = false;
                ChangedAt = revision;
                table.Made(this);
            }
            reads = context.Reads();
            if (store.KeepsReads)
            {
                var height = 1;
                foreach (var read in reads)
                {
                    read.AddReader(this);
                    height = System.Math.Max(height, read.Height + 1);
                }
                if (height > Height)
                {
                    Height = height;
                    Lift(this);
                }
            }
            Volatile.Write(ref VerifiedAt, revision);
            if (changed) store.Mark(this, revision);
        }
    }

    // A value no change marked since it was last checked is up to date once the changes below it have propagated.
    private bool Unmarked(QueryStore store, long revision)
    {
        if (!HasValue || Volatile.Read(ref MarkedAt) > Volatile.Read(ref VerifiedAt) || !store.Settled(Height, revision)) return false;
        Volatile.Write(ref VerifiedAt, revision);
        table.AddReused();
        return true;
    }

    public override void Forget(QueryStore store, long revision)
    {
        lock (gate)
        {
            HasValue = false;
            Dropped = false;
            Value = default;
            ChangedAt = revision;
            VerifiedAt = 0;
        }
        store.Mark(this, revision);
    }

    // Each read is brought up to date first: a value it read may itself have been recomputed to an equal one.
    private bool ReadsUnchanged(QueryStore store, long revision)
    {
        foreach (var read in reads)
        {
            read.Refresh(store, revision);
            if (read.ChangedAt <= VerifiedAt) continue;
            store.Explain?.AddOrUpdate($"{table.Name} <- {read.Name}", 1, static (_, n) => n + 1);
            return false;
        }
        return true;
    }
}
