using System.Text.RegularExpressions;

namespace Lemma.Markdown;

/// <summary>
/// The <c>&lt;!--more--&gt;</c> mark that ends a page's summary. It may stand inside a paragraph (or a list, a quote),
/// so the HTML before it is closed where it was cut: the summary of <c>Hello. &lt;!--more--&gt; More.</c> is
/// <c>&lt;p&gt;Hello.&lt;/p&gt;</c>.
/// </summary>
internal static partial class MoreMark
{
    public const string Text = "<!--more-->";

    /// <summary>The rendered HTML before the mark, with the elements still open there closed; null without a mark.</summary>
    public static string? SummaryOf(string html)
    {
        var at = html.IndexOf(Text, StringComparison.Ordinal);
        if (at < 0) return null;
        var cut = html[..at].TrimEnd();
        var open = new Stack<string>();
        foreach (Match tag in Tag().Matches(cut))
        {
            var name = tag.Groups[2].Value.ToLowerInvariant();
            if (VoidElements.Contains(name) || tag.Value.EndsWith("/>", StringComparison.Ordinal)) continue;
            if (tag.Groups[1].Length == 0) { open.Push(name); continue; }
            // An end tag closes its element and whatever was left open inside it.
            if (!open.Contains(name)) continue;
            while (open.Pop() != name) { }
        }
        return cut + string.Concat(open.Select(name => "</" + name + ">"));
    }

    private static readonly HashSet<string> VoidElements =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

    // Comments and doctypes start with '!' and are not tags here; the renderer escapes '>' inside attribute values.
    [GeneratedRegex(@"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>")]
    private static partial Regex Tag();
}
