using System.Collections.Immutable;
using Lemma.Markdown.Shortcodes.GoTemplates;

namespace Lemma.Markdown.Shortcodes;

/// <summary>A shortcode template's dot: .Get, .Inner, .Params, .Page, .Site, .Ordinal, .Name, .IsNamedParams.</summary>
internal sealed record ShortcodeDot(ShortcodeCall Call, ShortcodeSite Site) : IGoObject
{
    public object? Member(string name, IReadOnlyList<object?> arguments) => name switch
    {
        "Get" => Get(arguments),
        "Inner" or "InnerDeindent" => Call.Inner is { } inner ? new SafeHtml(inner) : null,
        "Params" => Call.Arguments.Named.Count > 0
            ? Call.Arguments.Named.ToImmutableDictionary(p => p.Key, p => (object?)p.Value)
            : Call.Arguments.Positional.Cast<object?>().ToList(),
        "IsNamedParams" => Call.Arguments.Named.Count > 0,
        "Ordinal" => (long)Call.Ordinal,
        "Name" => Call.Tag.Name,
        "Page" => new PageDot(Call.Page),
        "Site" => new SiteDot(Site),
        "Parent" => null,
        _ => throw new GoTemplateException($"a shortcode has no .{name} that Lemma reads"),
    };

    private object? Get(IReadOnlyList<object?> arguments) => arguments is [var key]
        ? key switch
        {
            long i => i >= 0 && i < Call.Arguments.Positional.Length ? Call.Arguments.Positional[(int)i] : null,
            string n => Call.Arguments.Named.GetValueOrDefault(n),
            _ => null,
        }
        : throw new GoTemplateException(".Get takes one argument");
}

/// <summary>The page as shortcode templates read it while its body renders (its URL is not known yet).</summary>
internal sealed record PageDot(ShortcodePage Page) : IGoObject
{
    public object? Member(string name, IReadOnlyList<object?> arguments) => name switch
    {
        "Title" or "LinkTitle" => Page.Title ?? "",
        "Params" => Page.Params,
        "Param" when arguments is [var key] => ShortcodeValues.Path(Page.Params, GoFunctions.Text(key)),
        "Date" or "PublishDate" or "Lastmod" or "Description" or "Summary" or "Draft" or "Type" or "Section" =>
            ShortcodeValues.Get(Page.Params, name),
        _ => throw new GoTemplateException($".Page.{name} is not read by Lemma while the page renders"),
    };
}

internal sealed record SiteDot(ShortcodeSite Site) : IGoObject
{
    public object? Member(string name, IReadOnlyList<object?> arguments) => name switch
    {
        "Params" => Site.Params,
        "BaseURL" => Site.BaseUrl,
        "Title" => Site.Title,
        _ => throw new GoTemplateException($".Site.{name} is not read by Lemma's shortcode templates"),
    };
}
