using System.Text;

namespace Lemma.Output;

/// <summary>sitemap.xml (every HTML page but redirects and the 404) and robots.txt pointing at it.</summary>
public static class Sitemap
{
    public sealed record Entry(string Location, string? LastModified);

    public static OutputFile Write(IEnumerable<Entry> entries)
    {
        var sorted = entries.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Location, b.Location));
        // Written as text, in XmlWriter's indented layout: 16,000 entries are rewritten whenever a page comes or goes.
        var xml = new StringBuilder(sorted.Length * 96);
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        foreach (var e in sorted)
        {
            xml.Append("\n  <url>\n    <loc>");
            Escaped(xml, e.Location);
            xml.Append("</loc>");
            if (e.LastModified is { } lm)
            {
                xml.Append("\n    <lastmod>");
                Escaped(xml, lm);
                xml.Append("</lastmod>");
            }
            xml.Append("\n  </url>");
        }
        xml.Append("\n</urlset>");
        return new OutputFile("sitemap.xml", Encoding.UTF8.GetBytes(xml.ToString()), null);
    }

    private static void Escaped(StringBuilder xml, string text)
    {
        foreach (var c in text)
            _ = c switch { '&' => xml.Append("&amp;"), '<' => xml.Append("&lt;"), '>' => xml.Append("&gt;"), _ => xml.Append(c) };
    }

    public static OutputFile Robots(SiteUrls urls) =>
        OutputFile.Text("robots.txt", $"User-agent: *\nAllow: /\n\nSitemap: {urls.Absolute("/sitemap.xml")}\n");
}
