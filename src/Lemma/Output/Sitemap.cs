using System.Text;

namespace Lemma.Output;

/// <summary>sitemap.xml (every HTML page but redirects and the 404) and robots.txt pointing at it.</summary>
public static class Sitemap
{
    public sealed record Entry(string Location, string? LastModified);

    public static OutputFile Write(IEnumerable<Entry> entries) =>
        Assemble([Urls(entries.OrderBy(e => e.Location, StringComparer.Ordinal))]);

    /// <summary>The <c>url</c> elements of entries already in order: a run of the file, made again only when its entries change.</summary>
    public static string Urls(IEnumerable<Entry> sorted)
    {
        // Written as text, in XmlWriter's indented layout.
        var xml = new StringBuilder();
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
        return xml.ToString();
    }

    /// <summary>sitemap.xml from its runs of <see cref="Urls"/>, in order.</summary>
    public static OutputFile Assemble(IEnumerable<string> runs)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        foreach (var run in runs) xml.Append(run);
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
