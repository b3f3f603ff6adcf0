using System.Globalization;
using Lemma.Configuration;
using Lemma.Content;

namespace Lemma.Model;

/// <summary>Where a page lives: front matter url, else the section's permalink pattern, else /section/slug/.</summary>
public static class Permalinks
{
    public static string For(SiteConfig config, PageSource source, string slug, DateTimeOffset? date)
    {
        if (source.FrontMatter.Url is { Length: > 0 } url) return Normalize(url.Contains(':') ? Expand(url, source, slug, date) : url);
        if (source.IsSectionIndex) return source.Section.Length == 0 ? "/" : "/" + source.Section + "/";
        // A Quarto page lives where Quarto published it, so its old links and its relative links to images still work.
        if (config.Kind == SiteKind.Quarto) return Normalize(QuartoPaths.Url(source.Path));
        if (source.Section.Length == 0) return Normalize("/" + slug + "/");
        if (!config.Permalinks.TryGetValue(source.Section, out var pattern)) return Normalize($"/{source.Section}/{slug}/");
        return Normalize(Expand(pattern, source, slug, date));
    }

    private static string Expand(string pattern, PageSource source, string slug, DateTimeOffset? date)
    {
        var d = date ?? DateTimeOffset.UnixEpoch;
        var c = CultureInfo.InvariantCulture;
        return PermalinkTokens.Replace(pattern, name => name switch
        {
            "year" => d.Year.ToString("D4", c),
            "month" => d.Month.ToString("D2", c),
            "day" => d.Day.ToString("D2", c),
            "i_month" => d.Month.ToString(c),
            "i_day" => d.Day.ToString(c),
            "short_year" => (d.Year % 100).ToString("D2", c),
            "y_day" => d.DayOfYear.ToString("D3", c),
            "hour" => d.Hour.ToString("D2", c),
            "minute" => d.Minute.ToString("D2", c),
            "second" => d.Second.ToString("D2", c),
            "week" => ISOWeek.GetWeekOfYear(d.DateTime).ToString("D2", c),
            "short_day" => d.ToString("ddd", c),
            "long_day" => d.ToString("dddd", c),
            "short_month" => d.ToString("MMM", c),
            "long_month" => d.ToString("MMMM", c),
            "section" => source.Section,
            "slug" or "name" => slug,
            "filename" or "path" => source.FileSlug,
            // Jekyll's :title is the file's slug (or front matter slug); Lemma's the slug of the title when there is no file slug.
            "title" => source.Path.StartsWith("_posts/", StringComparison.Ordinal) || source.Path.StartsWith("_drafts/", StringComparison.Ordinal) ? slug : Slug.From(source.FrontMatter.Title ?? slug),
            "categories" => string.Join('/', source.FrontMatter.Categories.Select(Category).Where(s => s.Length > 0)),
            "output_ext" => ".html",
            _ => ":" + name,
        });
    }

    /// <summary>A category as Jekyll writes it in a URL: lower case, spaces as '-'.</summary>
    private static string Category(string name) => name.Trim().ToLowerInvariant().Replace(' ', '-').Replace('/', '-');

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
