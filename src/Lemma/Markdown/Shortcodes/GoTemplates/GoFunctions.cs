using System.Collections;
using System.Globalization;
using System.Net;

namespace Lemma.Markdown.Shortcodes.GoTemplates;

/// <summary>
/// The functions shortcode templates call: comparison and logic (eq, ne, lt, le, gt, ge, and, or, not), printf, default,
/// len, index, string helpers, markdownify, safeHTML, relURL and absURL. Stateless; shared.
/// </summary>
public sealed class GoFunctions(string baseUrl, Func<string, string> markdownify)
{
    public object? Call(string name, List<object?> a)
    {
        switch (name)
        {
            case "eq": Need(name, a, 2); return a.Skip(1).Any(x => Same(a[0], x));
            case "ne": Need(name, a, 2); return !Same(a[0], a[1]);
            case "lt": Need(name, a, 2); return Compare(a[0], a[1]) < 0;
            case "le": Need(name, a, 2); return Compare(a[0], a[1]) <= 0;
            case "gt": Need(name, a, 2); return Compare(a[0], a[1]) > 0;
            case "ge": Need(name, a, 2); return Compare(a[0], a[1]) >= 0;
            case "and": Need(name, a, 1); return a.FirstOrDefault(x => !Truth(x), a[^1]);
            case "or": Need(name, a, 1); return a.FirstOrDefault(Truth, a[^1]);
            case "not": Need(name, a, 1); return !Truth(a[0]);
            case "default": Need(name, a, 2); return Truth(a[1]) ? a[1] : a[0];
            case "printf": Need(name, a, 1); return Printf(Text(a[0]), a.Skip(1).ToList());
            case "print": return string.Concat(a.Select(Text));
            case "println": return string.Join(" ", a.Select(Text)) + "\n";
            case "len": Need(name, a, 1); return (long)(a[0] switch { string s => s.Length, IReadOnlyDictionary<string, object?> m => m.Count, IEnumerable e => e.Cast<object?>().Count(), null => 0, _ => throw new GoTemplateException($"len of a {Kind(a[0])}") });
            case "index": Need(name, a, 2); return Index(a[0], a[1]);
            case "isset": Need(name, a, 2); return Index(a[0], a[1]) is not null;
            case "in": Need(name, a, 2); return a[0] is string hay ? hay.Contains(Text(a[1]), StringComparison.Ordinal) : a[0] is IEnumerable items && items.Cast<object?>().Any(x => Same(x, a[1]));
            case "lower": Need(name, a, 1); return Text(a[0]).ToLowerInvariant();
            case "upper": Need(name, a, 1); return Text(a[0]).ToUpperInvariant();
            case "title": Need(name, a, 1); return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Text(a[0]));
            case "trim": Need(name, a, 2); return Text(a[0]).Trim(Text(a[1]).ToCharArray());
            case "replace": Need(name, a, 3); return Text(a[0]).Replace(Text(a[1]), Text(a[2]), StringComparison.Ordinal);
            case "split": Need(name, a, 2); return Text(a[0]).Split(Text(a[1])).Cast<object?>().ToList();
            case "delimit": Need(name, a, 2); return string.Join(Text(a[1]), (a[0] as IEnumerable)?.Cast<object?>().Select(Text) ?? []);
            case "slice": return a.ToList();
            case "dict":
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i + 1 < a.Count; i += 2) map[Text(a[i])] = a[i + 1];
                return map;
            case "urlize": Need(name, a, 1); return Uri.EscapeDataString(Text(a[0]).ToLowerInvariant().Replace(' ', '-'));
            case "htmlEscape": Need(name, a, 1); return WebUtility.HtmlEncode(Text(a[0]));
            case "plainify": Need(name, a, 1); return System.Text.RegularExpressions.Regex.Replace(Text(a[0]), "<[^>]*>", "");
            case "markdownify": Need(name, a, 1); return new SafeHtml(markdownify(Text(a[0])));
            case "safeHTML" or "safeHTMLAttr" or "safeURL" or "safeCSS" or "safeJS": Need(name, a, 1); return new SafeHtml(Text(a[0]));
            case "relURL": Need(name, a, 1); return RelUrl(Text(a[0]));
            case "absURL": Need(name, a, 1); return AbsUrl(Text(a[0]));
            case "string": Need(name, a, 1); return Text(a[0]);
            case "int": Need(name, a, 1); return long.TryParse(Text(a[0]), CultureInfo.InvariantCulture, out var n) ? n : 0L;
            default: throw new GoTemplateException($"Lemma does not know the template function '{name}'");
        }
    }

    private static void Need(string name, List<object?> a, int count)
    {
        if (a.Count < count) throw new GoTemplateException($"'{name}' needs {count} argument{(count == 1 ? "" : "s")}");
    }

    private string RelUrl(string url)
    {
        if (url.Contains("://", StringComparison.Ordinal) || url.StartsWith("//", StringComparison.Ordinal)) return url;
        var path = new Uri(baseUrl).AbsolutePath.TrimEnd('/');
        return path + "/" + url.TrimStart('/');
    }

    private string AbsUrl(string url) =>
        url.Contains("://", StringComparison.Ordinal) ? url : baseUrl.TrimEnd('/') + "/" + url.TrimStart('/');

    private static object? Index(object? collection, object? key) => collection switch
    {
        IReadOnlyDictionary<string, object?> map => ShortcodeValues.Get(map, Text(key)),
        IList list when key is long i => i >= 0 && i < list.Count ? list[(int)i] : null,
        IEnumerable<object?> items when key is long i => items.ElementAtOrDefault((int)i),
        null => null,
        _ => throw new GoTemplateException($"index of a {Kind(collection)}"),
    };

    /// <summary>Go's truth: false, 0, nil and empty strings, lists and maps are false.</summary>
    public static bool Truth(object? value) => value switch
    {
        null => false,
        bool b => b,
        long n => n != 0,
        int n => n != 0,
        double d => d != 0,
        string s => s.Length > 0,
        SafeHtml h => h.Value.Length > 0,
        IReadOnlyDictionary<string, object?> m => m.Count > 0,
        IEnumerable e => e.Cast<object?>().Any(),
        _ => true,
    };

    private static bool Same(object? a, object? b) =>
        Number(a) is { } x && Number(b) is { } y ? x == y : string.Equals(Text(a), Text(b), StringComparison.Ordinal) && (a is null) == (b is null);

    private static int Compare(object? a, object? b) =>
        Number(a) is { } x && Number(b) is { } y ? x.CompareTo(y) : string.CompareOrdinal(Text(a), Text(b));

    private static double? Number(object? value) => value switch
    {
        long n => n, int n => n, double d => d, decimal m => (double)m, _ => null,
    };

    public static string Kind(object? value) => value switch
    {
        null => "nil", string => "string", bool => "bool", long or int => "int", double => "float",
        IReadOnlyDictionary<string, object?> => "map", IEnumerable => "list", _ => value.GetType().Name,
    };

    public static string Text(object? value) => value switch
    {
        SafeHtml h => h.Value,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => ShortcodeValues.Text(value),
    };

    /// <summary>Go's printf for the verbs templates use: %s %d %v %q %f %%.</summary>
    private static string Printf(string format, List<object?> args)
    {
        var output = new System.Text.StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length) { output.Append(format[i]); continue; }
            var verb = format[++i];
            if (verb == '%') { output.Append('%'); continue; }
            var arg = next < args.Count ? args[next++] : null;
            output.Append(verb switch
            {
                'q' => "\"" + Text(arg).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
                'f' => Number(arg) is { } f ? f.ToString("F6", CultureInfo.InvariantCulture) : Text(arg),
                _ => Text(arg),
            });
        }
        return output.ToString();
    }
}
