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
        Tracked<SiteView>(access, (q, _, member, _) => q.Get(PageQueries.SiteMember, member));
        // A page reads its own view whole (any change to it is a change to the page); another page's view member by member.
        Tracked<PageView>(access, (q, view, member, main) =>
            view.Key is not { } key || PageView.Decorations.Contains(member) ? Untracked
            : key == main ? PageQueries.MemberOf(q.Get(PageQueries.View, key), member)
            : q.Get(PageQueries.ViewMember, (key, member)));
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

    private const string ReadsKey = "lemma.reads";
    private const string MainKey = "lemma.main";
    private static readonly object Untracked = new();

    /// <summary>Makes every member of a view or of <c>site</c> a template reads a read of <paramref name="reads"/>' queries;
    /// <paramref name="main"/> is the key of the page being rendered.</summary>
    public static void Track(TemplateContext context, Incremental.QueryContext reads, string? main)
    {
        context.AmbientValues[ReadsKey] = reads;
        context.AmbientValues[MainKey] = main;
    }

    /// <summary>Each member of <typeparamref name="T"/> as Liquid names it (snake_case), read through <paramref name="read"/>
    /// while a page renders in a build (its value then comes from the store), else from the object itself.</summary>
    private static void Tracked<T>(MemberAccessStrategy access, Func<Incremental.QueryContext, T, string, string?, object?> read)
    {
        foreach (var property in typeof(T).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property.Name == nameof(PageView.Key) || property.GetIndexParameters().Length > 0) continue;
            var member = property.Name;
            Func<object?, object?> get = property.GetValue;
            access.Register<T>(MemberNameStrategies.SnakeCase(property), new Member((obj, ctx) =>
                ctx.AmbientValues.TryGetValue(ReadsKey, out var value) && value is Incremental.QueryContext q
                && read(q, (T)obj, member, ctx.AmbientValues.GetValueOrDefault(MainKey) as string) is var v && !ReferenceEquals(v, Untracked)
                    ? v : get(obj)));
        }
    }

    private sealed class Member(Func<object, TemplateContext, object?> get) : IMemberAccessor
    {
        public object Get(object obj, string name, TemplateContext ctx) => get(obj, ctx)!;
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
