using System.Collections;
using Lemma.Incremental;

namespace Lemma.Output.Views;

/// <summary>
/// A list in a template view, equal to another with equal items: a list page whose items are the same pages (by
/// <see cref="PageView.Key"/>) is the same job, whatever those pages' members now say (templates read those through
/// queries of their own).
/// </summary>
public sealed class ViewList<T>(IReadOnlyList<T> items) : IReadOnlyList<T>, IEquatable<ViewList<T>>
{
    private readonly IReadOnlyList<T> items = items;

    public static readonly ViewList<T> Empty = new([]);

    public T this[int index] => items[index];
    public int Count => items.Count;
    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public bool Equals(ViewList<T>? other)
    {
        if (other is null || other.Count != Count) return false;
        for (var i = 0; i < Count; i++)
            if (!PlainEquality.Same(items[i], other.items[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is ViewList<T> other && Equals(other);
    public override int GetHashCode() => Count;

    public static implicit operator ViewList<T>(T[] items) => new(items);
    public static implicit operator ViewList<T>(List<T> items) => new(items);
}
