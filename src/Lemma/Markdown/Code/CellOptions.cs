using System.Collections.Immutable;

namespace Lemma.Markdown.Code;

/// <summary>
/// A Quarto or R Markdown code cell (<c>```{python}</c>): its leading option lines (<c>#| echo: false</c>, or <c>//|</c>
/// and <c>--|</c> in languages with those comments) say how the cell is shown and are not part of the code. Lemma does not
/// run cells; it shows their code, and hides it where the writer asked Quarto to (<c>echo: false</c>, <c>include: false</c>).
/// </summary>
public sealed record CellOptions(string Code, ImmutableDictionary<string, string> Options)
{
    /// <summary>Whether the info string is a cell's (<c>{python}</c>, <c>{r label}</c>) rather than Pandoc attributes (<c>{.python}</c>).</summary>
    public static bool IsCell(string? info) =>
        info?.Trim() is ['{', var first, ..] and [.., '}'] && first is not ('.' or '#' or '{' or '}') && !char.IsWhiteSpace(first);

    public static CellOptions Split(string code)
    {
        var options = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var at = 0;
        while (at < code.Length)
        {
            var end = code.IndexOf('\n', at);
            var line = (end < 0 ? code[at..] : code[at..end]).Trim();
            var prefix = line.StartsWith("#|", StringComparison.Ordinal) || line.StartsWith("//|", StringComparison.Ordinal) || line.StartsWith("--|", StringComparison.Ordinal)
                ? line.IndexOf('|') + 1 : -1;
            if (prefix < 0) break;
            var option = line[prefix..];
            var colon = option.IndexOf(':');
            if (colon > 0) options[option[..colon].Trim()] = option[(colon + 1)..].Trim().Trim('"', '\'');
            at = end < 0 ? code.Length : end + 1;
        }
        return new CellOptions(code[at..], options.ToImmutable());
    }

    /// <summary>Quarto's <c>code-fold: true</c> (folded) or <c>show</c> (open): the code sits in a &lt;details&gt; with <c>code-summary</c> ("Code").</summary>
    public (bool Open, string Summary)? Fold => Options.GetValueOrDefault("code-fold") switch
    {
        "true" or "True" => (false, Options.GetValueOrDefault("code-summary") ?? "Code"),
        "show" => (true, Options.GetValueOrDefault("code-summary") ?? "Code"),
        _ => null,
    };

    /// <summary>The cell's own <c>echo</c>, if it has one.</summary>
    public bool? Echo => Options.GetValueOrDefault("echo") switch
    {
        "false" or "False" or "FALSE" => false,
        "true" or "True" or "TRUE" or "fenced" => true,
        _ => null,
    };

    /// <summary>Quarto shows no code for <c>echo: false</c> and nothing at all for <c>include: false</c>.</summary>
    public bool Hidden => Options.GetValueOrDefault("echo") is "false" or "False" or "FALSE"
        || Options.GetValueOrDefault("include") is "false" or "False" or "FALSE";
}
