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
/// Bounded: at most <see cref="MaxWords"/> words of the first <see cref="MaxQuery"/> characters, one shard each,
/// <see cref="MaxExpansions"/> completions per word.
/// </summary>
public static class Searcher
{
    public const int MaxQuery = 200, MaxWords = 8, MaxExpansions = 64;
    public const double PrefixFactor = 0.5;

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
