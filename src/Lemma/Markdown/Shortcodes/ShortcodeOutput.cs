namespace Lemma.Markdown.Shortcodes;

/// <summary>What a shortcode becomes in the body before Markdown reads it.</summary>
public abstract record ShortcodeOutput
{
    /// <summary>HTML, set aside and put back after Markdown (Hugo's <c>{{&lt; &gt;}}</c>); <paramref name="Images"/> and
    /// <paramref name="Links"/> are the site paths it points to, for the link checks.</summary>
    public sealed record Html(string Value, string[]? Images = null, string[]? Links = null) : ShortcodeOutput;

    /// <summary>Markdown, read with the text around it (Hugo's <c>{{% %}}</c>, a highlight's fence, a ref's URL).</summary>
    public sealed record Markdown(string Value) : ShortcodeOutput;

    /// <summary>Markdown before and after the shortcode's inner text, which stays where it is in the body (lines kept).</summary>
    public sealed record Wrap(string Open, string Close) : ShortcodeOutput;
}

/// <summary>One shortcode to render: its opening tag, its inner text (nested shortcodes already rendered), and the page.</summary>
public sealed record ShortcodeCall(ShortcodeTag Tag, string? Inner, ShortcodePage Page, int Ordinal)
{
    public ShortcodeArguments Arguments => Tag.Arguments;
}

/// <summary>The page a body belongs to, as shortcodes see it.</summary>
public sealed record ShortcodePage(string Path, string? Title, IReadOnlyDictionary<string, object?> Params);
