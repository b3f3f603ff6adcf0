using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Lemma.Highlight;

/// <summary>
/// Memoises another highlighter by SHA-256 of (language, code): on disk across builds when <c>cacheDirectory</c> is
/// given (the engine passes <c>&lt;site&gt;/.lemma/cache/highlight</c>), else in memory. Not both: under `lemma serve`
/// the highlighter lives as long as the server, and a memory level would hold every block's HTML a second time beside
/// the rendered pages (340 MB at 10,000 posts); a block read back from disk costs tens of microseconds. The cache never fails a
/// build: an unreadable, corrupt or half-written entry is ignored and rewritten, and write errors are swallowed.
/// Entries are written to a temporary file and moved into place, so concurrent builds never read a partial entry.
/// <para>
/// Only results that cost more than <c>minCost</c> to compute are kept (by default 200 µs: TextMate-highlighted blocks
/// and very long blocks). The hand lexers highlight a typical block in tens of microseconds, less than it costs to
/// keep its HTML alive (garbage collection of a build's worth of strings) or to read it back from a file; measured on
/// the 10k corpus, keeping everything tripled the highlighting time. Pass <see cref="TimeSpan.Zero"/> to keep all.
/// </para>
/// </summary>
public sealed partial class CachedHighlighter : IHighlighter
{
    /// <summary>Bump when the output of the highlighters changes, so old disk entries are not reused.</summary>
    public const string FormatVersion = "lemma-highlight-4";

    private readonly IHighlighter _inner;
    private readonly string? _directory;
    // Without a cache directory, results are kept as one joined string each (lines never contain '\n'): a few large
    // objects instead of one string per line keep the garbage collector's work, and so the cache's cost, small.
    private readonly ConcurrentDictionary<string, Packed> _memory = new(StringComparer.Ordinal);

    private sealed record Packed(string Language, bool Recognized, string Html)
    {
        public static Packed From(HighlightedCode code) => new(code.Language, code.Recognized, string.Join('\n', code.Lines));
        public HighlightedCode Unpack() => new(Language, Html.Split('\n'), Recognized);
    }
    private long _memoryHits, _diskHits, _misses;

    private readonly long _minCostTicks;
    private readonly Lazy<ConcurrentDictionary<string, byte>> _onDisk;

    public CachedHighlighter(IHighlighter inner, string? cacheDirectory, TimeSpan? minCost = null)
    {
        _inner = inner;
        _directory = string.IsNullOrEmpty(cacheDirectory) ? null : cacheDirectory;
        _minCostTicks = (long)((minCost ?? DefaultMinCost).TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        _onDisk = new Lazy<ConcurrentDictionary<string, byte>>(ScanDirectory, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Results cheaper than this to compute are not kept.</summary>
    public static readonly TimeSpan DefaultMinCost = TimeSpan.FromMicroseconds(200);

    /// <summary>The keys present on disk, listed once per build (one directory scan instead of a lookup per block).</summary>
    private ConcurrentDictionary<string, byte> ScanDirectory()
    {
        var keys = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        if (_directory == null) return keys;
        try
        {
            if (!Directory.Exists(_directory)) return keys;
            // Links are skipped: a cache inside a site the user did not write may hold one that loops or leads out.
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
            foreach (var file in Directory.EnumerateFiles(_directory, "*.json", options))
                keys.TryAdd(Path.GetFileNameWithoutExtension(file), 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // an unreadable cache is an empty one
        }
        return keys;
    }

    public long MemoryHits => Interlocked.Read(ref _memoryHits);
    public long DiskHits => Interlocked.Read(ref _diskHits);
    public long Misses => Interlocked.Read(ref _misses);

    public bool Supports(string language) => _inner.Supports(language);

    public HighlightedCode Highlight(string code, string language)
    {
        var key = Key(code, language);
        if (_memory.TryGetValue(key, out var cached)) { Interlocked.Increment(ref _memoryHits); return cached.Unpack(); }
        var fromDisk = TryRead(key, language);
        if (fromDisk != null)
        {
            Interlocked.Increment(ref _diskHits);
            return fromDisk;
        }
        Interlocked.Increment(ref _misses);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = _inner.Highlight(code, language);
        if (System.Diagnostics.Stopwatch.GetTimestamp() - start < _minCostTicks) return result;
        if (_directory == null) _memory.TryAdd(key, Packed.From(result));
        else TryWrite(key, result);
        return result;
    }

    /// <summary>
    /// The cache key: hex SHA-256 of the format version, the language as given and the code (hashed as UTF-16, with no
    /// copy of the code: hashing must stay cheaper than highlighting).
    /// </summary>
    public static string Key(string code, string language)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(FormatVersion.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes("\0".AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(language.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes("\0".AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(code.AsSpan()));
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    private static bool IsLink(string path)
    {
        var attributes = new FileInfo(path).Attributes;
        return (int)attributes != -1 && attributes.HasFlag(FileAttributes.ReparsePoint);
    }

    private string? PathOf(string key) => _directory == null ? null : Path.Combine(_directory, key[..2], key + ".json");

    internal sealed record Entry(string Format, string Key, string Language, bool Recognized, string[] Lines);

    // Written ahead by the source generator: the reflection-based serializer spent a small site's first 15 ms working
    // out this one type.
    [System.Text.Json.Serialization.JsonSerializable(typeof(Entry))]
    internal sealed partial class EntryJson : System.Text.Json.Serialization.JsonSerializerContext;

    private HighlightedCode? TryRead(string key, string language)
    {
        var path = PathOf(key);
        if (path == null || !_onDisk.Value.ContainsKey(key)) return null;
        try
        {
            // Only a plain file in a plain folder: never through a link, never an empty entry (a FIFO would block).
            var file = new FileInfo(path);
            if (!file.Exists || file.Length == 0 || file.Attributes.HasFlag(FileAttributes.ReparsePoint) || IsLink(file.DirectoryName!)) return null;
            var entry = JsonSerializer.Deserialize(File.ReadAllBytes(path), EntryJson.Default.Entry);
            // A stale, foreign or damaged entry is a miss.
            if (entry == null || entry.Format != FormatVersion || entry.Key != key || entry.Lines == null || entry.Language == null
                || entry.Lines.Any(l => l == null))
                return null;
            return new HighlightedCode(entry.Language, entry.Lines, entry.Recognized);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    private void TryWrite(string key, HighlightedCode result)
    {
        var path = PathOf(key);
        if (path == null) return;
        try
        {
            // A folder that is a link would take the write wherever it leads.
            if (IsLink(Path.GetDirectoryName(path)!)) return;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var entry = new Entry(FormatVersion, key, result.Language, result.Recognized, result.Lines.ToArray());
            var temp = path + "." + Environment.ProcessId + "." + Environment.CurrentManagedThreadId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
            try
            {
                File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(entry, EntryJson.Default.Entry));
                File.Move(temp, path, overwrite: true);
                _onDisk.Value.TryAdd(key, 0);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // The cache is an optimisation: never fail a build because of it.
        }
    }
}
