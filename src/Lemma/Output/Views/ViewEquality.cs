using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Lemma.Output.Views;

/// <summary>
/// Structural equality of what templates see: view records property by property, lists item by item, dictionaries
/// key by key. A rebuild compares a page's inputs with the last build's to decide whether to render it again, so
/// this must never call two different things equal. Objects reused from the last build compare by reference first.
/// </summary>
public sealed class ViewEquality
{
    /// <summary>What a page body adds to a page view: a list that never reads these can ignore body edits.</summary>
    public static readonly IReadOnlySet<string> BodyMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(PageView.Content), nameof(PageView.Toc), nameof(PageView.HasToc), nameof(PageView.HasMath),
        nameof(PageView.HasCode), nameof(PageView.WordCount),
    };

    /// <summary>Compares everything, page bodies included.</summary>
    public static ViewEquality Full() => new(withBodies: true);

    /// <summary>Compares page views without their bodies (<see cref="BodyMembers"/>).</summary>
    public static ViewEquality Cards() => new(withBodies: false);

    private readonly bool withBodies;
    // Many pages share one view (a taxonomy's terms, say): each pair is compared once per comparer.
    private readonly ConcurrentDictionary<(object, object), bool> known = new(new PairComparer());
    // Reflection over the view types, found once per process.
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]?> Members = new();

    private ViewEquality(bool withBodies) => this.withBodies = withBodies;

    public bool Same(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        if (a is string s) return b is string t && s == t;
        if (a.GetType() != b.GetType()) return false;
        if (a.GetType().IsValueType) return a.Equals(b);
        // Remember records and long lists, which pages share; a page's own small lists and dictionaries are met once.
        var remember = a is not IEnumerable || a is ICollection { Count: > 64 };
        if (remember && known.TryGetValue((a, b), out var same)) return same;
        same = Compare(a, b);
        if (remember) known[(a, b)] = same;
        return same;
    }

    private sealed class PairComparer : IEqualityComparer<(object, object)>
    {
        public bool Equals((object, object) x, (object, object) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((object, object) pair) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item2));
    }

    private bool Compare(object a, object b)
    {
        var type = a.GetType();
        switch (a)
        {
            case IReadOnlyDictionary<string, object?> ra: return SameReadOnly(ra, (IReadOnlyDictionary<string, object?>)b);
            case IDictionary da: return SameDictionary(da, (IDictionary)b);
            case IEnumerable ea: return SameSequence(ea, (IEnumerable)b);
        }
        if (Members.GetOrAdd(type, RecordMembers) is not { } members) return a.Equals(b);
        foreach (var property in members)
        {
            if (!withBodies && type == typeof(PageView) && BodyMembers.Contains(property.Name)) continue;
            if (!Same(property.GetValue(a), property.GetValue(b))) return false;
        }
        return true;
    }

    /// <summary>Records Lemma gives templates (views, config pieces) compare member by member; anything else by its Equals.</summary>
    private static PropertyInfo[]? RecordMembers(Type type) =>
        type.Namespace is { } ns && ns.StartsWith("Lemma.", StringComparison.Ordinal)
        && type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null
            ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray()
            : null;

    private bool SameSequence(IEnumerable a, IEnumerable b)
    {
        var x = a.GetEnumerator();
        var y = b.GetEnumerator();
        while (true)
        {
            var more = x.MoveNext();
            if (more != y.MoveNext()) return false;
            if (!more) return true;
            if (!Same(x.Current, y.Current)) return false;
        }
    }

    private bool SameDictionary(IDictionary a, IDictionary b)
    {
        if (a.Count != b.Count) return false;
        foreach (DictionaryEntry entry in a)
            if (!b.Contains(entry.Key) || !Same(entry.Value, b[entry.Key])) return false;
        return true;
    }

    private bool SameReadOnly(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b)
    {
        if (a.Count != b.Count) return false;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || !Same(value, other)) return false;
        return true;
    }
}
