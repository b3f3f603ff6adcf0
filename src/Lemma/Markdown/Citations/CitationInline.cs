using System.Collections.Immutable;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown.Citations;

/// <summary>
/// One cited key of a citation: <c>[see @key, p. 3]</c> has the prefix "see" and the locator "p. 3";
/// <c>[-@key]</c> suppresses the author. <see cref="Line"/> and <see cref="Column"/> are the key's '@' in the body (0-based).
/// </summary>
public sealed record CitationItem(string Key, string Prefix, string Locator, bool SuppressAuthor, int Line, int Column);

/// <summary>
/// A Pandoc citation: bracketed (<c>[@a; @b, p. 3]</c>, a parenthetical citation) or bare (<c>@a</c> in running
/// text, a narrative citation). <see cref="Source"/> is the text as written, shown when no bibliography applies.
/// </summary>
public sealed class CitationInline : LeafInline
{
    public required ImmutableArray<CitationItem> Items { get; init; }
    public required bool Bracketed { get; init; }
    public required string Source { get; init; }
}
