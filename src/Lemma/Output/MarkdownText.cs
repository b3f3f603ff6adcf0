using System.Net;
using System.Text.RegularExpressions;
using Lemma.Output.Views;

namespace Lemma.Output;

/// <summary>
/// A rendered body as Markdown text, for llms-full.txt: headings as #, lists as -, links and images with absolute URLs,
/// code blocks fenced with their language, and each formula as its TeX between dollars ($…$ in a line, $$…$$ on its
/// own), never its MathML's characters. Made in a few linear passes over the HTML, as <see cref="FeedHtml"/> is.
/// </summary>
public static partial class MarkdownText
{
    // Code and TeX are held aside while tags go, so a "<" they hold once unescaped is never taken for a tag.
    private const char Open = '\uE001', Close = '\uE002';

    public static string Of(string bodyHtml, string pageUrl)
    {
        if (bodyHtml.Length == 0) return "";
        var page = Uri.TryCreate(pageUrl, UriKind.Absolute, out var u) ? u : null;
        var held = new List<string>();
        string Hold(string text)
        {
            held.Add(text);
            return $"{Open}{held.Count - 1}{Close}";
        }
        var html = FeedHtml.Dropped().Replace(bodyHtml, "");
        html = CodeBlock().Replace(html, m => "\n\n" + Hold("```" + m.Groups[1].Value + "\n" + Decode(Tags().Replace(m.Groups[2].Value, "")).TrimEnd('\n') + "\n```") + "\n\n");
        html = MathSource().Replace(html, m => Hold("$" + Decode(m.Groups[1].Value) + "$"));
        html = Formula().Replace(html, m =>
        {
            var tex = Decode(ViewFactory.FormulasAsTex(m.Value, displayDollars: true));
            return tex.StartsWith("$$", StringComparison.Ordinal) ? "\n\n" + Hold(tex) + "\n\n" : Hold(tex);
        });
        html = InlineCode().Replace(html, m => Hold("`" + Decode(Tags().Replace(m.Groups[1].Value, "")) + "`"));
        html = Heading().Replace(html, m => "\n\n" + new string('#', m.Groups[1].Value[0] - '0') + " " + m.Groups[2].Value.Replace('\n', ' ') + "\n\n");
        html = Image().Replace(html, m => $"![{Attr(m.Value, "alt")}]({Absolute(page, Attr(m.Value, "src"))})");
        html = Link().Replace(html, m => $"[{m.Groups[2].Value}]({Absolute(page, Decode(m.Groups[1].Value))})");
        html = Emphasis().Replace(html, m => m.Groups[1].Value.ToLowerInvariant() is "strong" or "b" ? "**" : "*");
        html = ListItem().Replace(html, "\n- ");
        html = LineBreak().Replace(html, "\n");
        html = Block().Replace(html, "\n\n");
        var text = Decode(Tags().Replace(html, ""));
        text = HeldText().Replace(text, m => held[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
        var lines = text.Split('\n').Select(line => line.TrimEnd());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim('\n');
    }

    private static string Decode(string html) => WebUtility.HtmlDecode(html);

    private static string Attr(string tag, string name) =>
        Regex.Match(tag, "\\s" + name + "=\"([^\"]*)\"") is { Success: true } m ? Decode(m.Groups[1].Value) : "";

    private static string Absolute(Uri? page, string url) =>
        page is not null && url.Length > 0 && Uri.TryCreate(page, url.Trim(), out var resolved) ? resolved.AbsoluteUri : url;

    [GeneratedRegex("""<pre\b[^>]*?(?:\sdata-lang="([^"]*)"[^>]*)?>(.*?)</pre>""", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("""<code class="math-source">(.*?)</code>""", RegexOptions.Singleline)]
    private static partial Regex MathSource();

    [GeneratedRegex("<math\\b.*?</math>", RegexOptions.Singleline)]
    private static partial Regex Formula();

    [GeneratedRegex("<code\\b[^>]*>(.*?)</code>", RegexOptions.Singleline)]
    private static partial Regex InlineCode();

    [GeneratedRegex("<h([1-6])\\b[^>]*>(.*?)</h\\1>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("<img\\b[^>]*>")]
    private static partial Regex Image();

    [GeneratedRegex("""<a\b[^>]*?\shref="([^"]*)"[^>]*>(.*?)</a>""", RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex("</?(strong|b|em|i)>", RegexOptions.IgnoreCase)]
    private static partial Regex Emphasis();

    [GeneratedRegex("\\s*<li\\b[^>]*>")]
    private static partial Regex ListItem();

    [GeneratedRegex("<br\\s*/?>")]
    private static partial Regex LineBreak();

    [GeneratedRegex("</?(?:p|div|ul|ol|figure|figcaption|blockquote|table|thead|tbody|tr|section|aside|details|summary|dl|dt|dd|hr)\\b[^>]*>")]
    private static partial Regex Block();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("\uE001(\\d+)\uE002")]
    private static partial Regex HeldText();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex BlankLines();
}
