using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Lemma.Diagnostics;

namespace Lemma.Content.Jekyll;

/// <summary>
/// Tags from Jekyll plugins Lemma does not have (<c>{% cite %}</c>, <c>{% gist %}</c>, <c>{% twitter %}</c>): each is a
/// warning at its position and shows on the page as its marked text, while the rest of the body's Liquid still runs
/// (Liquid's parser would refuse the whole body for one of them). The body keeps its lines.
/// </summary>
internal static partial class UnknownTags
{
    public static (string Body, List<Diagnostic> Diagnostics) Mark(string body, FrozenSet<string> known, string path, int bodyLine)
    {
        var diagnostics = new List<Diagnostic>();
        if (!body.Contains("{%", StringComparison.Ordinal)) return (body, diagnostics);
        StringBuilder? sb = null;
        var copied = 0;
        var inRaw = false;
        foreach (Match m in Tag().Matches(body))
        {
            var name = m.Groups[1].Value;
            if (inRaw) { inRaw = name != "endraw"; continue; }
            if (name == "raw") { inRaw = true; continue; }
            if (known.Contains(name)) continue;
            sb ??= new StringBuilder(body.Length + 256);
            sb.Append(body, copied, m.Index - copied)
              .Append("{% raw %}").Append(JekyllLiquid.Mark(m.Value, $"the Jekyll tag '{name}' is not one Lemma knows")).Append("{% endraw %}");
            copied = m.Index + m.Length;
            var before = body.AsSpan(0, m.Index);
            diagnostics.Add(Diagnostic.Warning(new SourceSpan(path, bodyLine + before.Count('\n'), m.Index - (before.LastIndexOf('\n') + 1) + 1),
                $"Liquid: unknown tag '{name}' (a Jekyll plugin's?); its text is shown on the page"));
        }
        return sb is null ? (body, diagnostics) : (sb.Append(body, copied, body.Length - copied).ToString(), diagnostics);
    }

    [GeneratedRegex(@"\{%-?\s*([A-Za-z_][\w-]*)[^%]*?(?:%(?!\})[^%]*?)*-?%\}", RegexOptions.Singleline)]
    private static partial Regex Tag();
}
