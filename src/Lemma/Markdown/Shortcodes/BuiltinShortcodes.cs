using System.Globalization;
using System.Net;
using System.Text;

namespace Lemma.Markdown.Shortcodes;

/// <summary>
/// Hugo's built-in shortcodes that blogs use, rendered by Lemma itself. Embeds are links, not frames or scripts: the
/// default theme's Content-Security-Policy allows no third-party frame or script, and a link asks nothing of the
/// reader's browser until it is followed.
/// </summary>
internal static class BuiltinShortcodes
{
    public static ShortcodeOutput? Render(ShortcodeCall call, ShortcodeSite site, Func<string, string> markdownify) =>
        call.Tag.Name switch
        {
            "figure" => Figure(call, markdownify),
            "highlight" => Highlight(call),
            "ref" => Ref(call, "ref"),
            "relref" => Ref(call, "relref"),
            "youtube" => YouTube(call),
            "vimeo" => Vimeo(call),
            "x" or "tweet" or "twitter" => Post(call),
            "gist" => Gist(call),
            "param" => Param(call, site),
            "details" => Details(call),
            _ => null,
        };

    private static string Attr(string? value) => WebUtility.HtmlEncode(value ?? "");

    private static string Required(ShortcodeCall call, string name, int index) =>
        call.Arguments.Get(name, index) is { Length: > 0 } value ? value : throw new ShortcodeException($"needs '{name}'");

    /// <summary>Hugo's figure, in the look of Lemma's own figures (unnumbered: Hugo does not number them).</summary>
    private static ShortcodeOutput Figure(ShortcodeCall call, Func<string, string> markdownify)
    {
        var a = call.Arguments;
        var src = Required(call, "src", 0);
        var html = new StringBuilder("<figure class=\"figure");
        if (a.Get("class") is { Length: > 0 } cls) html.Append(' ').Append(Attr(cls));
        html.Append("\">");
        if (a.Get("link") is { Length: > 0 } link)
        {
            html.Append("<a href=\"").Append(Attr(link)).Append('"');
            if (a.Get("target") is { Length: > 0 } target) html.Append(" target=\"").Append(Attr(target)).Append('"');
            if (a.Get("rel") is { Length: > 0 } rel) html.Append(" rel=\"").Append(Attr(rel)).Append('"');
            html.Append('>');
        }
        var caption = a.Get("caption");
        html.Append("<img src=\"").Append(Attr(src)).Append("\" alt=\"").Append(Attr(a.Get("alt") ?? caption ?? "")).Append('"');
        foreach (var size in new[] { "width", "height" })
            if (a.Get(size) is { Length: > 0 } value) html.Append(' ').Append(size).Append("=\"").Append(Attr(value)).Append('"');
        html.Append(" loading=\"lazy\">");
        if (a.Get("link") is { Length: > 0 }) html.Append("</a>");
        var (title, attr) = (a.Get("title"), a.Get("attr"));
        if (title is { Length: > 0 } || caption is { Length: > 0 } || attr is { Length: > 0 })
        {
            html.Append("\n<figcaption>");
            if (title is { Length: > 0 }) html.Append("<span class=\"figure-title\">").Append(Attr(title)).Append("</span> ");
            if (caption is { Length: > 0 }) html.Append(markdownify(caption));
            if (attr is { Length: > 0 })
            {
                html.Append(caption is { Length: > 0 } ? " " : "");
                var attribution = markdownify(attr);
                html.Append(a.Get("attrlink") is { Length: > 0 } attrLink ? $"<a href=\"{Attr(attrLink)}\">{attribution}</a>" : attribution);
            }
            html.Append("</figcaption>");
        }
        return new ShortcodeOutput.Html(html.Append("\n</figure>").ToString(), [src], a.Get("link") is { Length: > 0 } linked ? [linked] : null);
    }

    /// <summary>A fenced block, so that Lemma's highlighter and its options (<c>linenos</c>, <c>hl_lines</c>, <c>linenostart</c>) apply.</summary>
    private static ShortcodeOutput Highlight(ShortcodeCall call)
    {
        var language = call.Arguments.Get("lang", 0) ?? "";
        var options = call.Arguments.Get("options", 1) ?? "";
        var code = (call.Inner ?? "").TrimStart(' ', '\t').TrimStart('\r').TrimStart('\n').TrimEnd();
        var fence = new string('`', System.Math.Max(3, LongestRun(code, '`') + 1));
        return new ShortcodeOutput.Markdown($"\n{fence}{language} {options.Replace(',', ' ')}\n{code}\n{fence}\n");
    }

    private static int LongestRun(string text, char c)
    {
        var (longest, run) = (0, 0);
        foreach (var x in text) longest = System.Math.Max(longest, run = x == c ? run + 1 : 0);
        return longest;
    }

    /// <summary>A URL the render-content stage resolves once every page's URL is known (Build/ShortcodeRefs).</summary>
    private static ShortcodeOutput Ref(ShortcodeCall call, string kind)
    {
        var target = Required(call, "path", 0);
        var tag = call.Tag;
        return new ShortcodeOutput.Markdown($"lemma-{kind}:{tag.Line}:{tag.Column}:{Uri.EscapeDataString(target)}");
    }

    private static ShortcodeOutput YouTube(ShortcodeCall call)
    {
        var id = Required(call, "id", 0);
        var url = $"https://www.youtube.com/watch?v={Uri.EscapeDataString(id)}";
        if (call.Arguments.Get("start") is { Length: > 0 } start && int.TryParse(start, CultureInfo.InvariantCulture, out var seconds)) url += $"&t={seconds}s";
        return VideoLink(url, call.Arguments.Get("title") ?? "a video", "YouTube");
    }

    private static ShortcodeOutput Vimeo(ShortcodeCall call)
    {
        var id = Required(call, "id", 0);
        return VideoLink($"https://vimeo.com/{Uri.EscapeDataString(id)}", call.Arguments.Get("title") ?? "a video", "Vimeo");
    }

    private static ShortcodeOutput VideoLink(string url, string title, string host) =>
        new ShortcodeOutput.Html($"<p class=\"video-link\"><a href=\"{Attr(url)}\">▶ Watch {Attr(title)} on {host}</a></p>");

    /// <summary>A post on X: a quote of the link, with no script.</summary>
    private static ShortcodeOutput Post(ShortcodeCall call)
    {
        var a = call.Arguments;
        var id = a.Get("id") ?? (a.Positional.Length > 0 ? a.Positional[^1] : null) ?? throw new ShortcodeException("needs 'id'");
        var user = a.Get("user") ?? (a.Positional.Length > 1 ? a.Positional[0] : null);
        var url = $"https://x.com/{(user is { Length: > 0 } ? Uri.EscapeDataString(user) : "i")}/status/{Uri.EscapeDataString(id)}";
        var who = user is { Length: > 0 } ? $"@{Attr(user)}" : "X";
        return new ShortcodeOutput.Html($"<blockquote class=\"post-link\"><p><a href=\"{Attr(url)}\">A post by {who} on X</a></p></blockquote>");
    }

    private static ShortcodeOutput Gist(ShortcodeCall call)
    {
        var user = Required(call, "user", 0);
        var id = Required(call, "id", 1);
        var file = call.Arguments.Get("file", 2);
        var url = $"https://gist.github.com/{Uri.EscapeDataString(user)}/{Uri.EscapeDataString(id)}";
        if (file is { Length: > 0 }) url += "#file-" + Uri.EscapeDataString(file.Replace('.', '-').ToLowerInvariant());
        var name = file is { Length: > 0 } ? $"{Attr(file)} in gist {Attr(user)}/{Attr(id)}" : $"gist {Attr(user)}/{Attr(id)}";
        return new ShortcodeOutput.Html($"<p class=\"gist-link\"><a href=\"{Attr(url)}\">View {name} on GitHub</a></p>");
    }

    /// <summary>The page's front-matter param, else the site's (a dotted name walks into maps), as text.</summary>
    private static ShortcodeOutput Param(ShortcodeCall call, ShortcodeSite site)
    {
        var name = Required(call, "name", 0);
        var value = ShortcodeValues.Path(call.Page.Params, name) ?? ShortcodeValues.Path(site.Params, name)
            ?? throw new ShortcodeException($"neither the page nor the site has a param '{name}'");
        return new ShortcodeOutput.Html(Attr(ShortcodeValues.Text(value)));
    }

    /// <summary>Lemma's own <c>:::details</c> block around the inner Markdown.</summary>
    private static ShortcodeOutput Details(ShortcodeCall call)
    {
        var summary = (call.Arguments.Get("summary", 0) ?? "Details").ReplaceLineEndings(" ");
        return new ShortcodeOutput.Wrap($"\n:::details {summary}\n", "\n:::\n");
    }
}
