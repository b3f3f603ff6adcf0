using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Lemma.Search;

/// <summary>A few words of a page's text around the first of the query's words in it, those words marked.</summary>
public static partial class Snippet
{
    public const int Words = 30;

    /// <summary>HTML: the text escaped, each matched word in &lt;mark&gt;.</summary>
    public static string Html(string text, ImmutableArray<string> query)
    {
        var words = Word().Matches(text);
        bool Matches(Match m) { var w = Tokens.Fold(m.Value); return query.Any(q => w == q || (q.Length >= 3 && w.StartsWith(q, StringComparison.Ordinal))); }
        var first = 0;
        for (var i = 0; i < words.Count; i++) if (Matches(words[i])) { first = i; break; }
        var from = System.Math.Max(0, first - 8);
        var to = System.Math.Min(words.Count, from + Words);
        if (words.Count == 0) return "";
        var html = new StringBuilder(from > 0 ? "… " : "");
        var at = words[from].Index;
        for (var i = from; i < to; i++)
        {
            var m = words[i];
            html.Append(WebUtility.HtmlEncode(text[at..m.Index]));
            html.Append(Matches(m) ? $"<mark>{WebUtility.HtmlEncode(m.Value)}</mark>" : WebUtility.HtmlEncode(m.Value));
            at = m.Index + m.Length;
        }
        if (to < words.Count) html.Append(" …");
        return html.ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex Word();
}
