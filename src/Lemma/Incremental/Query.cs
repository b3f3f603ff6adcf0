namespace Lemma.Incremental;

/// <summary>
/// A value the store computes from its inputs and other queries, one per key: a page's rendering, the site's model.
/// The definition is stateless and shared; what was computed lives in a <see cref="QueryStore"/>.
/// </summary>
/// <param name="name">For diagnostics and tests ("render content").</param>
/// <param name="compute">Reads everything through its <see cref="QueryContext"/>, so the store knows what to recheck.</param>
/// <param name="equality">Decides whether a recomputed value is the same as the last: when it is, the slot keeps
/// the last value (and its object) and nothing that read it runs again. Default: <see cref="EqualityComparer{T}.Default"/>.</param>
public sealed class Query<TKey, TValue>(string name, Func<QueryContext, TKey, TValue> compute, IEqualityComparer<TValue>? equality = null)
    where TKey : notnull
{
    public string Name { get; } = name;
    internal Func<QueryContext, TKey, TValue> Compute { get; } = compute;
    internal IEqualityComparer<TValue> Equality { get; } = equality ?? EqualityComparer<TValue>.Default;

    public override string ToString() => Name;
}

/// <summary>A value set from outside (a file's version, the build options, the clock), one per key.</summary>
public sealed class Input<TKey, TValue>(string name, IEqualityComparer<TValue>? equality = null) where TKey : notnull
{
    public string Name { get; } = name;
    internal IEqualityComparer<TValue> Equality { get; } = equality ?? EqualityComparer<TValue>.Default;

    public override string ToString() => Name;
}
