namespace Lemma.Sources;

/// <summary>
/// Which source files (relative to the site root, '/'-separated) changed since the last build. <see cref="Unknown"/>
/// means anything may have: the first build, or a caller that cannot tell (a watcher that overflowed).
/// </summary>
public sealed class SourceChanges
{
    private readonly HashSet<string>? paths;

    private SourceChanges(HashSet<string>? paths) => this.paths = paths;

    public static readonly SourceChanges Unknown = new(null);

    public static SourceChanges Of(IEnumerable<string> paths) =>
        new(new HashSet<string>(paths.Select(p => p.Replace('\\', '/').TrimStart('/')), StringComparer.Ordinal));

    public bool IsUnknown => paths is null;

    public IReadOnlyCollection<string> Paths => paths ?? [];

    /// <summary>True when <paramref name="path"/> may have changed: it, or a folder above it (a folder renamed or replaced).</summary>
    public bool Touches(string path)
    {
        if (paths is null || paths.Contains(path)) return true;
        foreach (var changed in paths)
            if (path.Length > changed.Length && path[changed.Length] == '/' && path.StartsWith(changed, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>True when any of <paramref name="files"/> may have changed.</summary>
    public bool TouchesAny(IEnumerable<string> files) => paths is null || files.Any(Touches);

    public SourceChanges Union(SourceChanges other) =>
        paths is null || other.paths is null ? Unknown : new(new HashSet<string>(paths.Concat(other.paths), StringComparer.Ordinal));
}
