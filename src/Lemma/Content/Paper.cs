using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lemma.Content;

/// <summary>
/// The paper a paper note is about: front matter <c>paper: {title, authors, year, venue, arxiv, doi, code, url}</c>.
/// Identifiers are kept bare ("2203.15556", "10.1145/3292500.3330701"); links are made from them.
/// </summary>
public sealed record Paper
{
    public required string Title { get; init; }
    public ImmutableArray<string> Authors { get; init; } = [];
    public int? Year { get; init; }
    public string? Venue { get; init; }
    /// <summary>An arXiv identifier, new style ("2203.15556", "2203.15556v2") or old ("hep-th/9901001").</summary>
    public string? Arxiv { get; init; }
    public string? Doi { get; init; }
    /// <summary>The code's URL (a repository).</summary>
    public string? Code { get; init; }
    /// <summary>The paper's own page, when it is neither on arXiv nor has a DOI (or to prefer another page).</summary>
    public string? Url { get; init; }

    public string? ArxivUrl => Arxiv is null ? null : "https://arxiv.org/abs/" + Arxiv;
    public string? DoiUrl => Doi is null ? null : "https://doi.org/" + Doi;
    /// <summary>Where the title links: url, else the arXiv page, else the DOI.</summary>
    public string? Link => Url ?? ArxivUrl ?? DoiUrl;
}

/// <summary>
/// Reads a <c>paper:</c> front matter field. Each malformed part is one error message (the caller places it at the
/// field's line); what is well formed is kept. Without a title there is no paper.
/// </summary>
internal static partial class PaperReader
{
    public static readonly ImmutableArray<string> Fields = ["title", "authors", "year", "venue", "arxiv", "doi", "code", "url"];

    public static Paper? Read(object? value, Action<string> error, Action<string> warning)
    {
        if (value is null) return null;
        if (value is not IReadOnlyDictionary<string, object?> map)
        {
            error("'paper' must be a map: paper: { title: ..., authors: [...], year: 2022, arxiv: 2203.15556 }");
            return null;
        }
        foreach (var key in map.Keys.Where(k => !Fields.Contains(k, StringComparer.OrdinalIgnoreCase)))
            warning($"'paper.{key}' is not a paper field ({string.Join(", ", Fields)}); it is ignored");

        string? Text(string key)
        {
            var v = Get(map, key);
            switch (v)
            {
                case null: return null;
                case string s: return s.Trim() is { Length: > 0 } t ? t : null;
                case long or double: return Convert.ToString(v, CultureInfo.InvariantCulture);
                default: error($"'paper.{key}' must be text"); return null;
            }
        }

        var title = Text("title");
        if (title is null && Get(map, "title") is null) error("'paper.title' is missing: a paper needs a title");
        return title is null ? null : new Paper
        {
            Title = title,
            Authors = Authors(Get(map, "authors"), error),
            Year = Year(Get(map, "year"), error),
            Venue = Text("venue"),
            Arxiv = Get(map, "arxiv") is double number
                ? Unquoted(number, error)
                : Arxiv(Text("arxiv"), error),
            Doi = Doi(Text("doi"), error),
            Code = Url("code", Text("code"), error),
            Url = Url("url", Text("url"), error),
        };
    }

    private static object? Get(IReadOnlyDictionary<string, object?> map, string key) =>
        map.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A list of names, or one string: "A and B and C" (BibTeX's way) or "A, B, C".</summary>
    private static ImmutableArray<string> Authors(object? value, Action<string> error)
    {
        switch (value)
        {
            case null: return [];
            case string s:
                var parts = s.Contains(" and ", StringComparison.Ordinal) ? s.Split(" and ") : s.Split(',');
                return [.. parts.Select(p => p.Trim()).Where(p => p.Length > 0)];
            case IEnumerable<object?> list when list.All(i => i is string):
                return [.. list.Cast<string>().Select(p => p.Trim()).Where(p => p.Length > 0)];
            default:
                error("'paper.authors' must be a list of names or one string (\"A and B\")");
                return [];
        }
    }

    private static int? Year(object? value, Action<string> error)
    {
        var year = value switch
        {
            null => (int?)null,
            long l when l is >= 1000 and <= 9999 => (int)l,
            string s when int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1000 and <= 9999 => y,
            _ => -1,
        };
        if (year != -1) return year;
        error($"'paper.year' must be a four-digit year, not '{Convert.ToString(value, CultureInfo.InvariantCulture)}'");
        return null;
    }

    private static string? Arxiv(string? value, Action<string> error)
    {
        if (value is null) return null;
        var id = StripPrefix(value, "https://arxiv.org/abs/", "http://arxiv.org/abs/", "arxiv:");
        if (ArxivId().IsMatch(id)) return id;
        error($"'paper.arxiv' must be an arXiv identifier such as 2203.15556 or hep-th/9901001, not '{value}'");
        return null;
    }

    /// <summary>An unquoted new-style id is a YAML number, which loses trailing zeros (1706.03760 becomes 1706.0376).</summary>
    private static string? Unquoted(double number, Action<string> error)
    {
        error($"'paper.arxiv' must be quoted (arxiv: \"{number.ToString(CultureInfo.InvariantCulture)}\"): as a number it loses trailing zeros");
        return null;
    }

    private static string? Doi(string? value, Action<string> error)
    {
        if (value is null) return null;
        var doi = StripPrefix(value, "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:");
        if (DoiName().IsMatch(doi)) return doi;
        error($"'paper.doi' must be a DOI such as 10.1145/3292500.3330701, not '{value}'");
        return null;
    }

    private static string? Url(string key, string? value, Action<string> error)
    {
        if (value is null) return null;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return value;
        error($"'paper.{key}' must be an absolute http(s) URL, not '{value}'");
        return null;
    }

    private static string StripPrefix(string value, params string[] prefixes)
    {
        foreach (var prefix in prefixes)
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return value[prefix.Length..].Trim();
        return value;
    }

    [GeneratedRegex(@"^(\d{4}\.\d{4,5}|[a-z]+(-[a-z]+)*(\.[A-Z]{2})?/\d{7})(v\d+)?$")]
    private static partial Regex ArxivId();

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial Regex DoiName();
}
