using System.Text;
using Lemma.Configuration;
using Lemma.Content;

namespace Lemma.Model;

/// <summary>Where a page lives: front matter url, else the section's permalink pattern, else /section/slug/.</summary>
public static class Permalinks
{
    public static string For(SiteConfig config, PageSource source, string slug, DateTimeOffset? date)
    {
        if (source.FrontMatter.Url is { Length: > 0 } url) return Normalize(url);
        if (source.IsSectionIndex) return source.Section.Length == 0 ? "/" : "/" + source.Section + "/";
        if (source.Section.Length == 0) return Normalize("/" + slug + "/");
        if (!config.Permalinks.TryGetValue(source.Section, out var pattern)) return Normalize($"/{source.Section}/{slug}/");

        var d = date ?? DateTimeOffset.UnixEpoch;
        var sb = new StringBuilder(pattern);
        sb.Replace(":year", d.Year.ToString("D4"))
          .Replace(":month", d.Month.ToString("D2"))
          .Replace(":day", d.Day.ToString("D2"))
          .Replace(":section", source.Section)
          .Replace(":slug", slug)
          .Replace(":filename", source.FileSlug)
          .Replace(":title", Slug.From(source.FrontMatter.Title ?? slug));
        return Normalize(sb.ToString());
    }

    /// <summary>
    /// "posts/x" -> "/posts/x/"; a path with a file extension keeps its form ("/feed.xml"). Empty and '.' segments go
    /// ("/posts/./" is "/posts/", where it conflicts with the section's list); '..' stays, for <see cref="OutputPath"/> to refuse.
    /// </summary>
    public static string Normalize(string url)
    {
        var segments = url.Trim().Split('/').Where(s => s is not ("" or ".")).ToArray();
        var path = "/" + string.Join('/', segments);
        if (segments.Length > 0 && (url.TrimEnd().EndsWith('/') || !segments[^1].Contains('.') || segments[^1] == "..")) path += "/";
        return path;
    }
}
