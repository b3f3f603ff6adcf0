using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Lemma.Build;
using Lemma.Configuration;
using Lemma.Incremental;
using Lemma.Output;
using Lemma.Output.Views;

namespace Lemma.Search;

/// <summary>
/// The search index (<see cref="IndexFormat"/>) as queries of the build's store. Each page's words are made once per
/// page from its view; the pages are taken in runs of <see cref="RunSize"/>, each run's words split by shard; a shard
/// reads only the runs that have its words. A body edit makes that page's words again, its run's split, and the shards
/// whose words it touched: the others keep their files.
/// </summary>
public static class SearchQueries
{
    private const string One = "";
    private const int RunSize = 256;

    /// <summary>The published pages search holds, by source path, oldest first (the site's order turned round): a page's
    /// number in the index is its place here, so a new post takes the next number and leaves the others theirs (and
    /// their runs and fragments as they were). Never drafts, future pages, or pages with <c>search: false</c> (or
    /// PaperMod's <c>searchHidden</c>).</summary>
    public static readonly Query<string, ImmutableArray<string>> Pages = new("search pages", (q, _) =>
    {
        var site = q.Get(SiteQueries.Layout, One).Site;
        return [.. site.Pages.Where(p => !p.Draft && !p.Future && !p.FrontMatter.SearchHidden
                && ConfigLoader.Get(p.FrontMatter.Raw, "search") is not false && !ReferenceEquals(p, site.HomeIndex))
            .Select(p => p.Source.Path).Reverse()];
    }, Equalities.Sequence<string>());

    private static string Member(QueryContext q, string path, string member) => q.Get(PageQueries.ViewMember, (path, member)) as string ?? "";

    /// <summary>One tokenizer for the whole build (it remembers each word's token): a query with no inputs, made once.</summary>
    private static readonly Query<string, Tokens> Tokenizer = new("search tokenizer", (_, _) => new Tokens(), Equalities.Identity<Tokens>());

    /// <summary>A page as search holds it; the same after an edit that changes nothing search reads (its comments, its layout).</summary>
    public static readonly Query<string, SearchDoc> Doc = new("search doc", (q, path) =>
    {
        var tags = (q.Get(PageQueries.ViewMember, (path, nameof(PageView.Tags))) as IReadOnlyList<TermLink> ?? [])
            .Concat(q.Get(PageQueries.ViewMember, (path, nameof(PageView.Categories))) as IReadOnlyList<TermLink> ?? []).Select(t => t.Name);
        var date = Member(q, path, nameof(PageView.Date));
        return SearchDoc.Make(q.Get(Tokenizer, One), Member(q, path, nameof(PageView.Title)), Member(q, path, nameof(PageView.Url)),
            date[..System.Math.Min(10, date.Length)], Member(q, path, nameof(PageView.Section)), tags,
            q.Get(PageQueries.ViewMember, (path, nameof(PageView.Content)))?.ToString() ?? "");
    });

    /// <summary>A stem in a page, as a shard's scores read it: the page's number, the stem's weight and fields there,
    /// the page's length, and which fields (<see cref="Ranking.Where"/>).</summary>
    private readonly record struct Occurrence(int Doc, float Weight, Fields Fields, int Length, int Where);

    /// <summary>A run's pages' words, split by shard key: each stem's postings there.</summary>
    private sealed record Part(ImmutableArray<(string Word, string Stem)> Words, ImmutableArray<(string Stem, ImmutableArray<Occurrence> Postings)> Stems)
    {
        public bool Equals(Part? other) => other is not null && Words.SequenceEqual(other.Words)
            && Stems.Length == other.Stems.Length && Stems.Zip(other.Stems).All(s => s.First.Stem == s.Second.Stem && s.First.Postings.SequenceEqual(s.Second.Postings));
        public override int GetHashCode() => Words.Length;
    }

    private sealed record RunValue(IReadOnlyDictionary<string, Part> Parts, long Length);

    private static readonly Query<int, RunValue> Run = new("search run", (q, run) =>
    {
        var paths = q.Get(Pages, One);
        var first = run * RunSize;
        var docs = q.GetEach(Doc, [.. paths.Skip(first).Take(RunSize)]);
        var keys = new Dictionary<string, KeyWords>(StringComparer.Ordinal);
        // Keys looked up by the span of the word they begin: no string made per word of every page.
        var byKey = keys.GetAlternateLookup<ReadOnlySpan<char>>();
        // Each (key, stem) numbered as met; the run's postings gathered in one array in page order, then grouped by
        // that number, and each stem's copied out at its size: no list per stem grown posting by posting, and no part
        // that outlives its run (under serve) keeps the run's whole array.
        var met = new Occurrence[docs.Sum(d => d.Words.Length)];
        var metStem = new int[met.Length];
        var lastDoc = new List<int>();
        var count = 0;
        long length = 0;
        for (var i = 0; i < docs.Length; i++)
        {
            var doc = docs[i];
            length += doc.Length;
            foreach (var word in doc.Words)
            {
                var key = word.Word.AsSpan(0, IndexFormat.KeyLength(word.Word));
                if (!byKey.TryGetValue(key, out var words)) byKey[key] = words = new();
                words.Stems.TryAdd(word.Word, word.Stem);
                ref var stem = ref CollectionsMarshal.GetValueRefOrAddDefault(words.Numbers, word.Stem, out var known);
                if (!known)
                {
                    stem = lastDoc.Count;
                    lastDoc.Add(-1);
                }
                // Two words of one stem and one key ("runs", "running") make one posting.
                if (lastDoc[stem] == first + i) continue;
                lastDoc[stem] = first + i;
                met[count] = new Occurrence(first + i, word.Weight, word.Fields, doc.Length, word.Where);
                metStem[count++] = stem;
            }
        }
        var starts = new int[lastDoc.Count + 1];
        for (var m = 0; m < count; m++) starts[metStem[m] + 1]++;
        for (var n = 1; n < starts.Length; n++) starts[n] += starts[n - 1];
        var grouped = new Occurrence[count];
        var next = starts[..^1];
        for (var m = 0; m < count; m++) grouped[next[metStem[m]]++] = met[m];
        return new RunValue(keys.ToDictionary(k => k.Key, k => k.Value.Part(grouped, starts), StringComparer.Ordinal), length);
    }, Equalities.Identity<RunValue>());

    /// <summary>A run's words of one shard key as they are gathered: each word's stem, each stem's number in the run.</summary>
    private sealed class KeyWords
    {
        public readonly Dictionary<string, string> Stems = new(StringComparer.Ordinal);
        public readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal);

        /// <summary>The part, its stems' postings copied from the run's postings grouped by number (<paramref name="starts"/>).</summary>
        public Part Part(Occurrence[] grouped, int[] starts)
        {
            var words = Stems.Select(w => (w.Key, w.Value)).ToArray();
            Array.Sort(words, Pair);
            var stems = Numbers.Keys.ToArray();
            Array.Sort(stems, StringComparer.Ordinal);
            return new Part([.. words], [.. stems.Select(stem =>
            {
                var number = Numbers[stem];
                return (stem, ImmutableArray.Create(grouped, starts[number], starts[number + 1] - starts[number]));
            })]);
        }
    }

    // Words in ordinal order (the default compares strings by culture, and slowly).
    private static readonly IComparer<(string, string)> Pair = Comparer<(string, string)>.Create((a, b) =>
        string.CompareOrdinal(a.Item1, b.Item1) is var c and not 0 ? c : string.CompareOrdinal(a.Item2, b.Item2));

    private static int Runs(QueryContext q) => (q.Get(Pages, One).Length + RunSize - 1) / RunSize;

    /// <summary>One shard's part of a run: the same after an edit that touched none of that shard's words.</summary>
    private static readonly Query<(int Run, string Key), Part?> RunPart = new("search run part", (q, k) => q.Get(Run, k.Run).Parts.GetValueOrDefault(k.Key));

    /// <summary>Which runs have words of each shard: the same after an edit that adds no shard to a run and takes none.</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, ImmutableArray<int>>> KeyRuns = new("search key runs", (q, _) =>
    {
        var runs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        // The runs made side by side: each splits its pages' words on one thread.
        var made = q.GetEach(Run, [.. Enumerable.Range(0, Runs(q))]);
        for (var r = 0; r < made.Length; r++)
            foreach (var key in made[r].Parts.Keys)
                (runs.TryGetValue(key, out var list) ? list : runs[key] = []).Add(r);
        return runs.ToDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal);
    }, Equalities.Identity<IReadOnlyDictionary<string, ImmutableArray<int>>>());

    private static readonly Query<string, ImmutableArray<int>> RunsOfKey = new MapEntries<string, ImmutableArray<int>>("search runs of key", KeyRuns,
        Equalities.Sequence<int>(), []).Entry;

    private static readonly Query<string, ImmutableArray<string>> Keys = new("search keys", (q, _) =>
        [.. q.Get(KeyRuns, One).Keys.Order(StringComparer.Ordinal)], Equalities.Sequence<string>());

    /// <summary>The page count and the average length BM25 reads, both rounded (<see cref="Ranking.Rounded"/>): the same
    /// after most edits, a new post's or a deleted one's included, so that these rescore no shard but their words'.</summary>
    private static readonly Query<string, (double Docs, double AverageLength)> Stats = new("search stats", (q, _) =>
    {
        var docs = q.Get(Pages, One).Length;
        var length = Enumerable.Range(0, Runs(q)).Sum(r => q.Get(Run, r).Length);
        return (Ranking.Rounded(docs), Ranking.Rounded(docs == 0 ? 1 : (double)length / docs));
    });

    private static readonly IEqualityComparer<OutputFile> SameFile = EqualityComparer<OutputFile>.Create(
        (a, b) => a!.Path == b!.Path && a.Bytes.AsSpan().SequenceEqual(b.Bytes), f => f.Path.GetHashCode());

    private static readonly Query<string, OutputFile> ShardFile = new("search shard", (q, key) =>
    {
        var (docs, average) = q.Get(Stats, One);
        var words = new List<(string Word, string Stem)>();
        var stems = new Dictionary<string, List<Occurrence>>(StringComparer.Ordinal);
        foreach (var run in q.Get(RunsOfKey, key)!)
        {
            if (q.Get(RunPart, (run, key)) is not { } part) continue;
            words.AddRange(part.Words);
            foreach (var (stem, postings) in part.Stems)
                (stems.TryGetValue(stem, out var list) ? list : stems[stem] = []).AddRange(postings);
        }
        words.Sort(Pair);
        var distinct = words.Where((w, i) => i == 0 || w != words[i - 1]);
        var ordered = stems.Keys.ToArray();
        Array.Sort(ordered, StringComparer.Ordinal);
        var numbers = ordered.Select((stem, i) => (stem, i)).ToDictionary(s => s.stem, s => s.i, StringComparer.Ordinal);
        var shard = new Shard([.. distinct.Select(w => (w.Word, numbers[w.Stem]))], [.. ordered.Select(stem =>
        {
            var postings = stems[stem];
            var counts = Counts(postings);
            var scored = new Posting[postings.Count];
            for (var i = 0; i < scored.Length; i++)
                scored[i] = new Posting(postings[i].Doc, Ranking.Score(postings[i].Weight, postings[i].Fields, postings[i].Length, counts, docs, average), postings[i].Where);
            // The runs come in order, so the postings are in page order already; only a long list is cut to its best.
            return scored.Length <= Ranking.MaxPostings ? ImmutableArray.Create(scored) : Best(scored);
        })]);
        return new OutputFile(IndexFormat.ShardPath(key), IndexFormat.WriteShard(shard), null);
    }, SameFile);

    // The postings of pages with the stem in their title or a heading, and the best-scoring of the others (the newest
    // pages of equal ones), in page order. Sorted as numbers, the score and the place from the end in one: a
    // comparison delegate sorts far slower.
    private static ImmutableArray<Posting> Best(Posting[] postings)
    {
        var keys = new List<long>(postings.Length);
        for (var i = 0; i < postings.Length; i++)
            if (postings[i].Where == 0) keys.Add(((long)(int.MaxValue - postings[i].Score) << 32) | (uint)(postings.Length - 1 - i));
        if (keys.Count <= Ranking.MaxPostings) return ImmutableArray.Create(postings);
        var sorted = CollectionsMarshal.AsSpan(keys);
        sorted.Sort();
        var kept = new bool[postings.Length];
        foreach (var key in sorted[..Ranking.MaxPostings]) kept[postings.Length - 1 - (int)(uint)key] = true;
        var list = ImmutableArray.CreateBuilder<Posting>();
        for (var i = 0; i < postings.Length; i++)
            if (postings[i].Where != 0 || kept[i]) list.Add(postings[i]);
        return list.ToImmutable();
    }

    private static Ranking.Counts Counts(List<Occurrence> postings)
    {
        int text = 0, title = 0, heading = 0, tag = 0;
        foreach (var p in postings)
        {
            if (p.Weight > 0) text++;
            if ((p.Fields & Fields.Title) != 0) title++;
            if ((p.Fields & Fields.Heading) != 0) heading++;
            if ((p.Fields & Fields.Tag) != 0) tag++;
        }
        return new(text, title, heading, tag);
    }

    private static readonly Query<int, OutputFile> DocFile = new("search fragment", (q, doc) =>
    {
        var page = q.Get(Doc, q.Get(Pages, One)[doc]);
        return new OutputFile(IndexFormat.DocPath(doc), IndexFormat.WriteDoc(new IndexFormat.Fragment(page.Title, page.Url, page.Date, page.Section, page.Text)), null);
    }, SameFile);

    /// <summary>One file of the index, made alone (its shard or its fragment, with what they read), or null when the
    /// index has no such file: under preview, the index is made as a browser asks for it.</summary>
    public static OutputFile? File(QueryContext q, string path)
    {
        if (!SiteQueries.SiteConfig(q).Search) return null;
        if (IndexFormat.KeyOf(path) is { } key)
            return q.Get(Keys, One).AsSpan().BinarySearch(key, StringComparer.Ordinal) >= 0 ? q.Get(ShardFile, key) : null;
        if (IndexFormat.DocOf(path) is { } doc) return doc < q.Get(Pages, One).Length ? q.Get(DocFile, doc) : null;
        return null;
    }

    /// <summary>The index's files: its shards and its pages' fragments; none with <c>search: false</c> in site.yaml.</summary>
    public static readonly Query<string, ImmutableArray<OutputFile>> Files = new("search files", (q, _) =>
    {
        if (!SiteQueries.SiteConfig(q).Search) return [];
        var docs = q.Get(Pages, One).Length;
        return [.. q.GetEach(ShardFile, q.Get(Keys, One)), .. q.GetEach(DocFile, [.. Enumerable.Range(0, docs)])];
    });
}
