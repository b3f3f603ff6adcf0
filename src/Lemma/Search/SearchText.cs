using System.Net;
using System.Text.RegularExpressions;

namespace Lemma.Search;

/// <summary>The words a page's rendered HTML shows a reader: its text without markup, and its headings' text.</summary>
public static partial class SearchText
{
    /// <summary>The text of <paramref name="html"/>, as one line: no scripts, styles, or a formula's TeX source twice.</summary>
    public static string Of(string html)
    {
        var text = Hidden().Replace(html, " ");
        // Inline markup (a highlighted token, a link) joins what it wraps: "model.train()" stays one piece of code.
        text = WebUtility.HtmlDecode(Tag().Replace(Inline().Replace(text, ""), " "));
        return Space().Replace(text, " ").Trim();
    }

    /// <summary>The text of every &lt;h1&gt;..&lt;h6&gt; in <paramref name="html"/>, each on its own line.</summary>
    public static string Headings(string html) =>
        string.Join('\n', Heading().Matches(html).Select(m => Of(m.Groups[1].Value)));

    [GeneratedRegex(@"<(script|style|annotation|template|svg)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"</?(?:span|a|em|strong|code|b|i|mark|sub|sup|abbr|kbd|small|s|del|ins|u|q|cite|dfn|var|samp|time)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Inline();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex(@"<h[1-6]\b[^>]*>(.*?)</h[1-6]\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Heading();
}
