using Lemma.Diagnostics;

namespace Lemma.Templates;

/// <summary>
/// How deeply a Liquid template nests, checked before Fluid parses it: Fluid's parser recurses once per level of
/// blocks, parentheses and filters, so a layout with thousands of nested {% if %} overflows the stack and ends the
/// process, which no catch can report. Past the limits the template is an error at the line instead.
/// </summary>
internal static class TemplateNesting
{
    public const int MaxBlocks = 64;
    public const int MaxBrackets = 32;
    public const int MaxFilters = 100;

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "if", "unless", "for", "case", "capture", "tablerow", "comment", "raw", "with", "form", "paginate", "block",
    };

    /// <summary>An error where <paramref name="text"/> first nests past a limit, or null.</summary>
    public static Diagnostic? Check(string path, string text)
    {
        var depth = 0;
        var at = 0;
        while ((at = text.IndexOf('{', at)) >= 0 && at + 1 < text.Length)
        {
            var close = text[at + 1] switch { '{' => "}}", '%' => "%}", _ => null };
            if (close is null) { at++; continue; }
            var end = text.IndexOf(close, at + 2, StringComparison.Ordinal);
            if (end < 0) end = text.Length;
            var inner = text.AsSpan(at + 2, end - at - 2).Trim('-').Trim();
            if (close == "%}")
            {
                var nameLength = 0;
                while (nameLength < inner.Length && (char.IsAsciiLetterOrDigit(inner[nameLength]) || inner[nameLength] == '_')) nameLength++;
                var name = inner[..nameLength].ToString();
                if (Blocks.Contains(name) && ++depth > MaxBlocks) return Error(path, text, at, $"blocks ({{% {name} %}} and the like) nest deeper than {MaxBlocks} levels");
                if (name.StartsWith("end", StringComparison.Ordinal) && depth > 0) depth--;
            }
            if (Expression(inner) is { } problem) return Error(path, text, at, problem);
            at = end;
        }
        return null;
    }

    /// <summary>What is wrong with one tag's or output's expression: brackets nested too deep or too many filters.</summary>
    private static string? Expression(ReadOnlySpan<char> inner)
    {
        var (brackets, filters) = (0, 0);
        char? quote = null;
        foreach (var c in inner)
        {
            if (quote is not null) { if (c == quote) quote = null; continue; }
            switch (c)
            {
                case '\'' or '"': quote = c; break;
                case '(' or '[': if (++brackets > MaxBrackets) return $"brackets nest deeper than {MaxBrackets} levels"; break;
                case ')' or ']': if (brackets > 0) brackets--; break;
                case '|': if (++filters > MaxFilters) return $"more than {MaxFilters} filters in one expression"; break;
            }
        }
        return null;
    }

    private static Diagnostic Error(string path, string text, int at, string message)
    {
        var before = text.AsSpan(0, at);
        return Diagnostic.Error(new SourceSpan(path, before.Count('\n') + 1, at - before.LastIndexOf('\n')), "template: " + message);
    }
}
