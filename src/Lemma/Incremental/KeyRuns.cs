using System.Collections.Immutable;

namespace Lemma.Incremental;

/// <summary>
/// A long list (every content file, every page in file order, every sitemap entry) cut into runs that queries take one
/// at a time, so that an edit makes again the run it falls in and not the whole list. The cuts are made where the keys
/// say, not every so many items: cut by position, a post created or deleted near the top would shift every run after it
/// and all of them would be made again. Here a run ends before a key whose hash is a multiple of the run size (as
/// rsync and backup tools cut files by content), so an item that comes or goes changes its own run only. A run is named
/// by its first key.
/// </summary>
/// <remarks>Keys should be unique within the list; a repeated key never starts a second run (the run goes on past it).</remarks>
public sealed class KeyRuns<T>
{
    private readonly Query<string, Split> split;

    /// <summary>The first key of each run, in list order (key ""): the same unless a cut key came or went.</summary>
    public Query<string, ImmutableArray<string>> Starts { get; }

    /// <summary>The items of the run that starts at a key (empty when no run starts there), compared item by item.</summary>
    public Query<string, ImmutableArray<T>> Run { get; }

    /// <param name="items">The list, read through the context (the query that makes it).</param>
    /// <param name="size">The mean run length. A run is also cut after four times as many items, so none grows without bound.</param>
    public KeyRuns(string name, Func<QueryContext, IReadOnlyList<T>> items, Func<T, string> keyOf, IEqualityComparer<T>? equality = null, int size = 256)
    {
        split = new($"{name} runs", (q, _) => Cut(items(q), keyOf, size), Equalities.Identity<Split>());
        Starts = new($"{name} run starts", (q, _) => q.Get(split, "").Starts, Equalities.Sequence<string>());
        var same = equality ?? EqualityComparer<T>.Default;
        Run = new($"{name} run items", (q, start) => q.Get(split, "").Runs.GetValueOrDefault(start, []),
            EqualityComparer<ImmutableArray<T>>.Create((a, b) => a.AsSpan().SequenceEqual(b.AsSpan(), same), a => a.Length));
    }

    private sealed record Split(ImmutableArray<string> Starts, Dictionary<string, ImmutableArray<T>> Runs);

    private static Split Cut(IReadOnlyList<T> items, Func<T, string> keyOf, int size)
    {
        var starts = ImmutableArray.CreateBuilder<string>();
        var runs = new Dictionary<string, ImmutableArray<T>>(StringComparer.Ordinal);
        // Each run copied once, at its size, when the next begins.
        var (first, start) = (0, (string?)null);
        for (var i = 0; i < items.Count; i++)
        {
            var key = keyOf(items[i]);
            if (start is not null && !((IsCut(key, size) || i - first >= 4 * size) && !runs.ContainsKey(key) && key != start)) continue;
            if (start is not null) runs[start] = Slice(items, first, i);
            starts.Add(start = key);
            first = i;
        }
        if (start is not null) runs[start] = Slice(items, first, items.Count);
        return new Split(starts.ToImmutable(), runs);
    }

    private static ImmutableArray<T> Slice(IReadOnlyList<T> items, int from, int to)
    {
        var run = new T[to - from];
        for (var i = from; i < to; i++) run[i - from] = items[i];
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(run);
    }

    // FNV-1a: the same cuts in every process, so a run's bounds are reproducible when one is looked at. Of the key's
    // last 32 characters only: keys of one list share long beginnings ("content/posts/"), and every key of a list of
    // 16,000 is hashed each time the list is cut.
    private static bool IsCut(string key, int size)
    {
        var hash = 2166136261u;
        foreach (var c in key.AsSpan(System.Math.Max(0, key.Length - 32))) hash = (hash ^ c) * 16777619u;
        return hash % (uint)size == 0;
    }
}
