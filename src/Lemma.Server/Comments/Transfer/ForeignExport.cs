using System.Globalization;
using System.Xml.Linq;

namespace Lemma.Server.Comments.Transfer;

/// <summary>
/// The comments of another blog's export: a Disqus XML export (threads with their page links, posts with their
/// thread and parent) or a WordPress WXR file (items with their link, each with its wp:comment elements). Their text is
/// HTML, turned into Markdown by <see cref="ForeignHtml"/>; the server renders and sanitizes it as any comment.
/// Pingbacks and trackbacks are not comments and are left out.
/// </summary>
public static class ForeignExport
{
    private static readonly XNamespace Disqus = "http://disqus.com";
    private static readonly XNamespace Internals = "http://disqus.com/disqus-internals";

    /// <summary>The comments of <paramref name="document"/>, a Disqus or WXR export; <see cref="FormatException"/> otherwise.</summary>
    public static IReadOnlyList<ArchivedComment> Read(XDocument document) => document.Root switch
    {
        { } root when root.Name == Disqus + "disqus" => ReadDisqus(root),
        { } root when root.Name.LocalName == "rss" => ReadWordPress(root),
        _ => throw new FormatException("neither a Disqus export (<disqus>) nor a WordPress export (<rss> with wp:comment)"),
    };

    private static IReadOnlyList<ArchivedComment> ReadDisqus(XElement root)
    {
        var links = root.Elements(Disqus + "thread")
            .Where(t => t.Attribute(Internals + "id") is not null)
            .ToDictionary(t => t.Attribute(Internals + "id")!.Value, t => ((string?)t.Element(Disqus + "link") ?? "").Trim());
        var comments = new List<ArchivedComment>();
        foreach (var post in root.Elements(Disqus + "post"))
        {
            if (!long.TryParse(post.Attribute(Internals + "id")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) continue;
            var thread = post.Element(Disqus + "thread")?.Attribute(Internals + "id")?.Value;
            if (thread is null || !links.TryGetValue(thread, out var link)) continue;
            var deleted = (string?)post.Element(Disqus + "isDeleted") == "true";
            var spam = (string?)post.Element(Disqus + "isSpam") == "true";
            var author = post.Element(Disqus + "author");
            long? parent = long.TryParse(post.Element(Disqus + "parent")?.Attribute(Internals + "id")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
            comments.Add(new ArchivedComment(id, link, parent, ((string?)author?.Element(Disqus + "name") ?? "").Trim(),
                ((string?)author?.Element(Disqus + "email") ?? "").Trim(), "", ForeignHtml.ToMarkdown((string?)post.Element(Disqus + "message") ?? ""),
                deleted ? "deleted" : spam ? "spam" : "approved", Time((string?)post.Element(Disqus + "createdAt"))));
        }
        return comments;
    }

    private static IReadOnlyList<ArchivedComment> ReadWordPress(XElement root)
    {
        var comments = new List<ArchivedComment>();
        foreach (var item in root.Elements("channel").Elements("item"))
        {
            var link = ((string?)item.Element("link") ?? "").Trim();
            foreach (var comment in item.Elements().Where(e => e.Name.LocalName == "comment"))
            {
                string Field(string name) => ((string?)comment.Elements().FirstOrDefault(e => e.Name.LocalName == name) ?? "").Trim();
                if (Field("comment_type") is "pingback" or "trackback") continue;
                if (!long.TryParse(Field("comment_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) continue;
                long? parent = long.TryParse(Field("comment_parent"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p != 0 ? p : null;
                var status = Field("comment_approved") switch { "1" => "approved", "spam" => "spam", "trash" => "deleted", _ => "pending" };
                var website = Field("comment_author_url");
                comments.Add(new ArchivedComment(id, link, parent, Field("comment_author"), Field("comment_author_email"),
                    website.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || website.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? website : "",
                    ForeignHtml.ToMarkdown(Field("comment_content")), status, Time(Field("comment_date_gmt"))));
            }
        }
        return comments;
    }

    /// <summary>Disqus's 2013-01-02T10:00:00Z or WordPress's GMT 2013-01-02 10:00:00.</summary>
    private static DateTimeOffset Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : DateTimeOffset.UnixEpoch;
}
