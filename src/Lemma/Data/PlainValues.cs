using System.Globalization;
using System.Text.Json;

namespace Lemma.Data;

/// <summary>
/// Turns parsed JSON and TOML (YAML is read straight into them: Configuration.YamlValues) into the plain values templates see: maps become
/// Dictionary&lt;string, object?&gt;, sequences List&lt;object?&gt;, scalars bool, long, double, DateTimeOffset or string.
/// </summary>
public static class PlainValues
{
    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => e.GetString(),
        // Boxed apart: as one conditional expression the long would widen to double, and "weight": 3 read as 3.0.
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static object? FromToml(object? value) => value switch
    {
        Tomlyn.Model.TomlTable t => t.ToDictionary(kv => kv.Key, kv => FromToml(kv.Value)),
        Tomlyn.Model.TomlTableArray a => a.Select(x => FromToml(x)).ToList(),
        Tomlyn.Model.TomlArray a => a.Select(FromToml).ToList(),
        Tomlyn.TomlDateTime d => d.DateTime,
        int i => (long)i,
        float f => (double)f,
        _ => value,
    };

    /// <summary>Reads a date as front matter and configs write it: ISO 8601, a bare date, or Jekyll's "2024-05-01 10:00:00 +0100".</summary>
    public static DateTimeOffset? ToDate(object? value)
    {
        switch (value)
        {
            case DateTimeOffset d: return d;
            case DateTime d: return new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : d.Kind));
            case string s:
                s = s.Trim();
                string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zz", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm zzz", "yyyy-MM-dd HH:mm"];
                var style = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
                if (DateTimeOffset.TryParseExact(s, formats, CultureInfo.InvariantCulture, style, out var exact)) return exact;
                if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, style, out var any) && s.Length >= 10 && char.IsDigit(s[0])) return any;
                return null;
            default: return null;
        }
    }
}
