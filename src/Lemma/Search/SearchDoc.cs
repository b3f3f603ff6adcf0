using System.Collections.Immutable;

namespace Lemma.Search;

/// <summary>A stem of a page: its count in the text (<see cref="Weight"/>), and a bonus for being in the title, a heading
/// or a tag, which BM25's saturation does not flatten (<see cref="Ranking.Score"/>).</summary>
public readonly record struct TermWeight(string Stem, float Weight, float Bonus);

/// <summary>
/// A page as search holds it: what a result shows (title, URL, date, section, text for the snippet) and what ranks it
/// (its stems' weights, its words, its length in words).
/// </summary>
public sealed record SearchDoc(string Title, string Url, string Date, string Section, string Text,
    ImmutableArray<TermWeight> Terms, ImmutableArray<Token> Words, int Length)
{
    // Bonuses, in units of the most a word of the text can score: a title word decides a known-item search, headings
    // and tags say what a page is about.
    public const float TitleBonus = 2, HeadingBonus = 0.8f, TagBonus = 1;

    /// <summary>Characters of the text kept for the snippet: enough to find the matched words in most posts.</summary>
    public const int SnippetSource = 3000;

    public static SearchDoc Make(Tokens tokens, string title, string url, string date, string section, IEnumerable<string> tags, string html)
    {
        var text = SearchText.Of(html);
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        var bonuses = new Dictionary<string, float>(StringComparer.Ordinal);
        var words = new HashSet<Token>();
        var length = 0;
        void Add(string part, float bonus)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in tokens.Of(part))
            {
                words.Add(token);
                if (bonus == 0) { weights[token.Stem] = weights.GetValueOrDefault(token.Stem) + 1; length++; }
                else if (seen.Add(token.Stem)) bonuses[token.Stem] = bonuses.GetValueOrDefault(token.Stem) + bonus;
            }
        }
        Add(title, TitleBonus);
        Add(SearchText.Headings(html), HeadingBonus);
        foreach (var tag in tags) Add(tag, TagBonus);
        Add(text, 0);
        return new SearchDoc(title, url, date, section, text.Length <= SnippetSource ? text : text[..SnippetSource],
            [.. weights.Keys.Union(bonuses.Keys).Order(StringComparer.Ordinal).Select(stem => new TermWeight(stem, weights.GetValueOrDefault(stem), bonuses.GetValueOrDefault(stem)))],
            [.. words.OrderBy(w => w.Word, StringComparer.Ordinal)], length);
    }

    public bool Equals(SearchDoc? other) =>
        other is not null && Title == other.Title && Url == other.Url && Date == other.Date && Section == other.Section
        && Text == other.Text && Length == other.Length && Terms.SequenceEqual(other.Terms) && Words.SequenceEqual(other.Words);

    public override int GetHashCode() => HashCode.Combine(Url, Length, Terms.Length);
}
