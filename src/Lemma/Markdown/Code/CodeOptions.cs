using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lemma.Markdown.Code;

/// <summary>
/// What a fenced block's info string asks for, in Markdig attribute or Hugo style:
/// <c>```python {title="train.py" hl_lines="2 4-6" linenos=true linenostart=10}</c> or the short <c>```python {2,4-6}</c>.
/// </summary>
public sealed partial record CodeOptions(string? Title, ImmutableHashSet<int> HighlightedLines, bool? LineNumbers, int Start)
{
    public static readonly CodeOptions None = new(null, [], null, 1);

    /// <summary>Parses the arguments after the language, and the attributes Markdig's generic attributes took off them.</summary>
    public static CodeOptions Parse(string? arguments, IEnumerable<KeyValuePair<string, string?>> attributes)
    {
        var options = None;
        foreach (var (key, value) in attributes) options = options.With(key, value);
        if (arguments is { Length: > 0 })
        {
            var text = arguments.Trim();
            if (text.StartsWith('{') && text.EndsWith('}')) text = text[1..^1];
            foreach (Match m in Token().Matches(text))
            {
                if (m.Groups["key"].Success) options = options.With(m.Groups["key"].Value, Unquote(m.Groups["value"].Value));
                else if (m.Groups["range"].Success) options = options with { HighlightedLines = options.HighlightedLines.Union(Lines(m.Groups["range"].Value)) };
                else if (m.Groups["flag"].Success) options = options.With(m.Groups["flag"].Value, "true");
            }
        }
        return options;
    }

    private CodeOptions With(string key, string? value) => key.ToLowerInvariant().Replace("-", "_") switch
    {
        "title" or "file" or "filename" => this with { Title = value },
        "hl_lines" or "highlight" or "hl" => this with { HighlightedLines = HighlightedLines.Union(Lines(value ?? "")) },
        "linenos" or "line_numbers" or "lineno" => this with { LineNumbers = value is not ("false" or "no" or "0") },
        "linenostart" or "start" or "startline" or "start_line" =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? this with { Start = n, LineNumbers = LineNumbers ?? true } : this,
        _ => this,
    };

    /// <summary>"2 4-6", "2,4-6" or Hugo's [2,"4-6"] to the set {2,4,5,6}; at most 10,000 lines from one range.</summary>
    private static IEnumerable<int> Lines(string spec)
    {
        foreach (var part in spec.Split([' ', ',', '[', ']', '"', '\''], StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-');
            if (dash < 0) { if (int.TryParse(part, CultureInfo.InvariantCulture, out var one)) yield return one; continue; }
            if (int.TryParse(part[..dash], CultureInfo.InvariantCulture, out var from) && int.TryParse(part[(dash + 1)..], CultureInfo.InvariantCulture, out var to))
                for (var i = from; i <= to && i - from < 10_000; i++) yield return i;
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex("""(?<key>[A-Za-z_][\w-]*)\s*=\s*(?<value>"[^"]*"|'[^']*'|\[[^\]]*\]|[^\s,}]+)|(?<range>\d+(?:-\d+)?)|(?<flag>[A-Za-z_][\w-]*)""")]
    private static partial Regex Token();
}
