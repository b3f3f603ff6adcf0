using System.Collections.Immutable;

namespace Lemma.Search;

/// <summary>A stem of a page and its weight there: its count in the text, more for each time a title, heading or tag holds it.</summary>
public readonly record struct TermWeight(string Stem, float Weight);

/// <summary>
/// A page as search holds it: what a result shows (title, URL, date, section, text for the snippet) and what ranks it
/// (its stems' weights, its words, its length in words).
/// </summary>
public sealed record SearchDoc(string Title, string Url, string Date, string Section, string Text,
    ImmutableArray<TermWeight> Terms, ImmutableArray<Token> Words, int Length)
{
    // Boosts over a word of the text: a title word decides a known-item search, headings and tags say what a page is about.
    public const float TitleBoost = 6, HeadingBoost = 2.5f, TagBoost = 3;

    /// <summary>Characters of the text kept for the snippet: enough to find the matched words in most posts.</summary>
    public const int SnippetSource = 3000;

    public static SearchDoc Make(Tokens tokens, string title, string url, string date, string section, IEnumerable<string> tags, string html)
    {
        var text = SearchText.Of(html);
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        var words = new HashSet<Token>();
        var length = 0;
        void Add(string part, float weight, bool counts)
        {
            foreach (var token in tokens.Of(part))
            {
                weights[token.Stem] = weights.GetValueOrDefault(token.Stem) + weight;
                words.Add(token);
                if (counts) length++;
            }
        }
        Add(title, TitleBoost, true);
        Add(SearchText.Headings(html), HeadingBoost - 1, false); // the headings' words are in the text too
        foreach (var tag in tags) Add(tag, TagBoost, true);
        Add(text, 1, true);
        return new SearchDoc(title, url, date, section, text.Length <= SnippetSource ? text : text[..SnippetSource],
            [.. weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new TermWeight(w.Key, w.Value))],
            [.. words.OrderBy(w => w.Word, StringComparer.Ordinal)], length);
    }

    public bool Equals(SearchDoc? other) =>
        other is not null && Title == other.Title && Url == other.Url && Date == other.Date && Section == other.Section
        && Text == other.Text && Length == other.Length && Terms.SequenceEqual(other.Terms) && Words.SequenceEqual(other.Words);

    public override int GetHashCode() => HashCode.Combine(Url, Length, Terms.Length);
}
