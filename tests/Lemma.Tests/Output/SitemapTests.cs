using System.Text;
using System.Xml.Linq;
using Lemma.Output;

namespace Lemma.Tests.Output;

/// <summary>sitemap.xml: every entry once, sorted by address, escaped, readable by an XML parser.</summary>
public class SitemapTests
{
    [Fact]
    public void Entries_are_sorted_by_address_escaped_and_the_file_parses_as_a_sitemap()
    {
        var file = Sitemap.Write([
            new("https://x.example/b/", "2024-01-02T00:00:00+00:00"),
            new("https://x.example/a/?q=1&r=<2>", null),
            new("https://x.example/", null),
        ]);
        var text = Encoding.UTF8.GetString(file.Bytes!);
        Assert.Equal("""
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url>
                <loc>https://x.example/</loc>
              </url>
              <url>
                <loc>https://x.example/a/?q=1&amp;r=&lt;2&gt;</loc>
              </url>
              <url>
                <loc>https://x.example/b/</loc>
                <lastmod>2024-01-02T00:00:00+00:00</lastmod>
              </url>
            </urlset>
            """.ReplaceLineEndings("\n"), text);
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Equal(["https://x.example/", "https://x.example/a/?q=1&r=<2>", "https://x.example/b/"],
            XDocument.Parse(text).Root!.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value));
    }
}
