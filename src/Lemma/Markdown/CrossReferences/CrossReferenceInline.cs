using System.Collections.Immutable;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.CrossReferences;

/// <summary>
/// Quarto's cross references, written as Pandoc citations of labels with a kind prefix: <c>@eq-x</c>, <c>@fig-x</c>,
/// <c>@tbl-x</c>, <c>@sec-x</c> (and the theorem kinds, <c>@thm-x</c>...), bracketed (<c>[see @fig-a; @fig-b]</c>) or
/// not; <c>[-@eq-x]</c> shows the number alone. The citation parser makes one of these instead of a citation.
/// </summary>
public sealed class CrossReferenceInline : LeafInline
{
    public required ImmutableArray<(string Label, int Line, int Column)> Targets { get; init; }
    /// <summary>Text before the first reference in a bracket ("see").</summary>
    public string Prefix { get; init; } = "";
    public bool NumberOnly { get; init; }
    /// <summary>The reference as written, shown when a label names nothing.</summary>
    public required string Source { get; init; }

    /// <summary>The prefixes Quarto numbers, and the word it writes for each.</summary>
    public static readonly ImmutableDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        ["eq"] = "Equation", ["fig"] = "Figure", ["tbl"] = "Table", ["sec"] = "Section", ["lst"] = "Listing",
        ["thm"] = "Theorem", ["lem"] = "Lemma", ["cor"] = "Corollary", ["prp"] = "Proposition", ["cnj"] = "Conjecture",
        ["def"] = "Definition", ["exm"] = "Example", ["exr"] = "Exercise", ["sol"] = "Solution", ["rem"] = "Remark",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Whether a cited key is a label of a kind Quarto numbers (<c>fig-x</c>, or <c>Fig-x</c> at a sentence's start).</summary>
    public static bool IsLabel(string key)
    {
        var dash = key.IndexOf('-');
        return dash > 0 && dash < key.Length - 1 && Kinds.ContainsKey(key[..dash].ToLowerInvariant());
    }
}

/// <summary>Writes a placeholder that <see cref="PageNumbers.FillCrossReferences"/> fills once the page's numbers are known.</summary>
public sealed class CrossReferenceHtml(PageContext page) : HtmlObjectRenderer<CrossReferenceInline>
{
    protected override void Write(HtmlRenderer renderer, CrossReferenceInline reference) =>
        renderer.Write(page.Numbers.AddCrossReference(reference, page));
}
