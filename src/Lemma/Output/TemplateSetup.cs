using Fluid;
using Fluid.Values;
using Lemma.Configuration;
using Lemma.Markdown;
using Lemma.Output.Views;

namespace Lemma.Output;

/// <summary>What templates may read (the view records) and the filters Lemma adds to Liquid's.</summary>
public static class TemplateSetup
{
    public static void Configure(TemplateOptions options, SiteUrls urls)
    {
        var access = options.MemberAccessStrategy;
        access.Register<SiteView>();
        access.Register<PageView>();
        access.Register<PageLink>();
        access.Register<CoverView>();
        access.Register<TermLink>();
        access.Register<TocView>();
        access.Register<SeriesView>();
        access.Register<SeriesItem>();
        access.Register<PaperView>();
        access.Register<FeedLinks>();
        access.Register<SectionView>();
        access.Register<TaxonomyView>();
        access.Register<TermView>();
        access.Register<PaginatorView>();
        access.Register<HomeSectionView>();
        access.Register<TrendingTag>();
        access.Register<ArchiveYear>();
        access.Register<Author>();
        access.Register<MenuItem>();
        access.Register<SocialLink>();
        TemplateReads.Register(access);
        // Page bodies are UTF-8 (see Utf8Html); raw keeps them so, and prints them without a copy.
        options.ValueConverters.Add(value => value is Utf8Html html ? new HtmlValue(html, encode: true) : null);
        options.Filters.AddFilter("raw", (input, _, _) => input is HtmlValue html ? html.Raw() : new StringValue(input.ToStringValue(), false));

        // {{ "/posts/" | absolute_url }} -> https://example.org/posts/ ; relative_url adds the base path only.
        options.Filters.AddFilter("absolute_url", (input, _, _) =>
            new StringValue(Absolute(urls, input.ToStringValue())));
        options.Filters.AddFilter("relative_url", (input, _, _) =>
            new StringValue(input.ToStringValue() is var s && s.StartsWith('/') && !s.StartsWith(urls.BasePath + "/", StringComparison.Ordinal) ? urls.Link(s) : s));
        options.Filters.AddFilter("slugify", (input, _, _) => new StringValue(Model.Slug.From(input.ToStringValue())));
    }

    private static string Absolute(SiteUrls urls, string value)
    {
        if (value.Contains("://", StringComparison.Ordinal)) return value;
        var path = value.StartsWith('/') ? value : "/" + value;
        // Template URLs already carry the base path; don't add it twice.
        if (urls.BasePath.Length > 0 && path.StartsWith(urls.BasePath + "/", StringComparison.Ordinal)) path = path[urls.BasePath.Length..];
        return urls.Absolute(path);
    }
}
