namespace Lemma.Highlight.Tests;

public sealed class CachedHighlighterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lemma-hl-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Counts calls, to see when the cache answers instead.</summary>
    private sealed class Counting(IHighlighter inner) : IHighlighter
    {
        public int Calls;
        public bool Supports(string language) => inner.Supports(language);
        public HighlightedCode Highlight(string code, string language) { Interlocked.Increment(ref Calls); return inner.Highlight(code, language); }
    }

    private static string[] Files(string dir) => Directory.Exists(dir) ? Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories) : [];

    [Fact]
    public void Same_code_and_language_is_highlighted_once_per_build()
    {
        var inner = new Counting(new Highlighter());
        var cache = new CachedHighlighter(inner, null, TimeSpan.Zero);
        var a = cache.Highlight("x = 1", "python");
        var b = cache.Highlight("x = 1", "python");
        cache.Highlight("x = 1", "py"); // the language as given is part of the key
        cache.Highlight("x = 2", "python");
        Assert.Equal(a.Lines, b.Lines);
        Assert.Equal(a.Language, b.Language);
        Assert.Equal(3, inner.Calls);
        Assert.Equal(1, cache.MemoryHits);
    }

    [Fact]
    public void With_a_cache_directory_a_block_seen_again_is_read_back_from_disk_and_no_copy_stays_in_memory()
    {
        var inner = new Counting(new Highlighter());
        var cache = new CachedHighlighter(inner, _dir, TimeSpan.Zero);
        var a = cache.Highlight("x = 1", "python");
        var b = cache.Highlight("x = 1", "python");
        Assert.Equal(a.Lines, b.Lines);
        Assert.Equal(1, inner.Calls);
        Assert.Equal((0, 1), (cache.MemoryHits, cache.DiskHits));
    }

    [Fact]
    public void Results_survive_across_builds_on_disk()
    {
        var first = new CachedHighlighter(new Highlighter(), _dir, TimeSpan.Zero);
        var expected = first.Highlight("def f():\n    return 1", "python");
        Assert.Single(Files(_dir));

        var inner = new Counting(new Highlighter());
        var second = new CachedHighlighter(inner, _dir, TimeSpan.Zero);
        var again = second.Highlight("def f():\n    return 1", "python");
        Assert.Equal(0, inner.Calls);
        Assert.Equal(1, second.DiskHits);
        Assert.Equal(expected.Lines, again.Lines);
        Assert.Equal(expected.Language, again.Language);
        Assert.Equal(expected.Recognized, again.Recognized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"Format\":\"lemma-highlight-4\",\"Key\":")]
    [InlineData("not json at all")]
    [InlineData("{\"Format\":\"lemma-highlight-0\",\"Key\":\"x\",\"Language\":\"python\",\"Recognized\":true,\"Lines\":[\"stale\"]}")]
    [InlineData("{\"Format\":\"lemma-highlight-4\",\"Key\":\"other\",\"Language\":\"python\",\"Recognized\":true,\"Lines\":[\"wrong\"]}")]
    [InlineData("{\"Format\":\"lemma-highlight-4\",\"Key\":\"KEY\",\"Language\":\"python\",\"Recognized\":true,\"Lines\":null}")]
    public void A_corrupt_or_foreign_entry_is_ignored_and_rewritten(string content)
    {
        const string code = "print('hi')";
        var key = CachedHighlighter.Key(code, "python");
        var path = Path.Combine(_dir, key[..2], key + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("KEY", key));

        var inner = new Counting(new Highlighter());
        var result = new CachedHighlighter(inner, _dir, TimeSpan.Zero).Highlight(code, "python");
        Assert.Equal(1, inner.Calls);
        Assert.Equal(new Highlighter().Highlight(code, "python").Lines, result.Lines);
        // rewritten: a new build reads it back
        var inner2 = new Counting(new Highlighter());
        new CachedHighlighter(inner2, _dir, TimeSpan.Zero).Highlight(code, "python");
        Assert.Equal(0, inner2.Calls);
    }

    [Fact]
    public void An_unwritable_cache_directory_never_fails_highlighting()
    {
        var file = Path.Combine(Path.GetTempPath(), "lemma-hl-not-a-dir-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, "x");
        try
        {
            var cache = new CachedHighlighter(new Highlighter(), Path.Combine(file, "sub"), TimeSpan.Zero);
            Assert.True(cache.Highlight("x = 1", "python").Recognized);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Concurrent_builds_sharing_a_directory_agree()
    {
        var codes = Enumerable.Range(0, 20).Select(i => $"x_{i} = {i}  # n").ToArray();
        var caches = Enumerable.Range(0, 4).Select(_ => new CachedHighlighter(new Highlighter(), _dir, TimeSpan.Zero)).ToArray();
        var failures = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var code = codes[i % codes.Length];
            var lines = caches[i % caches.Length].Highlight(code, "python").Lines;
            if (!lines.SequenceEqual(new Highlighter().Highlight(code, "python").Lines)) Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
        Assert.Equal(codes.Length, Files(_dir).Length);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>An inner highlighter that takes a set time, to test the cost policy.</summary>
    private sealed class Slow(TimeSpan cost) : IHighlighter
    {
        public int Calls;
        public bool Supports(string language) => true;
        public HighlightedCode Highlight(string code, string language)
        {
            Interlocked.Increment(ref Calls);
            var until = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(cost.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
            while (System.Diagnostics.Stopwatch.GetTimestamp() < until) { }
            return new HighlightedCode(language, [code], true);
        }
    }

    [Fact]
    public void Only_results_costlier_than_the_threshold_are_kept()
    {
        // No timing assumption about the cheap side: a threshold of ten seconds is never reached.
        var cheap = new Counting(new PlainHighlighter());
        var cache = new CachedHighlighter(cheap, _dir, TimeSpan.FromSeconds(10));
        cache.Highlight("a", "x");
        cache.Highlight("a", "x");
        Assert.Equal(2, cheap.Calls);
        Assert.Empty(Files(_dir));

        var slow = new Slow(TimeSpan.FromMilliseconds(20)); // always longer than the 1 ms threshold
        var cache2 = new CachedHighlighter(slow, _dir, TimeSpan.FromMilliseconds(1));
        cache2.Highlight("b", "x");
        cache2.Highlight("b", "x");
        Assert.Equal(1, slow.Calls);
        Assert.Single(Files(_dir));
    }

    [Fact]
    public void Unknown_languages_are_cached_too_and_stay_unrecognized()
    {
        var cache = new CachedHighlighter(new Highlighter(), _dir, TimeSpan.Zero);
        Assert.False(cache.Highlight("a < b", "klingon").Recognized);
        Assert.False(new CachedHighlighter(new Highlighter(), _dir, TimeSpan.Zero).Highlight("a < b", "klingon").Recognized);
    }

    [Fact]
    public void A_cache_subfolder_that_is_a_link_is_neither_written_nor_read()
    {
        var elsewhere = _dir + "-elsewhere";
        Directory.CreateDirectory(elsewhere);
        try
        {
            var key = CachedHighlighter.Key("x = 1", "python");
            Directory.CreateDirectory(_dir);
            Directory.CreateSymbolicLink(Path.Combine(_dir, key[..2]), elsewhere);
            Directory.CreateSymbolicLink(Path.Combine(_dir, "loop"), _dir);

            new CachedHighlighter(new Highlighter(), _dir, TimeSpan.Zero).Highlight("x = 1", "python");

            Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
            var again = new Counting(new Highlighter());
            new CachedHighlighter(again, _dir, TimeSpan.Zero).Highlight("x = 1", "python");
            Assert.Equal(1, again.Calls);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
