using System.Text;
using System.Text.RegularExpressions;
using Lemma.Templates;

namespace Lemma.Output;

/// <summary>
/// A page's whole body as a feed entry carries it: a feed reader shows it away from the site, without its scripts and
/// stylesheets. Every URL is absolute (links, images, srcset), code keeps its colours as inline styles (the emails'
/// <see cref="CodeColours"/>), MathML stays as it is (readers that show MathML show it; its TeX annotation serves the
/// rest), and nothing runs. It rewrites the rendered HTML tag by tag, in one pass: a DOM costs time that grows with
/// the square of a paragraph's children, and a post with ten thousand formulas must not stall the build.
/// </summary>
public static partial class FeedHtml
{
    // Attributes that hold a URL, resolved against the page's own URL.
    private static readonly HashSet<string> UrlAttributes = new(["href", "src", "poster", "cite", "action", "data"], StringComparer.OrdinalIgnoreCase);

    public static string Of(string bodyHtml, string pageUrl)
    {
        if (bodyHtml.Length == 0 || !Uri.TryCreate(pageUrl, UriKind.Absolute, out var page)) return bodyHtml;
        var kept = Dropped().Replace(bodyHtml, "");
        // Into one buffer sized for the whole body: a code-heavy post has tens of thousands of tags, and a replacement
        // per tag (its own string, then all of them joined) cost more than the rewriting itself.
        var html = new StringBuilder(kept.Length + kept.Length / 4);
        var at = 0;
        for (var tag = StartTag().Match(kept); tag.Success; tag = tag.NextMatch())
        {
            html.Append(kept, at, tag.Index - at);
            Rewrite(tag, page, html);
            at = tag.Index + tag.Length;
        }
        return html.Append(kept, at, kept.Length - at).ToString();
    }

    private static void Rewrite(Match tag, Uri page, StringBuilder html)
    {
        var tagName = tag.Groups[1];
        var isPre = tagName.ValueSpan.Equals("pre", StringComparison.OrdinalIgnoreCase);
        var attributes = tag.Groups[2];
        // A tag with no attributes needs nothing looked up (but <pre>, which takes the code's colours).
        if (attributes.Length == 0 && !isPre)
        {
            html.Append('<').Append(tagName.ValueSpan).Append(tag.Groups[3].ValueSpan).Append('>');
            return;
        }
        var isSpan = tagName.ValueSpan.Equals("span", StringComparison.OrdinalIgnoreCase);
        // Most tags of a post with code are a token's <span class="...">: taken without parsing its attributes.
        if (isSpan && attributes.ValueSpan is [' ', 'c', 'l', 'a', 's', 's', '=', '"', .. var classes, '"'] && !classes.Contains('"'))
        {
            html.Append('<').Append(tagName.ValueSpan);
            if (Colour(classes) is { } tokenColour) html.Append(" style=\"").Append(tokenColour).Append('"');
            else html.Append(" class=\"").Append(classes).Append('"');
            html.Append(tag.Groups[3].ValueSpan).Append('>');
            return;
        }
        html.Append('<').Append(tagName.ValueSpan);
        string? style = null;
        foreach (Match attribute in Attribute().Matches(attributes.Value))
        {
            var key = attribute.Groups[1].Value;
            var quoted = attribute.Groups[2].Success || attribute.Groups[3].Success;
            var value = attribute.Groups[2].Success ? attribute.Groups[2].Value : attribute.Groups[3].Success ? attribute.Groups[3].Value : attribute.Groups[4].Value;
            if (key.StartsWith("on", StringComparison.OrdinalIgnoreCase)) continue;
            if (isSpan && key == "class" && Colour(value) is { } colour)
            {
                // A token's colour instead of its class: classes mean nothing without the site's stylesheet.
                style = colour;
                continue;
            }
            if (UrlAttributes.Contains(key)) value = Escape(Absolute(page, Unescape(value)));
            else if (key.Equals("srcset", StringComparison.OrdinalIgnoreCase)) value = Escape(SrcSet(page, Unescape(value)));
            html.Append(' ').Append(key);
            if (quoted || attribute.Groups[4].Success) html.Append("=\"").Append(value.Replace("\"", "&quot;")).Append('"');
        }
        if (isPre) style = $"color:{CodeColours.Text};background-color:{CodeColours.Background};padding:12px;overflow-x:auto;";
        if (style is not null) html.Append(" style=\"").Append(style).Append('"');
        html.Append(tag.Groups[3].ValueSpan).Append('>');
    }

    /// <summary>The colour of the first of a span's classes that has one.</summary>
    private static string? Colour(ReadOnlySpan<char> classes)
    {
        var styles = CodeColours.Styles.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in classes.Split(' '))
            if (styles.TryGetValue(classes[range], out var colour) && colour.Length > 0) return colour;
        return null;
    }

    private static string Absolute(Uri page, string url)
    {
        var trimmed = url.Trim();
        if (trimmed.Length == 0) return url;
        // A script URL is not resolved but dropped: a feed entry runs nothing.
        if (new string([.. trimmed.Where(c => c > ' ')]).StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) return "#";
        return Uri.TryCreate(page, trimmed, out var resolved) ? resolved.AbsoluteUri : url;
    }

    // "a.png 1x, b.png 2x": each candidate's URL resolved, its descriptor kept.
    private static string SrcSet(Uri page, string srcset) =>
        string.Join(", ", srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(candidate =>
        {
            var space = candidate.IndexOfAny([' ', '\t', '\n']);
            return space < 0 ? Absolute(page, candidate) : Absolute(page, candidate[..space]) + candidate[space..];
        }));

    // The renderer escapes & in attributes; a URL is resolved unescaped and written back escaped.
    private static string Unescape(string value) => System.Net.WebUtility.HtmlDecode(value);

    private static string Escape(string value) => value.Replace("&", "&amp;", StringComparison.Ordinal);

    /// <summary>What does nothing, or harm, in a feed reader: scripts and what only a script or the site's stylesheet
    /// uses (the copy button, a heading's "#" link), with everything inside them.</summary>
    // Each element is spelled out rather than closed by a backreference: the generator cannot compile a
    // backreference that ignores case, and the interpreter it falls back to is several times slower.
    [GeneratedRegex("""<script\b[^>]*>.*?</script\s*>|<noscript\b[^>]*>.*?</noscript\s*>|<template\b[^>]*>.*?</template\s*>|<style\b[^>]*>.*?</style\s*>|<button\b[^>]*>.*?</button\s*>|<textarea\b[^>]*>.*?</textarea\s*>|<select\b[^>]*>.*?</select\s*>|<(?:link|meta|input)\b[^>]*>|<a class="anchor"[^>]*>.*?</a>""",
        RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    internal static partial Regex Dropped();

    /// <summary>A start tag: its name, its attributes (quoted values may hold '>') and a self-closing slash.</summary>
    [GeneratedRegex("""<([A-Za-z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(/?)>""")]
    private static partial Regex StartTag();

    [GeneratedRegex("""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")]
    private static partial Regex Attribute();
}
