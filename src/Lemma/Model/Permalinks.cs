using System.Globalization;
using Lemma.Configuration;
using Lemma.Content;

namespace Lemma.Model;

/// <summary>
/// Where a page lives: front matter url, else the section's permalink pattern, else /section/slug/. A Hugo site's pages
/// live where Hugo puts them: at their folders' path (/posts/sub/name/), lower-cased unless the site says otherwise, at
/// /posts/name.html with uglyURLs; its :slug is the front matter slug or the title's, its :filename the file's name.
/// </summary>
public static class Permalinks
{
    public static string For(SiteConfig config, PageSource source, string slug, DateTimeOffset? date)
    {
        // A front matter url is the writer's own path: its case stays, and uglyURLs does not touch it.
        if (source.FrontMatter.Url is { Length: > 0 } url) return Normalize(url.Contains(':') ? Expand(config, url, source, slug, date) : url);
        if (source.Permalink is { } place) return Normalize(place.Contains(':') ? Expand(config, place, source, slug, date) : place);
        if (source.IsSectionIndex) return source.Section.Length == 0 ? "/" : "/" + Cased(config, SectionOf(source)) + "/";
        // A Quarto page lives where Quarto published it, so its old links and its relative links to images still work.
        if (config.Kind == SiteKind.Quarto) return Normalize(QuartoPaths.Url(source.Path));
        var path = config.Permalinks.TryGetValue(source.Section, out var pattern) && source.Section.Length > 0
            ? Expand(config, pattern, source, slug, date)
            : config.Kind == SiteKind.Hugo ? "/" + string.Join('/', [.. Folders(source), UrlPart(slug)]) + "/"
            : source.Section.Length == 0 ? "/" + slug + "/" : $"/{source.Section}/{slug}/";
        return Ugly(config, Normalize(Cased(config, path)));
    }

    /// <summary>A redirect path of a page: a Hugo alias without a leading '/' is under the page's parent folder, as Hugo resolves it.</summary>
    /// <summary>
    /// The page of a series, <c>/series/&lt;slug&gt;/</c>, its name slugged as a term's is: a site with its own <c>series</c>
    /// taxonomy (as PaperMod's configs have) has its term page there, which is then the series page. Null without a slug.
    /// </summary>
    public static string? Series(SiteConfig config, string name) => Slug.For(config, name) is { Length: > 0 } slug ? $"/series/{slug}/" : null;

    public static string Alias(SiteConfig config, string pageUrl, string alias)
    {
        if (config.Kind != SiteKind.Hugo) return Normalize(alias);
        if (alias.StartsWith('/')) return Ugly(config, Normalize(alias));
        var parent = pageUrl.EndsWith('/') ? pageUrl.TrimEnd('/') : pageUrl;
        return Ugly(config, Normalize(parent[..(parent.LastIndexOf('/') + 1)] + alias));
    }

    /// <summary>The section an _index.md opens: its folder under content/, "posts" or, nested, "teaching/act".</summary>
    public static string SectionOf(PageSource source) => source.IsSectionIndex ? string.Join('/', Folders(source)) : source.Section;

    /// <summary>The folders between content/ and the page's file (or its bundle's folder): ["posts", "sub"].</summary>
    private static IEnumerable<string> Folders(PageSource source)
    {
        var parts = source.Path.Split('/');
        var inner = parts[0] == "content" ? parts[1..^1] : parts[..^1];
        // A bundle's own folder is its page, except where its index opens a section (Quarto's notes/index.qmd).
        return source.BundleDir is null || source.IsSectionIndex ? inner : inner[..^1];
    }

    /// <summary>The file's name without extension, or its bundle's folder name.</summary>
    private static string FileName(PageSource source)
    {
        var parts = source.Path.Split('/');
        return source.BundleDir is null ? Path.GetFileNameWithoutExtension(parts[^1]) : parts[^2];
    }

    private static string Cased(SiteConfig config, string path) => config.LowerCaseUrls ? path.ToLowerInvariant() : path;

    /// <summary>Hugo's uglyURLs: /posts/name/ is /posts/name.html.</summary>
    private static string Ugly(SiteConfig config, string path) =>
        config.UglyUrls && path.Length > 1 && path.EndsWith('/') ? path.TrimEnd('/') + ".html" : path;

    private static string Expand(SiteConfig config, string pattern, PageSource source, string slug, DateTimeOffset? date)
    {
        var hugo = config.Kind == SiteKind.Hugo;
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
            "monthname" => d.ToString("MMMM", c),
            "weekday" => ((int)d.DayOfWeek).ToString(c),
            "weekdayname" => d.ToString("dddd", c),
            "yearday" => d.DayOfYear.ToString(c),
            "short_day" => d.ToString("ddd", c),
            "long_day" => d.ToString("dddd", c),
            "short_month" => d.ToString("MMM", c),
            "long_month" => d.ToString("MMMM", c),
            "section" => source.Section,
            // Hugo's :slug falls back on the title; Jekyll's and Lemma's on the file's name.
            // (A slug taken from a dated file name, under Hugo's :filename date config, counts as the page's own.)
            "slug" when hugo => source.FrontMatter.Slug is { Length: > 0 } || source.FileDate is not null ? UrlPart(slug) : Slug.For(config, source.FrontMatter.Title ?? slug),
            "slugorfilename" or "slugorcontentbasename" when hugo => source.FrontMatter.Slug is { Length: > 0 } ? UrlPart(slug) : FileName(source),
            // Hugo's :filename is the whole name, date and all, whatever slug the date config left.
            "filename" or "contentbasename" when hugo => FileName(source),
            "sections" => source.Section,
            "slug" or "name" => slug,
            "filename" or "path" => source.FileSlug,
            // Jekyll's :title is the file's slug (or front matter slug); Lemma's the slug of the title when there is no file slug.
            // Jekyll's documents (posts, drafts, a collection's) are in _-folders.
            "title" => !hugo && (source.Path.StartsWith('_') || source.Path.Contains("/_posts/", StringComparison.Ordinal)) ? slug : Slug.For(config, source.FrontMatter.Title ?? slug),
            "categories" => string.Join('/', source.FrontMatter.Categories.Select(Category).Where(s => s.Length > 0)),
            "output_ext" => ".html",
            _ => ":" + name,
        });
    }

    /// <summary>A name as Hugo puts it in a path: spaces become '-'.</summary>
    private static string UrlPart(string name) => name.Trim().Replace(' ', '-');

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
