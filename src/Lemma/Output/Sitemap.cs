using System.Text;
using System.Xml;

namespace Lemma.Output;

/// <summary>sitemap.xml (every HTML page but redirects and the 404) and robots.txt pointing at it.</summary>
public static class Sitemap
{
    public sealed record Entry(string Location, string? LastModified);

    public static OutputFile Write(IEnumerable<Entry> entries)
    {
        const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("urlset", ns);
            foreach (var e in entries.OrderBy(e => e.Location, StringComparer.Ordinal))
            {
                w.WriteStartElement("url", ns);
                w.WriteElementString("loc", ns, e.Location);
                if (e.LastModified is { } lm) w.WriteElementString("lastmod", ns, lm);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return new OutputFile("sitemap.xml", stream.ToArray(), null);
    }

    public static OutputFile Robots(SiteUrls urls) =>
        OutputFile.Text("robots.txt", $"User-agent: *\nAllow: /\n\nSitemap: {urls.Absolute("/sitemap.xml")}\n");
}
