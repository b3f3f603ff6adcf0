using System.Text;

namespace Lemma.Math;

/// <summary>Per-post state: equation counter, \label targets, macros defined by the post. Not thread-safe.</summary>
public sealed class MathDocument
{
    const char RefStart = '\uE000';
    const char RefEnd = '\uE001';

    // Made on first use: most formulas define no label, reference or macro, and a post may have one formula.
    Dictionary<string, string>? _labels;
    List<(string Label, bool Parens)>? _references;
    List<string>? _unknown;
    Dictionary<string, MacroDefinition>? _macros;

    /// <summary>Macros defined by the post's formulas (\newcommand, \def); null while there are none.</summary>
    internal Dictionary<string, MacroDefinition>? DefinedMacros => _macros;

    internal void DefineMacro(string name, MacroDefinition macro) => (_macros ??= [])[name] = macro;

    /// <summary>Number of the last automatically numbered equation.</summary>
    public int EquationCount { get; internal set; }

    /// <summary>Labels referenced by \eqref or \ref but never defined; filled by <see cref="ResolveReferences"/>.</summary>
    public IReadOnlyList<string> UnknownLabels => _unknown ??= [];

    /// <summary>The number shown for a label ("3", or a \tag's text), if it is defined.</summary>
    public string? NumberOf(string label) => _labels?.GetValueOrDefault(label);

    /// <summary>The id of the element a label points to: "eq-" and the label, with characters unsafe in a URL fragment replaced.</summary>
    public static string AnchorId(string label)
    {
        var sb = new StringBuilder("eq-", label.Length + 3);
        foreach (var c in label) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.' ? c : '-');
        return sb.ToString();
    }

    internal bool HasLabel(string label) => _labels?.ContainsKey(label) == true;

    internal void DefineLabel(string label, string number) => (_labels ??= [])[label] = number;

    internal string AddReference(string label, bool parens)
    {
        (_references ??= []).Add((label, parens));
        return $"{RefStart}{_references.Count - 1}{RefEnd}";
    }

    /// <summary>Replaces the \eqref and \ref placeholders in <paramref name="html"/> (the post's whole HTML) with
    /// equation numbers, including references to equations further down. Unknown labels show "??".</summary>
    public string ResolveReferences(string html)
    {
        if (string.IsNullOrEmpty(html) || _references is null || html.IndexOf(RefStart) < 0) return html ?? "";
        var sb = new StringBuilder(html.Length);
        int i = 0;
        while (i < html.Length)
        {
            int start = html.IndexOf(RefStart, i);
            int end = start < 0 ? -1 : html.IndexOf(RefEnd, start);
            if (start < 0 || end < 0 || !int.TryParse(html.AsSpan(start + 1, end - start - 1), out int index)
                || index < 0 || index >= _references.Count)
            {
                int stop = start < 0 ? html.Length : start + 1;
                sb.Append(html, i, stop - i);
                i = stop;
                continue;
            }
            sb.Append(html, i, start - i);
            var (label, parens) = _references[index];
            string number;
            if (_labels?.TryGetValue(label, out var n) == true) number = n!;
            else
            {
                number = "??";
                _unknown ??= [];
                if (!_unknown.Contains(label)) _unknown.Add(label);
            }
            MathNode.Escape(sb, parens ? $"({number})" : number, attribute: false);
            i = end + 1;
        }
        return sb.ToString();
    }
}
