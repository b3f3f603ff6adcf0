using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Lemma.Templates;

/// <summary>
/// The theme's code colours as inline styles, by highlight class ("hl-keyword" -> "color:#b8212b"): mail clients and
/// feed readers drop classes and stylesheets, so an email or a feed entry carries each token's colour on its span. Read
/// from the theme's own highlight.css (its light palette: readers that darken do it themselves), so they and the site agree.
/// </summary>
public static partial class CodeColours
{
    /// <summary>Style by class name, and the colour of code text outside any token.</summary>
    private static readonly (FrozenDictionary<string, string> Styles, string Text) Theme = Read();

    public static FrozenDictionary<string, string> Styles => Theme.Styles;

    public static string Text => Theme.Text;

    /// <summary>The light palette's code background (site.css's --code-bg), which the token colours keep their contrast on.</summary>
    public const string Background = "#f4f2ed";

    private static (FrozenDictionary<string, string>, string) Read()
    {
        var css = EmbeddedTheme.Files("theme/assets/css/").First(f => f.Name == "highlight.css").Text;
        // The first :root block is the light palette; the dark ones follow inside media queries and [data-theme].
        var root = RootBlock().Match(css).Groups[1].Value;
        var palette = Variable().Matches(root).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim(), StringComparer.Ordinal);
        string Resolve(string value) => VarUse().Replace(value, m => palette.GetValueOrDefault(m.Groups[1].Value, "inherit"));
        var text = palette.GetValueOrDefault("code-text", "#1f2328");
        var styles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match rule in ClassRule().Matches(css))
        {
            var declarations = rule.Groups[2].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => d.Split(':', 2, StringSplitOptions.TrimEntries))
                // user-select and its prefixed twin mean nothing in a mail client.
                .Where(d => d.Length == 2 && d[0] is "color" or "background" or "font-style" or "font-weight")
                .Select(d => $"{(d[0] == "background" ? "background-color" : d[0])}:{Resolve(d[1])}");
            styles[rule.Groups[1].Value] = string.Join(";", declarations);
        }
        return (styles.ToFrozenDictionary(StringComparer.Ordinal), text);
    }

    [GeneratedRegex(@":root\s*\{([^}]*)\}")]
    private static partial Regex RootBlock();

    [GeneratedRegex(@"--([\w-]+)\s*:\s*([^;]+);")]
    private static partial Regex Variable();

    [GeneratedRegex(@"var\(--([\w-]+)\)")]
    private static partial Regex VarUse();

    [GeneratedRegex(@"^\.(hl-[a-z]+)\s*\{([^}]*)\}", RegexOptions.Multiline)]
    private static partial Regex ClassRule();
}
