using System.Collections.Immutable;
using System.Globalization;
using Lemma.Configuration;
using Lemma.Data;
using Lemma.Diagnostics;

namespace Lemma.Content;

/// <summary>
/// Types the front matter fields Lemma understands, accepting Hugo's and Jekyll's spellings (lastmod, publishDate,
/// externalUrl...). A field of the wrong type is an error at its line; every field stays in Raw for templates.
/// </summary>
internal sealed class FieldReader(string path, StructuredMap map, List<Diagnostic> diagnostics)
{
    public FrontMatter Read(SiteConfig config)
    {
        var other = config.Taxonomies.Keys.Where(k => k is not ("tags" or "categories"))
            .Select(k => (k, terms: Strings(k)))
            .Where(x => x.terms.Length > 0)
            .ToImmutableDictionary(x => x.k, x => x.terms, StringComparer.Ordinal);
        var series = Get("series");
        var quarto = config.Kind == SiteKind.Quarto;
        return new FrontMatter
        {
            Title = Text("title"),
            Date = quarto ? QuartoDate("date") : Date("date"),
            Updated = Date("updated") ?? Date("lastmod") ?? Date("last_modified_at"),
            PublishDate = Date("publish_date") ?? Date("publishdate") ?? Date("pubdate"),
            ExpiryDate = Date("expiry_date") ?? Date("expirydate"),
            Draft = Bool("draft") ?? (Get("published") is false),
            Summary = Text("summary") ?? Text("excerpt"),
            Description = Text("description"),
            // Quarto's categories are what its listings filter by, as tags are in Lemma's theme.
            Tags = quarto ? [.. Strings("tags").AddRange(Strings("categories")).Distinct(StringComparer.Ordinal)] : Strings("tags"),
            // Jekyll reads "categories: a b" as two categories, as it reads tags.
            Categories = quarto ? [] : Strings("categories", words: config.Kind == SiteKind.Jekyll).AddRange(Strings("category")),
            OtherTerms = other,
            Series = series is List<object?> list ? list.Select(Str).FirstOrDefault(s => s is not null) : Text("series"),
            SeriesOrder = Int("series_order") ?? Int("series_weight") ?? Int("series_part"),
            Featured = Bool("featured") ?? false,
            Scripts = Files("scripts"),
            Styles = Files("styles"),
            Slug = Text("slug"),
            Url = Text("url") ?? Text("permalink"),
            Aliases = Strings("aliases").AddRange(Strings("redirect_from")),
            ExternalUrl = Url("external_url") ?? Url("external_link"),
            Status = Text("status"),
            Display = PageDisplay.Read(map.Values),
            Authors = PageDisplay.Authors(map.Values),
            Cover = ReadCover(),
            SearchHidden = Bool("search_hidden") ?? false,
            Layout = Text("layout"),
            Weight = Int("weight") ?? 0,
            Paper = PaperReader.Read(Get("paper"), message => Error("paper", message),
                message => diagnostics.Add(Diagnostic.Warning(SpanOf("paper"), message))),
            Raw = map.Values.ToImmutableDictionary(StringComparer.Ordinal),
            KeyLines = map.KeyLines,
        };
    }

    private object? Get(string key) => ConfigLoader.Get(map.Values, key);

    /// <summary>A list of files a page loads: each a bundle file name, a site path or an https URL, nothing a browser
    /// would run as script from elsewhere (javascript:, data:) and nothing that could leave the attribute.</summary>
    private ImmutableArray<string> Files(string key)
    {
        var files = Strings(key);
        foreach (var file in files)
            if (file.Length == 0 || file.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '<' or '>' || char.IsControl(c))
                || (file.Contains(':') && !file.StartsWith("https://", StringComparison.Ordinal)))
            {
                Error(key, $"{key}: '{file}' must be a file of the page's bundle, a site path (/js/demo.js) or an https URL");
                return [];
            }
        return files;
    }

    /// <summary>
    /// The page's image: <c>cover</c> or <c>image</c> as a path, PaperMod's <c>cover: {image, alt, caption, hidden}</c>,
    /// or Chirpy's <c>image: {path, alt}</c>.
    /// </summary>
    private CoverImage? ReadCover()
    {
        if (Get("cover") is IReadOnlyDictionary<string, object?> cover)
        {
            if (Str(ConfigLoader.Get(cover, "image")) is not { Length: > 0 } path) return null;
            // PaperMod: hidden keeps it off the page and its lists, hiddenInSingle off the page; both keep it for cards.
            var hidden = ConfigLoader.Get(cover, "hidden") is true || ConfigLoader.Get(cover, "hiddenInSingle") is true;
            return new CoverImage(path, Str(ConfigLoader.Get(cover, "alt")) ?? "", Str(ConfigLoader.Get(cover, "caption")) ?? "", hidden);
        }
        if (Text("cover") is { Length: > 0 } image) return new CoverImage(image);
        // A plain image: is jekyll-seo-tag's and most themes' social preview, often a path their layouts complete, so it is
        // not shown above the text; Chirpy's map is its post's banner, and is.
        if (Get("image") is not IReadOnlyDictionary<string, object?> chirpy) return Text("image") is { Length: > 0 } plain ? new CoverImage(plain, Hidden: true) : null;
        var value = ConfigLoader.Get(chirpy, "path") ?? ConfigLoader.Get(chirpy, "src") ?? ConfigLoader.Get(chirpy, "url");
        if (value is null) return null;
        if (Str(value) is not { } src)
        {
            Error("image", "'image.path' must be text");
            return null;
        }
        return Printable("image", src) is { Length: > 0 } printable ? new CoverImage(printable, Str(ConfigLoader.Get(chirpy, "alt")) ?? "") : null;
    }

    private SourceSpan SpanOf(string key)
    {
        var line = map.KeyLines.FirstOrDefault(kv => Same(kv.Key, key)).Value;
        return new SourceSpan(path, line == 0 ? 1 : line, 1);
    }

    private static bool Same(string a, string b) =>
        string.Equals(a.Replace("_", "").Replace("-", ""), b.Replace("_", "").Replace("-", ""), StringComparison.OrdinalIgnoreCase);

    private void Error(string key, string message) => diagnostics.Add(Diagnostic.Error(SpanOf(key), message));

    private static string? Str(object? value) => value switch
    {
        string s => s,
        long or double or bool => Convert.ToString(value, CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };

    private string? Text(string key)
    {
        var value = Get(key);
        if (value is null) return null;
        if (Str(value) is { } s) return Printable(key, s);
        Error(key, $"'{key}' must be text");
        return null;
    }

    /// <summary>Text without the control characters feeds cannot hold: a warning, since the page is still readable.</summary>
    private string Printable(string key, string text)
    {
        var at = ControlCharacters.IndexIn(text);
        if (at < 0) return text;
        diagnostics.Add(Diagnostic.Warning(SpanOf(key), $"'{key}' holds the control character {ControlCharacters.Name(text[at])}; it is left out"));
        return ControlCharacters.Strip(text);
    }

    private string? Url(string key)
    {
        var value = Text(key);
        if (value is null) return null;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme is "http" or "https")) return value;
        Error(key, $"'{key}' must be an absolute http(s) URL, not '{value}'");
        return null;
    }

    private DateTimeOffset? Date(string key)
    {
        var value = Get(key);
        if (value is null || value is string { Length: 0 }) return null;
        if (PlainValues.ToDate(value) is { } date) return date;
        Error(key, $"'{key}': '{Str(value) ?? value}' is not a date (write 2024-05-01 or 2024-05-01T10:00:00Z)");
        return null;
    }

    /// <summary>
    /// A date as Quarto reads one: also "June 2, 2023" and "6/2/2023"; "today", "now" and "last-modified" stand for
    /// the time of rendering, which a static build does not have, so the page is undated.
    /// </summary>
    private DateTimeOffset? QuartoDate(string key)
    {
        if (Get(key) is string s)
        {
            if (s.Trim().ToLowerInvariant() is "today" or "now" or "last-modified") return null;
            if (PlainValues.ToDate(s) is null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var loose)) return loose;
        }
        return Date(key);
    }

    private bool? Bool(string key)
    {
        var value = Get(key);
        switch (value)
        {
            case null: return null;
            case bool b: return b;
            case string s when bool.TryParse(s, out var parsed): return parsed;
            default:
                Error(key, $"'{key}' must be true or false");
                return null;
        }
    }

    private int? Int(string key)
    {
        var value = Get(key);
        switch (value)
        {
            case null: return null;
            case long l when l is >= int.MinValue and <= int.MaxValue: return (int)l;
            case string s when int.TryParse(s, CultureInfo.InvariantCulture, out var i): return i;
            default:
                Error(key, $"'{key}' must be a whole number");
                return null;
        }
    }

    /// <summary>A list of strings, or one string (Jekyll allows "tags: a b" as a space-separated list).</summary>
    private ImmutableArray<string> Strings(string key, bool words = false)
    {
        var value = Get(key);
        switch (value)
        {
            case null: return [];
            case string text:
                var s = Printable(key, text);
                return (key is "tags" || words) && !s.Contains(',') ? [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries)] : [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            case IEnumerable<object?> list:
                var items = list.Select(Str).ToArray();
                if (items.Any(i => i is null)) { Error(key, $"'{key}' must be a list of text"); return []; }
                return [.. items.Select(i => Printable(key, i!)).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal)];
            default:
                Error(key, $"'{key}' must be a list");
                return [];
        }
    }
}
