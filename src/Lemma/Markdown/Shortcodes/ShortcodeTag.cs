using System.Collections.Immutable;

namespace Lemma.Markdown.Shortcodes;

/// <summary>
/// One shortcode tag as written in a body: <c>{{&lt; name args &gt;}}</c> (its output is HTML), <c>{{% name args %}}</c>
/// (its output is Markdown), a closing <c>{{&lt; /name &gt;}}</c>, a self-closing <c>{{&lt; name /&gt;}}</c>, or the
/// comment form <c>{{&lt;/* name */&gt;}}</c> that Hugo prints as the tag itself.
/// </summary>
/// <param name="Start">Offset of the first '{' in the body.</param>
/// <param name="End">Offset just after the last '}'.</param>
/// <param name="Line">0-based body line of <paramref name="Start"/>.</param>
/// <param name="Column">0-based column of <paramref name="Start"/>.</param>
public sealed record ShortcodeTag(int Start, int End, int Line, int Column, string Name, bool IsMarkdown, bool IsClosing, bool IsSelfClosing,
    bool IsComment, ShortcodeArguments Arguments, string Source)
{
    /// <summary>The tag as Hugo prints its comment form: the delimiters without the comment marks.</summary>
    /// <summary>0-based body line of the tag's last character (arguments may run over lines).</summary>
    public int EndLine => Line + Source.Count(c => c == '\n');

    public string Literal => IsComment ? Source.Replace("/*", "", StringComparison.Ordinal).Replace("*/", "", StringComparison.Ordinal) : Source;
}

/// <summary>A shortcode's arguments: positional ones in order, or named ones (Hugo does not allow both in one call).</summary>
public sealed record ShortcodeArguments(ImmutableArray<string> Positional, ImmutableDictionary<string, string> Named)
{
    public static readonly ShortcodeArguments None = new([], ImmutableDictionary<string, string>.Empty);

    /// <summary>The named argument <paramref name="name"/>, else the positional one at <paramref name="index"/>, else null.</summary>
    public string? Get(string name, int index = -1) =>
        Named.TryGetValue(name, out var value) ? value : index >= 0 && index < Positional.Length ? Positional[index] : null;
}
