using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lemma.Highlight;

/// <summary>
/// Memoises another highlighter by SHA-256 of (language, code): in memory within a build, and on disk across builds
/// when <c>cacheDirectory</c> is given (the engine passes <c>&lt;site&gt;/.lemma/cache/highlight</c>). The cache never fails a
/// build: an unreadable, corrupt or half-written entry is ignored and rewritten, and write errors are swallowed.
/// Entries are written to a temporary file and moved into place, so concurrent builds never read a partial entry.
/// </summary>
public sealed class CachedHighlighter : IHighlighter
{
    /// <summary>Bump when the output of the highlighters changes, so old disk entries are not reused.</summary>
    public const string FormatVersion = "lemma-highlight-1";

    private readonly IHighlighter _inner;
    private readonly string? _directory;
    private readonly ConcurrentDictionary<string, HighlightedCode> _memory = new(StringComparer.Ordinal);
    private long _memoryHits, _diskHits, _misses;

    public CachedHighlighter(IHighlighter inner, string? cacheDirectory)
    {
        _inner = inner;
        _directory = string.IsNullOrEmpty(cacheDirectory) ? null : cacheDirectory;
    }

    public long MemoryHits => Interlocked.Read(ref _memoryHits);
    public long DiskHits => Interlocked.Read(ref _diskHits);
    public long Misses => Interlocked.Read(ref _misses);

    public bool Supports(string language) => _inner.Supports(language);

    public HighlightedCode Highlight(string code, string language)
    {
        var key = Key(code, language);
        if (_memory.TryGetValue(key, out var cached)) { Interlocked.Increment(ref _memoryHits); return cached; }
        var fromDisk = TryRead(key, language);
        if (fromDisk != null)
        {
            Interlocked.Increment(ref _diskHits);
            return _memory.GetOrAdd(key, fromDisk);
        }
        Interlocked.Increment(ref _misses);
        var result = _inner.Highlight(code, language);
        _memory.TryAdd(key, result);
        TryWrite(key, result);
        return result;
    }

    /// <summary>The cache key: hex SHA-256 of the format version, the language as given and the code.</summary>
    public static string Key(string code, string language)
    {
        var bytes = Encoding.UTF8.GetBytes(FormatVersion + "\0" + language + "\0" + code);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private string? PathOf(string key) => _directory == null ? null : Path.Combine(_directory, key[..2], key + ".json");

    private sealed record Entry(string Format, string Key, string Language, bool Recognized, string[] Lines);

    private HighlightedCode? TryRead(string key, string language)
    {
        var path = PathOf(key);
        if (path == null) return null;
        try
        {
            if (!File.Exists(path)) return null;
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllBytes(path));
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
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var entry = new Entry(FormatVersion, key, result.Language, result.Recognized, result.Lines.ToArray());
            var temp = path + "." + Environment.ProcessId + "." + Environment.CurrentManagedThreadId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
            try
            {
                File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(entry));
                File.Move(temp, path, overwrite: true);
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
