using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Lemma.Diagnostics;
using Lemma.Output;

namespace Lemma.Server.Hosting;

/// <summary>One file as served: bytes, its content type and a strong ETag from its content. A page the preview renders
/// when first asked for has its bytes and ETag made then (<see cref="IsRendered"/> says whether they are).</summary>
public sealed record ServedFile(string Path, string ContentType)
{
    private Lazy<(byte[] Bytes, string ETag)> content = null!;

    public ServedFile(string path, byte[] bytes, string contentType, string etag) : this(path, contentType) =>
        content = new((bytes, etag));

    /// <summary>A page made by <paramref name="render"/> on first read of its bytes or ETag, once, whichever thread asks.</summary>
    public static ServedFile Pending(string path, Func<byte[]> render, string? pageKey = null) =>
        new(path, ContentTypes.For(path)) { content = new(() => { var bytes = render(); return (bytes, SiteSnapshot.ETagOf(bytes)); }), PageKey = pageKey };

    public byte[] Bytes => content.Value.Bytes;

    public string ETag => content.Value.ETag;

    public bool IsRendered => content.IsValueCreated;

    /// <summary>For a page a build left pending: the key it is rendered by.</summary>
    public string? PageKey { get; init; }

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

    /// <summary>Pages served as they were: not made again, or made again the same.</summary>
    public int KeptPages { get; private init; }

    /// <summary>The pages not yet rendered, in path order.</summary>
    public IEnumerable<ServedFile> Unrendered => Ordered.Where(f => !f.IsRendered);

    /// <summary>The build's list of files this snapshot was made from: a next build that gives the very same list (an
    /// edit that added, removed or renamed no file) is served without a walk of every file.</summary>
    private ImmutableArray<OutputFile> Source { get; init; }

    /// <summary>Where each page left pending is in <see cref="Ordered"/>, by its key: made when a next build first needs
    /// it, and kept by the snapshots made from this one without a walk.</summary>
    private Lazy<Dictionary<string, int>> PendingAt { get; init; } = new(() => []);

    /// <summary>The files copied from the sources and where they are in <see cref="Ordered"/>: looked at after every
    /// build, since a source written in place is the same file of the list.</summary>
    private ImmutableArray<(int At, OutputFile File)> Copies { get; init; } = [];

    private int HtmlCount { get; init; }

    /// <summary>The folders a build left pending (<see cref="OutputFile.IsFolder"/>): a file below one is made when first
    /// asked for, by <see cref="Pages"/>, and kept for this snapshot's life.</summary>
    private ImmutableArray<string> Folders { get; init; } = [];

    private IPendingPages? Pages { get; init; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ServedFile?> madeInFolders = new(StringComparer.Ordinal);

    /// <summary>The file at <paramref name="path"/>, listed or below a pending folder (<see cref="InFolder"/>).</summary>
    public ServedFile? Find(string path) => Files.TryGetValue(path, out var file) ? file : InFolder(path);

    /// <summary>The file at <paramref name="path"/> below a pending folder, made now if this snapshot has not yet; null
    /// when there is no such file.</summary>
    public ServedFile? InFolder(string path)
    {
        if (Pages is not { } pages || !Folders.Any(folder => path.StartsWith(folder, StringComparison.Ordinal))) return null;
        return madeInFolders.GetOrAdd(path, p => pages.RenderFile(p) is { } bytes ? new ServedFile(p, bytes, ContentTypes.For(p), ETagOf(bytes)) : null);
    }

    /// <summary>The served files of a build. <paramref name="pages"/> renders the pages it left pending (<see cref="OutputFile.Pending"/>).</summary>
    public static SiteSnapshot From(ImmutableArray<OutputFile> files, ImmutableArray<Diagnostic> diagnostics, long version, SiteSnapshot previous, IPendingPages? pages = null)
    {
        var reached = pages?.TakeReached();
        if (reached is not null && !previous.Source.IsDefault && previous.Source == files)
            return Again(previous, reached, pages!, diagnostics, version);
        // A pending folder is no file of the table: its files are made when asked for (InFolder).
        var folders = files.Where(f => f.IsFolder).Select(f => f.Path).ToImmutableArray();
        var sorted = files.Where(f => !f.IsFolder).ToArray();
        PathOrder.Sort(sorted, f => f.Path);
        var served = ImmutableArray.CreateBuilder<ServedFile>(sorted.Length);
        var changed = new List<string>();
        var renewed = new List<string>(); // files served from a new object, changed or not
        var kept = 0;
        var before = previous.Ordered;
        var copies = ImmutableArray.CreateBuilder<(int, OutputFile)>();
        var html = 0;
        var j = 0;
        // Both lists are in path order: walk them together (a merge), so each file meets its last version directly.
        foreach (var file in sorted)
        {
            while (j < before.Length && string.CompareOrdinal(before[j].Path, file.Path) < 0) changed.Add(before[j++].Path);
            var old = j < before.Length && before[j].Path == file.Path ? before[j++] : null;
            var next = file.Pending is { } key ? Page(file.Path, key, old, pages!, reached) : Serve(file, old);
            if (!ReferenceEquals(next, old)) renewed.Add(file.Path);
            // A page not yet rendered counts as changed: what reached it may well change it.
            if (!ReferenceEquals(next, old) && (old is null || !old.IsRendered || !next.IsRendered || old.ETag != next.ETag)) changed.Add(file.Path);
            else if (next.IsHtml) kept++;
            if (file.CopyFrom is not null) copies.Add((served.Count, file));
            if (next.IsHtml) html++;
            served.Add(next);
        }
        while (j < before.Length) changed.Add(before[j++].Path);
        var ordered = served.MoveToImmutable();
        return new SiteSnapshot(Table(ordered, renewed, previous), diagnostics, version)
        {
            Ordered = ordered,
            Changed = changed,
            KeptPages = kept,
            Source = files,
            PendingAt = new(() => PendingIn(sorted)),
            Copies = copies.ToImmutable(),
            HtmlCount = html,
            Folders = folders,
            Pages = pages,
        };
    }

    /// <summary>The files of a build that listed the same files as the last: only the pages a change reached and the
    /// copied files are looked at again (at 10,000 posts, a body edit's snapshot no longer walks 16,000 files).</summary>
    private static SiteSnapshot Again(SiteSnapshot previous, IReadOnlySet<string> reached, IPendingPages pages, ImmutableArray<Diagnostic> diagnostics, long version)
    {
        var ordered = previous.Ordered.ToBuilder();
        var changed = new List<string>();
        var renewed = new List<string>();
        var changedPages = 0;
        void Put(int at, ServedFile next)
        {
            var old = ordered[at];
            if (ReferenceEquals(next, old)) return;
            ordered[at] = next;
            renewed.Add(next.Path);
            if (!old.IsRendered || !next.IsRendered || old.ETag != next.ETag)
            {
                changed.Add(next.Path);
                if (next.IsHtml) changedPages++;
            }
        }
        foreach (var key in reached)
            if (previous.PendingAt.Value.TryGetValue(key, out var at)) Put(at, Page(ordered[at].Path, key, ordered[at], pages, reached));
        foreach (var (at, file) in previous.Copies) Put(at, Serve(file, ordered[at]));
        changed.Sort(StringComparer.Ordinal);
        var next = ordered.MoveToImmutable();
        return new SiteSnapshot(Table(next, renewed, previous), diagnostics, version)
        {
            Ordered = next,
            Changed = changed,
            KeptPages = previous.HtmlCount - changedPages,
            Source = previous.Source,
            PendingAt = previous.PendingAt,
            Copies = previous.Copies,
            HtmlCount = previous.HtmlCount,
            Folders = previous.Folders,
            Pages = pages,
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

    /// <param name="sorted">The build's files in the order of <see cref="Ordered"/>.</param>
    private static Dictionary<string, int> PendingIn(OutputFile[] sorted)
    {
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length; i++)
            if (sorted[i].Pending is { } key) at[key] = i;
        return at;
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

    /// <summary>A page the build left pending: the last one served when nothing has reached it since it was rendered,
    /// else rendered when first asked for.</summary>
    private static ServedFile Page(string path, string key, ServedFile? old, IPendingPages pages, IReadOnlySet<string>? reached)
    {
        // No change reached it since: served as it is, without asking the store about each of 16,000 pages. A page
        // still to be rendered stays so, and unannounced: it renders from the store as it is when first asked for, and
        // no browser shows it (a store value never computed is never reached, so the edits it missed cannot be told).
        if (old is not null && old.PageKey == key && reached is not null && !reached.Contains(key)) return old;
        if (pages.Rendered(key) is not { Bytes: { } bytes }) return ServedFile.Pending(path, () => pages.Render(key, old), key);
        if (old is { IsRendered: true } && old.PageKey == key && (ReferenceEquals(old.Bytes, bytes) || old.Bytes.AsSpan().SequenceEqual(bytes))) return old;
        return new ServedFile(path, bytes, ContentTypes.For(path), ETagOf(bytes)) { PageKey = key };
    }

    internal static string ETagOf(byte[] bytes) => "\"" + Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 12)).ToLowerInvariant() + "\"";
}

/// <summary>Renders the pages a build left pending (<see cref="OutputFile.Pending"/>), by key.</summary>
public interface IPendingPages
{
    /// <summary>The page as last rendered, when nothing has changed it since; else null.</summary>
    OutputFile? Rendered(string key);

    /// <summary>The page's bytes now. When it cannot be rendered, <paramref name="lastGood"/>'s, or a page saying why.</summary>
    byte[] Render(string key, ServedFile? lastGood);

    /// <summary>The keys of the pages a change reached since the last snapshot asked; null when any page may have changed.</summary>
    IReadOnlySet<string>? TakeReached();

    /// <summary>The bytes of a file below a pending folder (<see cref="OutputFile.IsFolder"/>), made now; null when the
    /// build has no such file.</summary>
    byte[]? RenderFile(string path);
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
