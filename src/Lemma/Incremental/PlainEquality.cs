using System.Collections;

namespace Lemma.Incremental;

/// <summary>
/// Equality of the plain values front matter, data files and template views are made of: maps and sequences compared
/// entry by entry, everything else by its own <see cref="object.Equals(object)"/> (records compare their members).
/// A type it does not know compares by its own Equals, which for a class is identity: unequal, never wrongly equal.
/// </summary>
public sealed class PlainEquality : IEqualityComparer<object?>
{
    public static readonly PlainEquality Instance = new();

    public new bool Equals(object? a, object? b) => Same(a, b);

    public int GetHashCode(object? value) => value switch
    {
        null => 0,
        string s => s.GetHashCode(),
        IEnumerable => value.GetType().GetHashCode(),
        _ => value.GetHashCode(),
    };

    public static bool Same(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        return (a, b) switch
        {
            (string sa, string sb) => sa == sb,
            (IDictionary da, IDictionary db) => SameMap(da, db),
            (IEnumerable ea, IEnumerable eb) => SameSequence(ea, eb),
            _ => a.Equals(b),
        };
    }

    private static bool SameSequence(IEnumerable a, IEnumerable b)
    {
        var ea = a.GetEnumerator();
        var eb = b.GetEnumerator();
        while (true)
        {
            var na = ea.MoveNext();
            if (na != eb.MoveNext()) return false;
            if (!na) return true;
            if (!Same(ea.Current, eb.Current)) return false;
        }
    }

    private static bool SameMap(IDictionary a, IDictionary b)
    {
        if (a.Count != b.Count) return false;
        foreach (DictionaryEntry entry in a)
            if (!b.Contains(entry.Key) || !Same(entry.Value, b[entry.Key])) return false;
        return true;
    }
}

/// <summary>The few ways queries compare their values, named once.</summary>
public static class Equalities
{
    /// <summary>Element by element, in order.</summary>
    public static IEqualityComparer<System.Collections.Immutable.ImmutableArray<T>> Sequence<T>() =>
        EqualityComparer<System.Collections.Immutable.ImmutableArray<T>>.Create((a, b) => a.SequenceEqual(b), a => a.Length);

    /// <summary>The same keys with the same values (by the values' own Equals).</summary>
    public static IEqualityComparer<IReadOnlyDictionary<string, TValue>> Map<TValue>() =>
        EqualityComparer<IReadOnlyDictionary<string, TValue>>.Create(
            (a, b) => a!.Count == b!.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && EqualityComparer<TValue>.Default.Equals(v, kv.Value)), d => d.Count);

    /// <summary>The same object: for values whose readers check what they need of them themselves.</summary>
    public static IEqualityComparer<T> Identity<T>() where T : class? => EqualityComparer<T>.Create(ReferenceEquals, v => v is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(v));
}
