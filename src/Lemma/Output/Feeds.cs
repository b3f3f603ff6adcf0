using System.Text;
using System.Text.Json;
using System.Xml;
using Lemma.Configuration;
using Lemma.Output.Views;

namespace Lemma.Output;

/// <summary>A feed to write: its title, where it lives (a site folder such as "/posts/") and its entries, newest first.
/// <paramref name="Contents"/>: each entry's whole body as a feed carries it (<see cref="FeedHtml"/>), in the entries'
/// order; null when the feeds carry summaries alone (<c>feeds: { content: summary }</c>).</summary>
public sealed record FeedSpec(string Title, string Folder, IReadOnlyList<PageView> Entries, IReadOnlyList<string>? Contents = null)
{
    /// <summary>The whole body of the entry at <paramref name="index"/>; null when the feed carries summaries or the body is empty.</summary>
    public string? Content(int index) => Contents is { } all && all[index].Length > 0 ? ControlCharacters.Strip(all[index]) : null;
}

/// <summary>RSS 2.0, Atom 1.0 and JSON Feed 1.1 for one list of pages.</summary>
public static partial class Feeds
{
    /// <summary>The files of the feed of the list at <paramref name="folder"/> ("/tags/ml/"): RSS, Atom, JSON Feed.</summary>
    public static string[] PathsFor(string folder)
    {
        var at = folder.TrimStart('/');
        return [at + "index.xml", at + "atom.xml", at + "feed.json"];
    }

    public static IEnumerable<OutputFile> Write(FeedSpec feed, SiteView site, SiteUrls urls, string updated)
    {
        var paths = PathsFor(feed.Folder);
        yield return new OutputFile(paths[0], Rss(feed, site, urls), null);
        yield return new OutputFile(paths[1], Atom(feed, site, urls, updated), null);
        yield return new OutputFile(paths[2], Json(feed, site, urls), null);
    }

    // RSS's module for an item's whole HTML (content:encoded), beside its description's summary.
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";

    private static XmlWriterSettings XmlSettings => new() { Encoding = new UTF8Encoding(false), Indent = true };

    private static byte[] Rss(FeedSpec feed, SiteView site, SiteUrls urls)
    {
        using var stream = new ChunkedStream();
        using (var w = XmlWriter.Create(stream, XmlSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteAttributeString("xmlns", "atom", null, "http://www.w3.org/2005/Atom");
            w.WriteAttributeString("xmlns", "content", null, ContentNamespace);
            w.WriteStartElement("channel");
            w.WriteElementString("title", Clean(feed.Title));
            w.WriteElementString("link", urls.Absolute(feed.Folder));
            w.WriteElementString("description", Clean(site.Description.Length > 0 ? site.Description : feed.Title));
            w.WriteElementString("language", site.Language);
            w.WriteStartElement("atom", "link", "http://www.w3.org/2005/Atom");
            w.WriteAttributeString("href", urls.Absolute(feed.Folder + "index.xml"));
            w.WriteAttributeString("rel", "self");
            w.WriteAttributeString("type", "application/rss+xml");
            w.WriteEndElement();
            for (var i = 0; i < feed.Entries.Count; i++)
            {
                var e = feed.Entries[i];
                w.WriteStartElement("item");
                w.WriteElementString("title", Clean(e.Title));
                w.WriteElementString("link", e.ExternalUrl ?? e.Permalink);
                w.WriteStartElement("guid");
                w.WriteAttributeString("isPermaLink", "true");
                w.WriteString(e.Permalink);
                w.WriteEndElement();
                if (e.Date is { } d) w.WriteElementString("pubDate", DateTimeOffset.Parse(d).ToString("r"));
                foreach (var c in e.Categories.Concat(e.Tags)) w.WriteElementString("category", Clean(c.Name));
                w.WriteElementString("description", Summary(e));
                if (feed.Content(i) is { } content) w.WriteElementString("content", "encoded", ContentNamespace, content);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static byte[] Atom(FeedSpec feed, SiteView site, SiteUrls urls, string updated)
    {
        const string ns = "http://www.w3.org/2005/Atom";
        using var stream = new ChunkedStream();
        using (var w = XmlWriter.Create(stream, XmlSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", ns);
            w.WriteAttributeString("xml", "lang", null, site.Language);
            w.WriteElementString("title", ns, Clean(feed.Title));
            w.WriteElementString("id", ns, urls.Absolute(feed.Folder));
            w.WriteElementString("updated", ns, feed.Entries.Select(e => e.Updated ?? e.Date).FirstOrDefault(d => d is not null) ?? updated);
            Link(w, ns, urls.Absolute(feed.Folder + "atom.xml"), "self");
            Link(w, ns, urls.Absolute(feed.Folder), "alternate");
            if (site.Author.Name.Length > 0)
            {
                w.WriteStartElement("author", ns);
                w.WriteElementString("name", ns, Clean(site.Author.Name));
                w.WriteEndElement();
            }
            for (var i = 0; i < feed.Entries.Count; i++)
            {
                var e = feed.Entries[i];
                w.WriteStartElement("entry", ns);
                w.WriteElementString("title", ns, Clean(e.Title));
                w.WriteElementString("id", ns, e.Permalink);
                Link(w, ns, e.ExternalUrl ?? e.Permalink, "alternate");
                if (e.Date is { } d) w.WriteElementString("published", ns, d);
                w.WriteElementString("updated", ns, e.Updated ?? e.Date ?? updated);
                foreach (var c in e.Categories.Concat(e.Tags))
                {
                    w.WriteStartElement("category", ns);
                    w.WriteAttributeString("term", Clean(c.Name));
                    w.WriteEndElement();
                }
                w.WriteStartElement("summary", ns);
                w.WriteAttributeString("type", "html");
                w.WriteString(Summary(e));
                w.WriteEndElement();
                if (feed.Content(i) is { } content)
                {
                    w.WriteStartElement("content", ns);
                    w.WriteAttributeString("type", "html");
                    w.WriteString(content);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Text as XML (and JSON) can hold it. Front matter is checked at load, with a warning; a body's summary is not,
    /// and a control character in it must not stop the whole build.
    /// </summary>
    private static string? Clean(string? text) => text is null ? null : ControlCharacters.Strip(text);

    /// <summary>An entry's summary HTML (else its description) with every link and image URL made absolute against the
    /// entry's own URL: a feed reader shows it away from the site, where "/posts/a/" and "pic.png" lead nowhere.</summary>
    private static string? Summary(PageView e) =>
        e.Summary is { } html ? Clean(LinkAttribute().Replace(html, m => m.Groups[1].Value + Absolute(e.Permalink, m.Groups[2].Value) + "\""))
        : Clean(e.Description);

    private static string Absolute(string page, string url)
    {
        // The renderer escapes & in attributes; a URL is resolved unescaped and written back escaped.
        var raw = url.Replace("&amp;", "&", StringComparison.Ordinal);
        if (raw.Length == 0 || !Uri.TryCreate(page, UriKind.Absolute, out var baseUri) || !Uri.TryCreate(baseUri, raw, out var resolved)) return url;
        return resolved.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex("((?:href|src)=\")([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex LinkAttribute();

    private static void Link(XmlWriter w, string ns, string href, string rel)
    {
        w.WriteStartElement("link", ns);
        w.WriteAttributeString("href", href);
        w.WriteAttributeString("rel", rel);
        w.WriteEndElement();
    }

    private static byte[] Json(FeedSpec feed, SiteView site, SiteUrls urls)
    {
        using var stream = new ChunkedStream();
        // The feed is a file of its own, never inside a page's script: markup and non-ASCII text need no escaping, which
        // made entries' HTML a third larger and was most of the time spent writing the feed.
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("version", "https://jsonfeed.org/version/1.1");
            w.WriteString("title", Clean(feed.Title));
            w.WriteString("home_page_url", urls.Absolute(feed.Folder));
            w.WriteString("feed_url", urls.Absolute(feed.Folder + "feed.json"));
            if (site.Description.Length > 0) w.WriteString("description", Clean(site.Description));
            w.WriteString("language", site.Language);
            if (site.Author.Name.Length > 0)
            {
                w.WriteStartArray("authors");
                w.WriteStartObject();
                w.WriteString("name", Clean(site.Author.Name));
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteStartArray("items");
            for (var i = 0; i < feed.Entries.Count; i++)
            {
                var e = feed.Entries[i];
                w.WriteStartObject();
                w.WriteString("id", e.Permalink);
                w.WriteString("url", e.Permalink);
                if (e.ExternalUrl is { } ext) w.WriteString("external_url", ext);
                w.WriteString("title", Clean(e.Title));
                w.WriteString("summary", Clean(e.Description));
                w.WriteString("content_html", feed.Content(i) ?? (e.Summary is null ? "" : Summary(e)));
                if (e.Date is { } d) w.WriteString("date_published", d);
                if (e.Updated is { } u) w.WriteString("date_modified", u);
                w.WriteStartArray("tags");
                foreach (var t in e.Tags) w.WriteStringValue(Clean(t.Name));
                w.WriteEndArray();
                w.WriteEndObject();
                // The writer holds what it wrote in one growing array until flushed: handed on entry by entry, the
                // feed never sits in an array past the large-object threshold.
                w.Flush();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }
}
