using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Markdown.Attributes;

/// <summary>
/// Puts a list's attributes on an element. The writer's own Markdown may set any attribute (kramdown and Pandoc let them),
/// except what runs script: event handlers (<c>on*</c>), <c>javascript:</c> and like URLs, and styles that load or run
/// something. Those are left out with a warning, since the page still reads without them.
/// </summary>
public static class AttributeRules
{
    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "srcset", "action", "formaction", "poster", "background", "cite", "data", "xlink:href", "ping", "longdesc",
    };

    /// <summary>Applies <paramref name="list"/> (and the definitions it refers to) to <paramref name="target"/>.</summary>
    public static void Apply(AttributeList list, MarkdownObject target, AttributeNotes notes, int line, int column, int depth = 0)
    {
        var attributes = target.GetAttributes();
        foreach (var name in list.References)
        {
            if (name == "toc") continue; // the caller's business: only a list can become the table of contents
            if (depth < 8 && notes.Definitions.TryGetValue(name, out var definition)) Apply(definition, target, notes, line, column, depth + 1);
            else if (depth == 0)
                notes.Warn(line, column, $"kramdown: no attribute list definition is named '{name}' (define it with {{:{name}: .class}}); the name is ignored");
        }
        if (list.Id is { } id) attributes.Id = id;
        foreach (var cls in list.Classes) attributes.AddClass(cls);
        foreach (var (key, value) in list.Properties)
        {
            if (Unsafe(key, value) is { } why)
            {
                notes.Warn(line, column, $"markdown: the attribute '{key}' is left out: {why}");
                continue;
            }
            attributes.Properties?.RemoveAll(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
            attributes.AddProperty(key, value);
        }
    }

    /// <summary>Why an attribute could run script, or null when it cannot.</summary>
    public static string? Unsafe(string key, string value)
    {
        if (key.StartsWith("on", StringComparison.OrdinalIgnoreCase) && key.Length > 2) return "an event handler runs script; put scripts in the page's HTML instead";
        if (key.Equals("srcdoc", StringComparison.OrdinalIgnoreCase)) return "srcdoc holds a whole page";
        if (UrlAttributes.Contains(key) && ScriptUrl(value)) return "a javascript:, vbscript: or data: URL runs script";
        if (key.Equals("style", StringComparison.OrdinalIgnoreCase))
        {
            var style = Squeeze(value);
            if (style.Contains("url(") || style.Contains("expression(") || style.Contains("javascript:") || style.Contains("@import")
                || style.Contains("behavior:") || style.Contains("-moz-binding") || style.Contains('\\'))
                return "a style that loads or runs something (url(), expression(), @import) is not kept";
        }
        return null;
    }

    private static bool ScriptUrl(string value)
    {
        var url = Squeeze(value);
        return url.StartsWith("javascript:", StringComparison.Ordinal) || url.StartsWith("vbscript:", StringComparison.Ordinal)
            || (url.StartsWith("data:", StringComparison.Ordinal) && !(url.StartsWith("data:image/", StringComparison.Ordinal) && !url.StartsWith("data:image/svg", StringComparison.Ordinal)));
    }

    /// <summary>Lower case without whitespace or control characters, as a browser reads a scheme ("java\tscript:").</summary>
    private static string Squeeze(string value) => string.Concat(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))).ToLowerInvariant();
}
