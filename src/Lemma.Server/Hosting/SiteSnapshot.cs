using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Lemma.Diagnostics;
using Lemma.Output;

namespace Lemma.Server.Hosting;

/// <summary>One file as served: bytes, its content type and a strong ETag from its content.</summary>
public sealed record ServedFile(string Path, byte[] Bytes, string ContentType, string ETag)
{
    /// <summary>For a file copied from the sources: where from, and its time and size then, to tell whether it changed without reading it.</summary>
    public (string From, DateTime Written, long Length)? Stamp { get; init; }

    public bool IsHtml { get; } = ContentType.StartsWith("text/html", StringComparison.Ordinal);

    /// <summary>Text that Brotli or gzip make smaller (not images, fonts or PDF, compressed already).</summary>
    public bool IsCompressible { get; } = ContentTypes.IsCompressible(ContentType);
}

/// <summary>
/// The site as the server holds it: every output file in memory, immutable, swapped whole on each rebuild.
/// <see cref="Errors"/> are the diagnostics of the last build; when it failed, the files are the last good ones.
/// </summary>
public sealed record SiteSnapshot(IReadOnlyDictionary<string, ServedFile> Files, ImmutableArray<Diagnostic> Errors, long Version)
{
    public static readonly SiteSnapshot Empty = new(new Dictionary<string, ServedFile>(), [], 0);

    /// <summary>The files in path order, to compare the next build's with these without hashing every path.</summary>
    private ImmutableArray<ServedFile> Ordered { get; init; } = [];

    /// <summary>Paths added, removed or changed since the snapshot this one was made from.</summary>
    public IReadOnlyList<string> Changed { get; private init; } = [];

    public bool Failed => Errors.Any(e => e.IsError);

    public static SiteSnapshot From(IEnumerable<OutputFile> files, ImmutableArray<Diagnostic> diagnostics, long version, SiteSnapshot previous)
    {
        var sorted = files.ToArray();
        PathOrder.Sort(sorted, f => f.Path);
        var served = ImmutableArray.CreateBuilder<ServedFile>(sorted.Length);
        var changed = new List<string>();
        var renewed = new List<string>(); // files served from a new object, changed or not
        var before = previous.Ordered;
        var j = 0;
        // Both lists are in path order: walk them together (a merge), so each file meets its last version directly.
        foreach (var file in sorted)
        {
            while (j < before.Length && string.CompareOrdinal(before[j].Path, file.Path) < 0) changed.Add(before[j++].Path);
            var old = j < before.Length && before[j].Path == file.Path ? before[j++] : null;
            var next = Serve(file, old);
            if (!ReferenceEquals(next, old)) renewed.Add(file.Path);
            if (!ReferenceEquals(next, old) && (old is null || old.ETag != next.ETag)) changed.Add(file.Path);
            served.Add(next);
        }
        while (j < before.Length) changed.Add(before[j++].Path);
        var ordered = served.MoveToImmutable();
        return new SiteSnapshot(Table(ordered, renewed, previous), diagnostics, version)
        {
            Ordered = ordered,
            Changed = changed,
        };
    }

    /// <summary>The files by path. When the paths are the last snapshot's, its table is copied (no hashing) and the
    /// <paramref name="renewed"/> files put in: a rebuild after one edit need not hash every path of a large site.</summary>
    private static IReadOnlyDictionary<string, ServedFile> Table(ImmutableArray<ServedFile> ordered, List<string> renewed, SiteSnapshot previous)
    {
        // As many files, none of them new to the table: the same paths.
        if (previous.Files is Dictionary<string, ServedFile> last && previous.Ordered.Length == ordered.Length && renewed.All(last.ContainsKey))
        {
            if (renewed.Count == 0) return last;
            var copy = new Dictionary<string, ServedFile>(last, StringComparer.Ordinal);
            foreach (var path in renewed) copy[path] = ordered[PathOrder.IndexOf(ordered, path, f => f.Path)];
            return copy;
        }
        var table = new Dictionary<string, ServedFile>(ordered.Length, StringComparer.Ordinal);
        foreach (var file in ordered) table[file.Path] = file;
        return table;
    }

    /// <summary>The file as served; unchanged files keep their object, so ETags stay stable and a diff is cheap.</summary>
    private static ServedFile Serve(OutputFile file, ServedFile? old)
    {
        if (old is not null && ReferenceEquals(old.Bytes, file.Bytes)) return old;
        (string, DateTime, long)? stamp = null;
        if (file.CopyFrom is { } from)
        {
            var info = new FileInfo(from);
            stamp = (from, info.LastWriteTimeUtc, info.Length);
            if (old is not null && old.Stamp == stamp) return old;
        }
        var bytes = file.ReadBytes();
        return old is not null && old.Bytes.AsSpan().SequenceEqual(bytes)
            ? old with { Stamp = stamp }
            : new ServedFile(file.Path, bytes, ContentTypes.For(file.Path), ETagOf(bytes)) { Stamp = stamp };
    }

    private static string ETagOf(byte[] bytes) => "\"" + Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 12)).ToLowerInvariant() + "\"";
}

/// <summary>Content types by extension, with charset for text.</summary>
public static class ContentTypes
{
    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".xml"] = "application/xml; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".md"] = "text/markdown; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".ico"] = "image/x-icon",
        [".woff"] = "font/woff",
        [".woff2"] = "font/woff2",
        [".pdf"] = "application/pdf",
        [".csv"] = "text/csv; charset=utf-8",
        [".ipynb"] = "application/x-ipynb+json",
        [".bib"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static string For(string path) =>
        ByExtension.TryGetValue(System.IO.Path.GetExtension(path), out var type) ? type : "application/octet-stream";

    public static bool IsCompressible(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.Contains("json") || contentType.Contains("xml") || contentType.Contains("svg");
}
