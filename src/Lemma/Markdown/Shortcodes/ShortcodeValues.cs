using System.Globalization;

namespace Lemma.Markdown.Shortcodes;

/// <summary>Front matter and config values as shortcodes read them: keys without regard to case, dotted paths.</summary>
internal static class ShortcodeValues
{
    public static object? Get(IReadOnlyDictionary<string, object?>? map, string key)
    {
        if (map is null) return null;
        if (map.TryGetValue(key, out var exact)) return exact;
        foreach (var (k, v) in map) if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }

    public static object? Path(IReadOnlyDictionary<string, object?>? map, string dotted)
    {
        object? value = map;
        foreach (var part in dotted.Split('.', StringSplitOptions.RemoveEmptyEntries))
            if ((value = Get(value as IReadOnlyDictionary<string, object?>, part)) is null) return null;
        return ReferenceEquals(value, map) ? null : value;
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<object?> list when value is not string => "[" + string.Join(" ", list.Select(Text)) + "]",
        _ => value.ToString() ?? "",
    };
}
