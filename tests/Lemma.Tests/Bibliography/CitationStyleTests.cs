using System.Collections.Immutable;
using Lemma.Build;
using Lemma.Configuration;
using Lemma.Markdown.Citations;

namespace Lemma.Tests.Bibliography;

/// <summary>site.yaml's citations setting: a map with a style, or the style alone; anything else is a warning.</summary>
public class CitationStyleTests
{
    private static SiteConfig With(object? citations) =>
        new() { Params = citations is null ? [] : new Dictionary<string, object?> { ["citations"] = citations }.ToImmutableDictionary() };

    public static TheoryData<object?, CitationStyle?> Cases() => new()
    {
        { null, CitationStyle.AuthorYear },
        { new Dictionary<string, object?> { ["style"] = "numeric" }, CitationStyle.Numeric },
        { new Dictionary<string, object?> { ["style"] = "author-year" }, CitationStyle.AuthorYear },
        { new Dictionary<string, object?>(), CitationStyle.AuthorYear },
        { "numeric", CitationStyle.Numeric },
        { new Dictionary<string, object?> { ["style"] = "harvard-ish" }, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Styles(object? setting, CitationStyle? style)
    {
        var config = With(setting);
        Assert.Equal(style, ContentFormats.CitationStyle(config));
        Assert.Equal(style is null ? 1 : 0, ContentFormats.ConfigWarnings(config, "site.yaml").Count());
    }
}
