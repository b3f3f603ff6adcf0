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
    public static readonly ViewEquality Full = new(withBodies: true);

    /// <summary>Compares page views without their bodies (<see cref="BodyMembers"/>).</summary>
    public static readonly ViewEquality Cards = new(withBodies: false);

    private readonly bool withBodies;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]?> Members = new();

    private ViewEquality(bool withBodies) => this.withBodies = withBodies;

    public bool Same(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        var type = a.GetType();
        if (type != b.GetType()) return false;
        switch (a)
        {
            case string s: return s == (string)b;
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
