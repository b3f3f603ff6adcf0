using Fluid;
using Fluid.Values;
using Lemma.Configuration;
using Lemma.Markdown;
using Lemma.Templates;
using Lemma.Output.Views;

namespace Lemma.Output;

/// <summary>What templates may read (the view records) and the filters Lemma adds to Liquid's.</summary>
public static class TemplateSetup
{
    public static void Configure(TemplateOptions options, SiteUrls urls)
    {
        var access = options.MemberAccessStrategy;
        Tracked<SiteView>(access, (reads, _, member, _) => reads.Site(member));
        Tracked<PageView>(access, (reads, view, member, get) => reads.Page(view, member, get));
        Tracked<SectionView>(access, (reads, view, member, _) => reads.List(view.Key, member));
        Tracked<TaxonomyView>(access, (reads, view, member, _) => reads.List(view.Key, member));
        access.Register<PageLink>();
        access.Register<CommentView>();
        access.Register<CoverView>();
        access.Register<TermLink>();
        access.Register<TocView>();
        access.Register<SeriesView>();
        access.Register<SeriesItem>();
        access.Register<SeriesLink>();
        access.Register<PaperView>();
        access.Register<FeedLinks>();
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

    /// <summary>Makes every member of a view or of <c>site</c> a template reads a read of <paramref name="reads"/>' queries;
    /// <paramref name="main"/> is the key of the page being rendered.</summary>
    public static void Track(TemplateContext context, Incremental.QueryContext reads, string? main)
    {
        var tracked = new RenderReads(reads, main);
        context.AmbientValues[ReadsKey] = tracked;
        context.AmbientValues[FragmentStatement.SourceKey] = tracked;
    }

    /// <summary>The arguments a <see cref="Fragment"/> names, as Liquid values again.</summary>
    public static IEnumerable<(string Name, FluidValue Value)> Arguments(Fragment fragment) =>
        fragment.Arguments.Select(a => (a.Name, a.Value switch
        {
            null => NilValue.Instance,
            bool b => BooleanValue.Create(b),
            decimal d => NumberValue.Create(d),
            StringArgument s => new StringValue(s.Value, s.Encode),
            ViewArgument v => (FluidValue)new ObjectValue(PageView.Ref(v.Key) with { RecentKind = v.RecentKind, RecentDate = v.RecentDate }),
            var other => throw new InvalidOperationException($"a fragment argument of type {other.GetType().Name}"),
        }));

    /// <summary>
    /// What one page's render reads, each member once: the page's own view whole (any change to it is a change to the
    /// page), another page's view member by member (a list shows titles, not bodies), and <c>site</c> member by member.
    /// </summary>
    private sealed class RenderReads(Incremental.QueryContext q, string? main) : IFragmentSource
    {
        public Fragment? Name(string template, IReadOnlyList<(string Name, FluidValue Value)> arguments)
        {
            var named = new (string, object?)[arguments.Count];
            for (var i = 0; i < named.Length; i++)
            {
                var (name, value) = arguments[i];
                object? plain = value switch
                {
                    NilValue => null,
                    BooleanValue => value.ToBooleanValue(),
                    NumberValue => value.ToNumberValue(),
                    StringValue s => new StringArgument(s.ToStringValue(), s.Encode),
                    ObjectValue when value.ToObjectValue() is PageView { Key: { } key } view => new ViewArgument(key, view.RecentKind, view.RecentDate),
                    _ => this,
                };
                if (ReferenceEquals(plain, this)) return null;
                named[i] = (name, plain);
            }
            return new Fragment(template, [.. named]);
        }

        public string Get(Fragment fragment) => q.Get(PageQueries.Fragment, fragment);

        private PageView? mainView;
        private readonly Dictionary<string, object?> site = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string), object?> members = [];

        public object? Page(PageView view, string member, Func<object, object?> get)
        {
            if (view.Key is not { } key || PageView.Decorations.Contains(member)) return get(view);
            if (key == main) return get(mainView ??= q.Get(PageQueries.View, key));
            // A build that is not followed by another reads the whole view: the same value, without a query per member.
            if (!q.KeepsReads) return get(q.Get(PageQueries.View, key));
            if (!members.TryGetValue((key, member), out var value)) members[(key, member)] = value = q.Get(PageQueries.ViewMember, (key, member));
            return value;
        }

        public object? List(string key, string member)
        {
            if (!members.TryGetValue((key, member), out var value)) members[(key, member)] = value = q.Get(PageQueries.ListMember, (key, member));
            return value;
        }

        public object? Site(string member)
        {
            if (!site.TryGetValue(member, out var value)) site[member] = value = q.Get(PageQueries.SiteMember, member);
            return value;
        }
    }

    /// <summary>Each member of <typeparamref name="T"/> as Liquid names it (snake_case), read through <paramref name="read"/>
    /// while a page renders in a build (its value then comes from the store), else from the object itself.</summary>
    private static void Tracked<T>(MemberAccessStrategy access, Func<RenderReads, T, string, Func<object, object?>, object?> read)
    {
        foreach (var (member, get) in PageQueries.Getters<T>())
        {
            if (member == nameof(PageView.Key)) continue;
            var property = typeof(T).GetProperty(member)!;
            access.Register<T>(MemberNameStrategies.SnakeCase(property), new Member((obj, ctx) =>
                ctx.AmbientValues.TryGetValue(ReadsKey, out var value) && value is RenderReads reads ? read(reads, (T)obj, member, get) : get(obj)));
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
