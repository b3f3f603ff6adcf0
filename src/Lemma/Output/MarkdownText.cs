using System.Net;
using System.Text.RegularExpressions;
using Lemma.Output.Views;

namespace Lemma.Output;

/// <summary>
/// A rendered body as Markdown text, for llms-full.txt: headings as #, lists as - or 1. (nested ones indented),
/// quotes as >, tables as pipe tables, links and images with absolute URLs,
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
        // A fragment's Markdown, with what it holds put back.
        string Text(string html)
        {
            html = Heading().Replace(html, m => "\n\n" + new string('#', m.Groups[1].Value[0] - '0') + " " + m.Groups[2].Value.Replace('\n', ' ') + "\n\n");
            html = Image().Replace(html, m => $"![{Attr(m.Value, "alt")}]({Absolute(page, Attr(m.Value, "src"))})");
            html = Link().Replace(html, m => $"[{m.Groups[2].Value}]({Absolute(page, Decode(m.Groups[1].Value))})");
            html = Emphasis().Replace(html, m => m.Groups[1].Value.ToLowerInvariant() is "strong" or "b" ? "**" : "*");
            html = LineBreak().Replace(html, "\n");
            html = Block().Replace(html, "\n\n");
            var text = Decode(Tags().Replace(html, ""));
            text = HeldText().Replace(text, m => held[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
            var lines = text.Split('\n').Select(line => line.TrimEnd());
            return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim('\n');
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
        // Lists, quotes and tables innermost first: each is made whole and held, so the one around it indents or quotes
        // it as a block.
        for (var found = true; found;)
        {
            found = false;
            // A list stays on the line after an item's text (a blank line between would make the outer list loose).
            string Held(string markdown, string around)
            {
                found = true;
                return around + Hold(markdown) + around;
            }
            html = InnermostList().Replace(html, m => Held(List(m.Groups[1].Value == "ol", Attr(m.Groups[2].Value, "start"), m.Groups[3].Value, Text), ""));
            html = InnermostQuote().Replace(html, m => Held(Prefixed(Text(m.Groups[1].Value), "> ", "> "), "\n\n"));
            html = InnermostTable().Replace(html, m => Held(Table(m.Groups[1].Value, Text), "\n\n"));
        }
        return Text(html);
    }

    /// <summary>Each item's Markdown after its marker ("- " or "3. "), its further lines indented under the first.</summary>
    private static string List(bool ordered, string start, string items, Func<string, string> text)
    {
        var number = int.TryParse(start, out var first) ? first : 1;
        var parts = ListItem().Split(items).Skip(1).Select(item => text(ItemEnd().Replace(item, "")));
        return string.Join('\n', parts.Select(item =>
        {
            var marker = ordered ? $"{number++}. " : "- ";
            return Prefixed(item, marker, new string(' ', marker.Length));
        }));
    }

    /// <summary>The first line after <paramref name="first"/>, the others after <paramref name="rest"/>; blank lines kept blank.</summary>
    private static string Prefixed(string text, string first, string rest) =>
        string.Join('\n', text.Split('\n').Select((line, i) => line.Length == 0 ? rest.TrimEnd() : (i == 0 ? first : rest) + line));

    /// <summary>A table as a pipe table, its first row the header; each cell's text on one line.</summary>
    private static string Table(string rows, Func<string, string> text)
    {
        var lines = new List<string>();
        foreach (Match row in TableRow().Matches(rows))
        {
            var cells = TableCell().Matches(row.Groups[1].Value).Select(c => text(c.Groups[1].Value).Replace('\n', ' ').Replace("|", "\\|")).ToList();
            if (cells.Count == 0) continue;
            lines.Add("| " + string.Join(" | ", cells) + " |");
            if (lines.Count == 1) lines.Add("|" + string.Concat(cells.Select(_ => " --- |")));
        }
        return string.Join('\n', lines);
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

    [GeneratedRegex("<li\\b[^>]*>")]
    private static partial Regex ListItem();

    [GeneratedRegex("</li>")]
    private static partial Regex ItemEnd();

    [GeneratedRegex("<(ul|ol)\\b([^>]*)>((?:(?!<(?:ul|ol)\\b).)*?)</\\1>", RegexOptions.Singleline)]
    private static partial Regex InnermostList();

    [GeneratedRegex("<blockquote\\b[^>]*>((?:(?!<blockquote\\b).)*?)</blockquote>", RegexOptions.Singleline)]
    private static partial Regex InnermostQuote();

    [GeneratedRegex("<table\\b[^>]*>((?:(?!<table\\b).)*?)</table>", RegexOptions.Singleline)]
    private static partial Regex InnermostTable();

    [GeneratedRegex("<tr\\b[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex("<t[hd]\\b[^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex TableCell();

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
