using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Lemma.Configuration;

/// <summary>The <c>:name</c> tokens of permalink patterns, Lemma's and Hugo's (:section, :slug, :filename, :slugorfilename, :contentbasename, :monthname, ...) and Jekyll's
/// (:categories, :i_month, :short_year, :output_ext, ...). Longest names first, so :i_month is not :month.</summary>
public static partial class PermalinkTokens
{
    public static readonly FrozenSet<string> Names = new[]
    {
        "year", "month", "day", "section", "slug", "filename", "title", "categories", "i_month", "i_day", "short_year",
        "y_day", "hour", "minute", "second", "output_ext", "week", "short_day", "long_day", "short_month", "long_month", "name", "path",
        "sections", "slugorfilename", "slugorcontentbasename", "contentbasename", "monthname", "weekday", "weekdayname", "yearday",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The pattern with each known token replaced by what <paramref name="value"/> gives for its name; other text stays.</summary>
    public static string Replace(string pattern, Func<string, string> value) =>
        Token().Replace(pattern, m => Longest(m.Groups[1].Value) is { } name ? value(name) + m.Groups[1].Value[name.Length..] : m.Value);

    // ":titlefoo" is :title then "foo", as Jekyll reads it; ":title:output_ext" is two tokens.
    private static string? Longest(string word)
    {
        for (var length = word.Length; length > 0; length--)
            if (Names.Contains(word[..length])) return word[..length];
        return null;
    }

    [GeneratedRegex(":([a-z_]+)")]
    private static partial Regex Token();
}
