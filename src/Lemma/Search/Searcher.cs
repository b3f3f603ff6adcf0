using System.Collections.Immutable;

namespace Lemma.Search;

/// <summary>A page found: its number in the index, its score (the sum over the query's words), how many words it
/// matched, and how well its fields match the query (<see cref="Ranking.Where.Fit"/>).</summary>
public readonly record struct Hit(int Doc, double Score, int Matched, int Cover = 0, int Pairs = 0);

/// <summary>
/// A query run over the index files, as the client (theme/assets/js/search.js) runs it, so that the server's results
/// page and the browser's agree. Each query word is looked up in its shard: a word of the index equal to it scores its
/// stem's postings in full, a longer word it begins (three characters or more, what a reader has typed so far) half.
/// A page's score is the sum over the words of the best of these (a page missing a word is not dropped: a stem keeps
/// only its best postings of pages that have it in their text only).
/// Pages are ordered by the query words their title and one heading hold together, then by the pairs of words next
/// to each other in the query that one field holds both of, then by score, then newest first: a reader who names a page names its title
/// and one of its parts, and words that go together in the query go together on the page. Bounded: at most
/// <see cref="MaxWords"/> words of the first <see cref="MaxQuery"/> characters, one shard each,
/// <see cref="MaxExpansions"/> completions per word.
/// </summary>
public static class Searcher
{
    public const int MaxQuery = 200, MaxWords = 8, MaxExpansions = 64;
    public const double PrefixFactor = 0.5;

    /// <summary>The results the client shows.</summary>
    public const int Shown = 10;

    /// <summary>The words of a query as the index has them: folded, without common English words, at most <see cref="MaxWords"/>.</summary>
    public static ImmutableArray<string> Words(string query) =>
        [.. new Tokens().Of(query.Length > MaxQuery ? query[..MaxQuery] : query).Select(t => t.Word).Distinct().Take(MaxWords)];

    /// <param name="read">The bytes of an index file by its path under the output (e.g. "search/t/tra.json"), null when none.</param>
    public static ImmutableArray<Hit> Run(string query, Func<string, byte[]?> read, int limit)
    {
        var words = Words(query);
        var total = new Dictionary<int, (double Score, int Matched, int[] Where)>();
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            if (read(IndexFormat.ShardPath(IndexFormat.Key(word))) is not { } bytes) continue;
            var shard = IndexFormat.ReadShard(bytes);
            var best = new Dictionary<int, (double Score, int Where)>();
            var expansions = 0;
            foreach (var (entry, stem) in shard.Words)
            {
                var factor = entry == word ? 1 : word.Length >= 3 && entry.StartsWith(word, StringComparison.Ordinal) && expansions++ < MaxExpansions ? PrefixFactor : 0;
                if (factor == 0) continue;
                foreach (var p in shard.Postings[stem])
                {
                    var (score, where) = best.GetValueOrDefault(p.Doc);
                    best[p.Doc] = (System.Math.Max(score, p.Score * factor), where | p.Where);
                }
            }
            foreach (var (doc, (score, where)) in best)
            {
                var (s, m, fields) = total.GetValueOrDefault(doc);
                fields ??= new int[words.Length];
                fields[w] = where;
                total[doc] = (s + score, m + 1, fields);
            }
        }
        return [.. total.Select(kv => (kv, fit: Ranking.Where.Fit(kv.Value.Where)))
            .Select(h => new Hit(h.kv.Key, h.kv.Value.Score, h.kv.Value.Matched, h.fit.Cover, h.fit.Pairs))
            .OrderByDescending(h => h.Cover).ThenByDescending(h => h.Pairs).ThenByDescending(h => h.Score).ThenByDescending(h => h.Doc).Take(limit)];
    }
}
