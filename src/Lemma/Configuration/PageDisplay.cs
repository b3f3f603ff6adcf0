using System.Collections.Immutable;
using System.Globalization;

namespace Lemma.Configuration;

/// <summary>
/// What the theme shows around a page's text, as a site's params or a page's front matter ask; null leaves it to the
/// site, then to the theme. The one place where PaperMod's names (ShowToc, TocOpen, ShowReadingTime, hidemeta,
/// ShowPostNavLinks) meet Lemma's (toc, toc_open, reading_time, meta, post_nav); keys match without regard to case,
/// '_' or '-', so show_toc and ShowToc are one key.
/// </summary>
public sealed record PageDisplay(bool? Toc = null, bool? TocOpen = null, bool? ReadingTime = null, bool? Meta = null, bool? PostNav = null)
{
    public static readonly PageDisplay Unset = new();

    /// <summary>The flags found in <paramref name="map"/> (front matter, or a config's params).</summary>
    public static PageDisplay Read(IReadOnlyDictionary<string, object?> map) => new(
        Toc: Flag(map, "toc", "show_toc"),
        TocOpen: Flag(map, "toc_open"),
        ReadingTime: Flag(map, "reading_time", "show_reading_time"),
        Meta: Flag(map, "meta", "show_meta") ?? !Flag(map, "hide_meta"),
        PostNav: Flag(map, "post_nav", "show_post_nav_links"));

    /// <summary>This page's flags, with the site's where the page sets none.</summary>
    public PageDisplay Over(PageDisplay site) => new(Toc ?? site.Toc, TocOpen ?? site.TocOpen, ReadingTime ?? site.ReadingTime, Meta ?? site.Meta, PostNav ?? site.PostNav);

    /// <summary>The first of <paramref name="keys"/> that holds true or false ("true"/"false", or a map of settings for on); other values are not flags.</summary>
    private static bool? Flag(IReadOnlyDictionary<string, object?> map, params string[] keys)
    {
        foreach (var key in keys)
            switch (ConfigLoader.Get(map, key))
            {
                case bool b: return b;
                case string s when bool.TryParse(s, out var parsed): return parsed;
                // al-folio's toc: { sidebar: left } asks for a table of contents, placed its own way.
                case IReadOnlyDictionary<string, object?> { Count: > 0 } settings: return ConfigLoader.Get(settings, "enable") is not false;
                // al-folio's distill toc: [{name: Intro}, ...] is the list of sections it shows.
                case IEnumerable<object?> list when list.Any(): return true;
            }
        return null;
    }

    /// <summary>A page's or site's authors: <c>author</c> or <c>authors</c> as one name, a list of names, or maps with a name.</summary>
    public static ImmutableArray<string> Authors(IReadOnlyDictionary<string, object?> map) =>
        (ConfigLoader.Get(map, "authors") ?? ConfigLoader.Get(map, "author")) switch
        {
            string name when name.Trim().Length > 0 => [name.Trim()],
            IEnumerable<object?> list => [.. list.Select(Name).Where(n => n.Length > 0)],
            IReadOnlyDictionary<string, object?> one when Name(one) is { Length: > 0 } n => [n],
            _ => [],
        };

    private static string Name(object? value) => (value switch
    {
        string s => s,
        IReadOnlyDictionary<string, object?> m => ConfigLoader.Get(m, "name") as string ?? "",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    }).Trim();
}
