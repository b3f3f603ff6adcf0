using System.Collections.Immutable;

namespace Lemma.Search;

/// <summary>A page found: its number in the index and its score (the sum over the query's words).</summary>
public readonly record struct Hit(int Doc, double Score, int Matched);

/// <summary>
/// A query run over the index files, as the client (theme/assets/js/search.js) runs it, so that the server's results
/// page and the browser's agree. Each query word is looked up in its shard: a word of the index equal to it scores its
/// stem's postings in full, a longer word it begins (three characters or more, what a reader has typed so far) half.
/// A page's score is the sum over the words of the best of these (a page missing a word is not dropped: a stem keeps
/// only its best postings, and a known item may be past them for a common word).
/// The first <see cref="Reranked"/> pages are then ordered by how well their fields match the query
/// (<see cref="Rerank"/>). Bounded: at most <see cref="MaxWords"/> words of the first <see cref="MaxQuery"/> characters, one shard each,
/// <see cref="MaxExpansions"/> completions per word.
/// </summary>
public static class Searcher
{
    public const int MaxQuery = 200, MaxWords = 8, MaxExpansions = 64;
    public const double PrefixFactor = 0.5;

    /// <summary>The first results <see cref="Rerank"/> orders: those the client shows, whose fragments it loads anyway.</summary>
    public const int Reranked = 10;

    /// <summary><see cref="Run"/>, then <see cref="Rerank"/> over the pages' fragments.</summary>
    public static ImmutableArray<Hit> Find(string query, Func<string, byte[]?> read, int limit) =>
        Rerank(Run(query, read, System.Math.Max(limit, Reranked)), Words(query),
            doc => read(IndexFormat.DocPath(doc)) is { } bytes ? IndexFormat.ReadDoc(bytes) : null).Take(limit).ToImmutableArray();

    /// <summary>
    /// Orders the first <see cref="Reranked"/> hits by the query words that the title and one heading of the page hold
    /// together, then by the pairs of words next to each other in the query that one field (the title, or a heading)
    /// holds both of, then as they were (by score). Scores add up words wherever they are; a reader who names a page
    /// names its title and one of its parts, and words that go together in the query go together on the page.
    /// A word matches a field's word equal to it or, from three characters, one it begins.
    /// </summary>
    public static ImmutableArray<Hit> Rerank(ImmutableArray<Hit> hits, ImmutableArray<string> words, Func<int, IndexFormat.Fragment?> fragment)
    {
        var head = hits.Take(Reranked).Select((hit, i) => (hit, i, key: Fit(words, fragment(hit.Doc))))
            .OrderByDescending(h => h.key.Cover).ThenByDescending(h => h.key.Pairs).ThenBy(h => h.i).Select(h => h.hit);
        return [.. head, .. hits.Skip(Reranked)];
    }

    private static (int Cover, int Pairs) Fit(ImmutableArray<string> words, IndexFormat.Fragment? page)
    {
        if (page is null) return (0, 0);
        var tokens = new Tokens();
        HashSet<string> Field(string text) => [.. tokens.Of(text).Select(t => t.Word)];
        var title = Field(page.Title);
        var headings = page.Headings.Split('\n').Select(Field).ToList();
        var fields = headings.Prepend(title).ToList();
        static bool Has(HashSet<string> field, string word) =>
            field.Contains(word) || (word.Length >= 3 && field.Any(w => w.StartsWith(word, StringComparison.Ordinal)));
        var cover = fields.Max(h => words.Count(w => Has(title, w) || Has(h, w)));
        var pairs = 0;
        for (var i = 0; i + 1 < words.Length; i++)
            if (fields.Any(f => Has(f, words[i]) && Has(f, words[i + 1]))) pairs++;
        return (cover, pairs);
    }

    /// <summary>The words of a query as the index has them: folded, without common English words, at most <see cref="MaxWords"/>.</summary>
    public static ImmutableArray<string> Words(string query) =>
        [.. new Tokens().Of(query.Length > MaxQuery ? query[..MaxQuery] : query).Select(t => t.Word).Distinct().Take(MaxWords)];

    /// <param name="read">The bytes of an index file by its path under the output (e.g. "search/t/tra.json"), null when none.</param>
    public static ImmutableArray<Hit> Run(string query, Func<string, byte[]?> read, int limit)
    {
        var total = new Dictionary<int, (double Score, int Matched)>();
        foreach (var word in Words(query))
        {
            if (read(IndexFormat.ShardPath(IndexFormat.Key(word))) is not { } bytes) continue;
            var shard = IndexFormat.ReadShard(bytes);
            var best = new Dictionary<int, double>();
            var expansions = 0;
            foreach (var (entry, stem) in shard.Words)
            {
                var factor = entry == word ? 1 : word.Length >= 3 && entry.StartsWith(word, StringComparison.Ordinal) && expansions++ < MaxExpansions ? PrefixFactor : 0;
                if (factor == 0) continue;
                foreach (var p in shard.Postings[stem])
                    if (p.Score * factor > best.GetValueOrDefault(p.Doc)) best[p.Doc] = p.Score * factor;
            }
            foreach (var (doc, score) in best)
            {
                var (s, m) = total.GetValueOrDefault(doc);
                total[doc] = (s + score, m + 1);
            }
        }
        return [.. total.Select(kv => new Hit(kv.Key, kv.Value.Score, kv.Value.Matched))
            .OrderByDescending(h => h.Score).ThenBy(h => h.Doc).Take(limit)];
    }
}
