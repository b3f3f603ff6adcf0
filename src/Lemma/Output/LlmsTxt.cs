using System.Text;

namespace Lemma.Output;

/// <summary>
/// llms.txt and llms-full.txt at the site root, in the llmstxt.org format: the site's title as the one <c># heading</c>,
/// its description as the <c>&gt;</c> summary, a line of details, then a <c>## section</c> per content section listing its
/// pages as <c>- [Title](absolute URL): description</c>. llms-full.txt holds every post's whole text after the same
/// header: its title, URL and date, then its body as Markdown (<see cref="MarkdownText"/>: made from the rendered body,
/// so shortcodes, citations and notebooks read as the page shows them; each formula as its TeX between dollars).
/// </summary>
public static class LlmsTxt
{
    /// <summary>The site as llms.txt opens both files.</summary>
    public sealed record Header(string Title, string Description, string Details);

    /// <summary>One page of a list: its title, absolute URL and one-line description (may be empty).</summary>
    public sealed record Link(string Title, string Url, string Description);

    /// <summary>One post of llms-full.txt: its title, absolute URL, date (yyyy-MM-dd, or null) and text.</summary>
    public sealed record Post(string Title, string Url, string? Date, string Text);

    public const string IndexFile = "llms.txt";
    public const string FullFile = "llms-full.txt";
    /// <summary>How many posts, the newest, llms-full.txt holds: a text a model can take in. Every post of a 10,000-post
    /// site would be some 200 MB, remade with any edit of any post.</summary>
    public const int FullPosts = 100;

    /// <param name="parts">The lines after the header, in order: <see cref="Heading"/>s and <see cref="Lines"/>, made in runs by the caller.</param>
    public static OutputFile Index(Header site, IEnumerable<string> parts)
    {
        var text = Start(site);
        foreach (var part in parts) text.Append(part);
        return OutputFile.Text(IndexFile, text.ToString());
    }

    /// <summary>A section's heading, before its pages' lines.</summary>
    public static string Heading(string section) => $"\n## {Line(section)}\n\n";

    /// <summary>The list items of <paramref name="links"/>, one line each.</summary>
    public static string Lines(IEnumerable<Link> links)
    {
        var text = new StringBuilder();
        foreach (var link in links)
        {
            text.Append("- [").Append(LinkText(link.Title)).Append("](").Append(link.Url).Append(')');
            if (Line(link.Description) is { Length: > 0 } description) text.Append(": ").Append(description);
            text.Append('\n');
        }
        return text.ToString();
    }

    public static OutputFile Full(Header site, IEnumerable<Post> posts)
    {
        var text = Start(site);
        foreach (var post in posts)
        {
            text.Append("\n---\n\n# ").Append(Line(post.Title)).Append("\n\nURL: ").Append(post.Url).Append('\n');
            if (post.Date is { } date) text.Append("Date: ").Append(date).Append('\n');
            if (post.Text.Trim().Length > 0) text.Append('\n').Append(post.Text.Trim('\n')).Append('\n');
        }
        return OutputFile.Text(FullFile, text.ToString());
    }

    private static StringBuilder Start(Header site)
    {
        var text = new StringBuilder("# ").Append(Line(site.Title)).Append('\n');
        if (Line(site.Description) is { Length: > 0 } description) text.Append("\n> ").Append(description).Append('\n');
        if (Line(site.Details) is { Length: > 0 } details) text.Append('\n').Append(details).Append('\n');
        return text;
    }

    // A title or description is one line: a line break in front matter would start a heading or a list item of its own.
    private static string Line(string text) => string.Join(' ', Configuration.ControlCharacters.Strip(text).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    // Brackets in a title would end the link's text early.
    private static string LinkText(string title) => Line(title).Replace("[", "\\[").Replace("]", "\\]");
}
