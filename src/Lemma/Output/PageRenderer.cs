using System.Collections.Concurrent;
using System.Collections.Immutable;
using Fluid;
using Lemma.Configuration;
using Lemma.Diagnostics;
using Lemma.Markdown;
using Lemma.Model;
using Lemma.Output.Views;
using Lemma.Templates;

namespace Lemma.Output;

/// <summary>One page to render: its path, its template, its own view and the other values its template sees. Views in it are
/// <see cref="PageView.Ref"/>s, so the job is equal to the last build's while the same pages are in the same places.</summary>
public sealed record PageJob(string SitePath, string Template, PageView Page, bool InSitemap, IReadOnlyDictionary<string, object?> Values)
{
    public bool Equals(PageJob? other) =>
        other is not null && SitePath == other.SitePath && Template == other.Template && InSitemap == other.InSitemap
        && Page.Equals(other.Page) && Incremental.PlainEquality.Same(Values, other.Values);

    public override int GetHashCode() => SitePath.GetHashCode();
}

/// <summary>
/// A part of the plan of pages (<see cref="PageRenderer"/>'s parts: the home page, a run of pages, a section's list, a
/// taxonomy, one term's list, the series, the archive...): its jobs, the views of the lists' own pages it makes, by key,
/// and its sitemap entries.
/// </summary>
public sealed record PlanPart(ImmutableArray<PageJob> Jobs, IReadOnlyDictionary<string, PageView> Lists, ImmutableArray<Sitemap.Entry> Sitemap)
{
    public static readonly PlanPart None = new([], new Dictionary<string, PageView>(), []);
}

/// <summary>
/// The pieces of the render-pages stage (<see cref="PageQueries"/> asks for them): the plan of every HTML page, one page
/// through the templates, the site view, and the files that are copied rather than rendered (static files, bundle
/// resources, a notebook's images), with the checks every output must pass.
/// </summary>
public static partial class PageRenderer
{
    /// <summary>A page through its template. Every member of a view or of <c>site</c> the template reads is a read of
    /// <paramref name="reads"/>' queries; null (and an error) when the template fails.</summary>
    public static (OutputFile? File, Diagnostic? Error) Render(PageJob job, TemplateEngine templates, SiteView siteView, OutputStaging? staging, Incremental.QueryContext? reads)
    {
        var context = new TemplateContext(templates.Options);
        if (reads is not null) TemplateSetup.Track(context, reads, job.Page.Key);
        context.SetValue("site", siteView);
        context.SetValue("page", job.Page);
        foreach (var (key, value) in job.Values) context.SetValue(key, value);
        var result = templates.Render(job.Template, context);
        if (result.Error is { } error) return (null, error);
        var path = SiteUrls.FileFor(job.SitePath);
        return (staging?.Write(path, result.Utf8!) ?? new OutputFile(path, result.Utf8!, null), null);
    }

    /// <summary>Files copied, not rendered: theme assets, static files, a Jekyll site's files, bundle resources.</summary>
    /// <param name="bundles">Each page bundle's folder (with a trailing '/') and its page's URL: <see cref="Bundles"/>.</param>
    public static IEnumerable<OutputFile> Copies(IReadOnlyDictionary<string, string> bundles, ThemeAssets.Result assets, SourceLayout sources, IReadOnlySet<string> rendered)
    {
        var files = new List<OutputFile>(assets.Files);
        foreach (var file in sources.StaticFiles) files.Add(OutputFile.Copy(file["static/".Length..], Path.Combine(sources.Root, file)));
        // A Jekyll file where Lemma writes its own (robots.txt, the theme's assets/js/theme.js) gives way: its URL still
        // answers, and Lemma's pages keep the scripts and styles they were made for.
        var assetPaths = assets.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var file in sources.SiteFiles)
            if (!rendered.Contains(file) && !assetPaths.Contains(file)) files.Add(OutputFile.Copy(file, Path.Combine(sources.Root, file)));
        files.AddRange(BundleCopies(bundles, sources));
        return files;
    }

    /// <summary>The template a page renders with: its <c>layout</c> when the site has that template, else the theme's own.</summary>
    private static string LayoutOf(string? layout, PageKind kind, TemplateEngine templates) =>
        layout is { Length: > 0 } l && templates.Has(l) ? l : kind == PageKind.Post ? "single" : "page";

    /// <summary>
    /// A warning for each page of a Lemma site whose <c>layout</c> names no template (it falls back to the theme's own).
    /// A Hugo, Jekyll or Quarto page's layout names the other tool's template, which Lemma's theme replaces as a whole.
    /// </summary>
    public static IEnumerable<Diagnostic> MissingLayouts(Site site, TemplateEngine templates)
    {
        if (site.Config.Kind != SiteKind.Lemma) yield break;
        foreach (var page in site.Pages)
            if (page.FrontMatter.Layout is { Length: > 0 } layout && !templates.Has(layout))
                yield return Diagnostic.Warning(new SourceSpan(page.Source.Path, page.FrontMatter.KeyLines.GetValueOrDefault("layout", 1), 1),
                    $"layout: no template '{layout}' (layouts/{layout}.liquid or the theme's); the page uses '{LayoutOf(page.FrontMatter.Layout, page.Kind, templates)}'");
    }

    /// <summary>
    /// A menu item's link: a site path under the base path, and a relative one (<c>archives/</c>) too, since the menu is on
    /// every page and would otherwise point somewhere else from each; a full URL, a protocol-relative one or a fragment as written.
    /// </summary>
    private static string MenuUrl(string url, SiteUrls urls) => MenuSitePath(url) is { } path ? urls.Link(path) : url;

    /// <summary>The site path a menu URL names ("archive/" and "/archive/" are "/archive/"); null for a full URL or a fragment.</summary>
    internal static string? MenuSitePath(string url) =>
        url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith('#') || UrlScheme().IsMatch(url) ? null
        : url.StartsWith('/') ? url : "/" + url;

    // https:, mailto:, tel: ... (not Uri.TryCreate, which takes a Unix path for an absolute file URI).
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial System.Text.RegularExpressions.Regex UrlScheme();

    /// <summary>
    /// The plan of every page to render is made in parts, each from the part of the model's <see cref="PlanShape"/> it
    /// reads, so that an edit makes again the parts it reached: a tag edit the two terms' lists, not the ten thousand
    /// pages' jobs. In the plan's order: home, pages and their redirects (in runs), sections, each taxonomy and its terms,
    /// series, archive, redirects, 404, search. The home page's blocks are not in its job: they read the clock
    /// (<see cref="HomeSections"/>). <c>content</c> gives the bodies of home and section index pages, which their lists show.
    /// </summary>
    /// <param name="refs">A page's reference by source path (<see cref="PageView.Ref"/>): one per page, shared by every
    /// list that shows it (a view is some 450 bytes, and the lists of a 10,000-post site hold some 50,000).</param>
    private sealed class PartBuilder(SiteUrls urls, Func<string, PageView> refs)
    {
        public readonly List<PageJob> Jobs = [];
        public readonly Dictionary<string, PageView> Lists = new(StringComparer.Ordinal);
        private readonly List<Sitemap.Entry> sitemap = [];

        public PageView RefOf(string path) => refs(path);

        public ViewList<PageView> Refs(IReadOnlyList<string> paths)
        {
            var views = new PageView[paths.Count];
            for (var i = 0; i < views.Length; i++) views[i] = RefOf(paths[i]);
            return views;
        }

        /// <summary>A list's own page view, kept by its key ("@" and its URL); the job holds a reference to it.</summary>
        public PageView List(PageView view)
        {
            var key = "@" + view.Url;
            Lists[key] = view with { Key = key };
            return PageView.Ref(key);
        }

        /// <param name="date">The sitemap's date: a page's own; a list's entry has none.</param>
        public void Add(PageJob job, string? date = null)
        {
            Jobs.Add(job);
            if (job.InSitemap) sitemap.Add(new Sitemap.Entry(urls.Absolute(job.SitePath), date));
        }

        public PlanPart Done() => new([.. Jobs], Lists, [.. sitemap]);
    }

    public static PlanPart HomePart(string? homeIndex, SiteConfig config, Func<string, RenderedContent?> content, SiteUrls urls, Func<string, PageView> refs)
    {
        var part = new PartBuilder(urls, refs);
        var home = part.List(new PageView
        {
            Title = config.Title, Url = urls.Link("/"), Permalink = urls.Absolute("/"), Kind = "home", Section = "", Slug = "",
            Description = config.Description, Content = homeIndex is { } hi ? content(hi)?.Utf8 : null,
            Feeds = ViewFactory.FeedsAt(urls, "/"),
        });
        part.Add(new PageJob("/", "home", home, true, Empty));
        return part.Done();
    }

    /// <summary>A run of pages' own jobs and their redirects.</summary>
    public static PlanPart PagesPart(IEnumerable<PlanShape.PageShape> pages, TemplateEngine templates, SiteUrls urls, Func<string, PageView> refs)
    {
        var part = new PartBuilder(urls, refs);
        foreach (var page in pages)
        {
            var self = part.RefOf(page.Path);
            part.Add(new PageJob(page.Url, LayoutOf(page.Layout, page.Kind, templates), self, true, Empty), page.SitemapDate);
            foreach (var alias in page.Aliases)
                part.Add(new PageJob(alias, "alias", self, false, new Dictionary<string, object?> { ["target"] = urls.Absolute(page.Url) }));
        }
        return part.Done();
    }

    public static PlanPart SectionPart(PlanShape.SectionShape section, SiteConfig config, Func<string, RenderedContent?> content, SiteUrls urls, Func<string, PageView> refs)
    {
        var part = new PartBuilder(urls, refs);
        var view = part.List(new PageView
        {
            Title = section.Title, Url = urls.Link(section.Url), Permalink = urls.Absolute(section.Url), Kind = "section",
            Section = section.Name, Slug = section.Name, Feeds = ViewFactory.FeedsAt(urls, section.Url),
            Content = section.Index is { } idx ? content(idx)?.Utf8 : null,
            Description = section.Description,
        });
        AddPaginated(part, section.Url, "list", view, part.Refs(section.Pages), config.PageSize, urls, Empty);
        return part.Done();
    }

    /// <summary>A taxonomy's own page (its terms are parts of their own).</summary>
    public static PlanPart TaxonomyPart(PlanShape.TaxonomyShape taxonomy, TaxonomyView taxView, SiteUrls urls, Func<string, PageView> refs)
    {
        var part = new PartBuilder(urls, refs);
        var view = part.List(new PageView
        {
            Title = Capitalize(taxonomy.Name), Url = urls.Link(taxonomy.Url), Permalink = urls.Absolute(taxonomy.Url),
            Kind = "taxonomy", Section = taxonomy.Name, Slug = taxonomy.Name,
        });
        part.Add(new PageJob(taxonomy.Url, "taxonomy", view, true, new Dictionary<string, object?> { ["taxonomy"] = taxView }));
        return part.Done();
    }

    /// <summary>One term's list. Its job carries the taxonomy's view, which compares by key: a template reads its
    /// members one by one (<see cref="PageQueries.ListMember"/>), so another term's count does not make this part again.</summary>
    public static PlanPart TermPart(string taxonomy, PlanShape.TermShape term, TaxonomyView taxView, SiteConfig config, SiteUrls urls, Func<string, PageView> refs)
    {
        var part = new PartBuilder(urls, refs);
        var termView = TermViewOf(taxonomy, term, urls);
        var page = part.List(new PageView
        {
            Title = term.Name, Url = termView.Url, Permalink = urls.Absolute(term.Url), Kind = "term",
            Section = taxonomy, Slug = term.Slug, Feeds = termView.Feeds,
        });
        AddPaginated(part, term.Url, "term", page, part.Refs(term.Pages), config.PageSize, urls,
            new Dictionary<string, object?> { ["term"] = termView, ["taxonomy"] = taxView });
        return part.Done();
    }

    /// <summary>A page per series, and <c>/series/</c> listing them when there are two or more. A page already at a
    /// series' URL keeps it (the model reported the conflict), as a section at /series/ does.</summary>
    public static PlanPart SeriesPart(IEnumerable<PlanShape.SeriesShape> series, Func<string, bool> taken, SiteUrls urls, Func<string, PageView> refs)
    {
        var part = new PartBuilder(urls, refs);
        const string index = "/series/";
        var free = series.Where(s => !taken(s.Url)).ToArray();
        var links = free.Select(s => new SeriesLink(s.Name, urls.Link(s.Url), s.Parts.Count)).ToArray();
        var hasIndex = !taken(index) && free.Length > 1;
        for (var i = 0; i < free.Length; i++)
        {
            var one = free[i];
            var page = part.List(new PageView
            {
                Title = one.Name, Url = urls.Link(one.Url), Permalink = urls.Absolute(one.Url), Kind = "series",
                Section = "series", Slug = one.Url[index.Length..^1],
            });
            var values = new Dictionary<string, object?> { ["series"] = links[i], ["series_index"] = hasIndex ? urls.Link(index) : null };
            AddPaginated(part, one.Url, "series", page, part.Refs(one.Parts), one.Parts.Count, urls, values);
        }
        if (hasIndex)
        {
            var all = part.List(new PageView { Title = "Series", Url = urls.Link(index), Permalink = urls.Absolute(index), Kind = "series", Section = "series", Slug = "series" });
            part.Add(new PageJob(index, "series-index", all, true, new Dictionary<string, object?> { ["series_list"] = new ViewList<SeriesLink>(links) }));
        }
        return part.Done();
    }

    public static PlanPart ArchivePart(IEnumerable<PlanShape.YearShape> archive, SiteUrls urls, Func<string, PageView> refs)
    {
        var part = new PartBuilder(urls, refs);
        var view = part.List(new PageView { Title = "Archive", Url = urls.Link("/archive/"), Permalink = urls.Absolute("/archive/"), Kind = "archive", Section = "", Slug = "archive" });
        var years = new ViewList<ArchiveYear>(archive.Select(y => new ArchiveYear(y.Year, part.Refs(y.Posts))).ToArray());
        part.Add(new PageJob("/archive/", "archive", view, true, new Dictionary<string, object?> { ["archive"] = new Dictionary<string, object?> { ["years"] = years } }));
        return part.Done();
    }

    /// <summary>The site's redirects (Jekyll's redirect_from and the like), the 404 page, and the search page unless
    /// search is off or the site has its own page there.</summary>
    public static PlanPart LastPart(IEnumerable<PlanShape.Redirect> redirects, bool search, Func<string, bool> taken, SiteUrls urls, Func<string, PageView> refs)
    {
        var part = new PartBuilder(urls, refs);
        foreach (var (old, target) in redirects)
        {
            var moved = part.List(new PageView { Title = "Redirecting", Url = urls.Link(old), Permalink = urls.Absolute(old), Kind = "alias", Section = "", Slug = "" });
            part.Add(new PageJob(old, "alias", moved, false, new Dictionary<string, object?> { ["target"] = urls.Absolute(target) }));
        }
        var notFound = part.List(new PageView { Title = "Page not found", Url = urls.Link("/404.html"), Permalink = urls.Absolute("/404.html"), Kind = "404", Section = "", Slug = "404" });
        part.Add(new PageJob("/404.html", "404", notFound, false, Empty));
        if (search && !taken("/search/") && !part.Jobs.Any(j => j.SitePath == "/search/"))
            part.Add(new PageJob("/search/", "search-page", part.List(new PageView { Title = "Search", Url = urls.Link("/search/"), Permalink = urls.Absolute("/search/"), Kind = "search", Section = "", Slug = "search" }), false, Empty));
        return part.Done();
    }

    private static TermView TermViewOf(string taxonomy, PlanShape.TermShape term, SiteUrls urls) =>
        new(term.Name, term.Slug, urls.Link(term.Url), term.Pages.Count, taxonomy, ViewFactory.FeedsAt(urls, term.Url), term.Posts);

    /// <summary>The taxonomies as <c>site.taxonomies</c> and term pages show them.</summary>
    public static TaxonomyView TaxonomyViewOf(PlanShape.TaxonomyShape taxonomy, SiteUrls urls) =>
        new(taxonomy.Name, taxonomy.Singular, urls.Link(taxonomy.Url), taxonomy.Terms.Select(term => TermViewOf(taxonomy.Name, term, urls)).ToArray());

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    private static void AddPaginated(PartBuilder part, string folder, string template, PageView page, ViewList<PageView> items,
        int pageSize, SiteUrls urls, IReadOnlyDictionary<string, object?> values)
    {
        var size = System.Math.Max(1, pageSize);
        var total = System.Math.Max(1, (items.Count + size - 1) / size);
        string PathOf(int n) => n == 1 ? folder : $"{folder}page/{n}/";
        for (var n = 1; n <= total; n++)
        {
            var slice = new PageView[System.Math.Max(0, System.Math.Min(size, items.Count - (n - 1) * size))];
            for (var i = 0; i < slice.Length; i++) slice[i] = items[(n - 1) * size + i];
            var paginator = new PaginatorView(slice, n, total, items.Count,
                n > 1 ? urls.Link(PathOf(n - 1)) : null, n < total ? urls.Link(PathOf(n + 1)) : null,
                urls.Link(PathOf(1)), urls.Link(PathOf(total)), urls.Absolute(PathOf(n)));
            var all = new Dictionary<string, object?>(values) { ["paginator"] = paginator };
            part.Add(new PageJob(PathOf(n), template, page, n == 1, all));
        }
    }

    /// <summary>Every feed of the site: its title, folder and the source paths of its entries.</summary>
    public static IEnumerable<(string Title, string Folder, ImmutableArray<string> Entries)> FeedSpecs(Site site)
    {
        var config = site.Config;
        ImmutableArray<string> Entries(IEnumerable<Page> pages) => [.. pages.Take(config.FeedSize).Select(p => p.Source.Path)];
        yield return (config.Title, "/", Entries(site.Posts));
        foreach (var s in site.Sections) yield return ($"{s.Title} · {config.Title}", s.Url, Entries(s.Pages));
        foreach (var t in site.Taxonomies)
            foreach (var term in t.Terms) yield return ($"{term.Name} · {config.Title}", term.Url, Entries(term.Pages));
    }

    /// <summary>
    /// A bundle's images, scripts and data are copied beside its page; a file under content/ that no bundle claims
    /// (content/images/a.png) is published at its path (/images/a.png), as Hugo does, unless static/ has that path.
    /// </summary>
    /// <summary>Each page bundle's folder (with a trailing '/') and its page's URL.</summary>
    public static Dictionary<string, string> Bundles(Site site) =>
        site.Pages.Where(p => p.Source.BundleDir is not null).ToDictionary(p => p.Source.BundleDir! + "/", p => p.Url, StringComparer.Ordinal);

    private static IEnumerable<OutputFile> BundleCopies(IReadOnlyDictionary<string, string> bundles, SourceLayout sources)
    {
        var statics = sources.StaticFiles.Select(f => f["static/".Length..]).ToHashSet(StringComparer.Ordinal);
        foreach (var resource in sources.BundleResources)
        {
            var claimed = false;
            foreach (var (dir, url) in bundles)
            {
                if (!resource.StartsWith(dir, StringComparison.Ordinal)) continue;
                yield return OutputFile.Copy(url.TrimStart('/') + resource[dir.Length..], Path.Combine(sources.Root, resource));
                claimed = true;
                break;
            }
            const string content = "content/";
            if (!claimed && resource.StartsWith(content, StringComparison.Ordinal) && !statics.Contains(resource[content.Length..])
                && !resource.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                yield return OutputFile.Copy(resource[content.Length..], Path.Combine(sources.Root, resource));
        }
    }

    /// <summary>Files a page's body made (a notebook's images), in the folder of the page's URL.</summary>
    public static IEnumerable<OutputFile> Resources(Page page, RenderedContent rendered)
    {
        var url = page.Url.TrimStart('/');
        var folder = url[..(url.LastIndexOf('/') + 1)];
        foreach (var resource in rendered.Resources) yield return new OutputFile(folder + resource.Name, resource.Bytes, null);
    }

    /// <summary>Two things written to one file (a static file over a page, say) is an error, never a silent overwrite.</summary>
    public static IEnumerable<Diagnostic> Duplicates(IReadOnlyList<OutputFile> files, string root)
    {
        for (var i = 1; i < files.Count; i++)
            if (files[i].Path == files[i - 1].Path)
                yield return Diagnostic.Error(SourceSpan.File(SourceOf(files[i], root) ?? SourceOf(files[i - 1], root) ?? files[i].Path),
                    $"two outputs write {files[i].Path}");
    }

    /// <summary>
    /// The last gate before emit: every output names a file inside the output folder. The model refuses URLs where the
    /// front matter made them; what reaches here is a file's own name (static/a\b.txt), reported at that file.
    /// </summary>
    public static IEnumerable<Diagnostic> Outside(IEnumerable<OutputFile> files, string root)
    {
        foreach (var file in files)
            if (OutputPath.Problem(file.Path) is { } problem)
                yield return Diagnostic.Error(SourceSpan.File(SourceOf(file, root) ?? file.Path), $"output {file.Path} cannot be written inside the output folder: it {problem}");
    }

    /// <summary>The site file an output copies, relative to the site root as every diagnostic's path is.</summary>
    private static string? SourceOf(OutputFile file, string root) =>
        file.Staged || file.CopyFrom is null ? null : Path.GetRelativePath(root, file.CopyFrom).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The <c>site</c> of every template; lists in it hold <see cref="PageView.Ref"/>s.</summary>
    /// <param name="taxonomies">The site's taxonomies as the plan's shape holds them (<see cref="PlanShape.Taxonomies"/>).</param>
    /// <summary>The <c>site</c> of templates: the config's parts, and the sections and taxonomies as they were made
    /// (<see cref="SectionViewOf"/>, <see cref="TaxonomyViewOf"/>).</summary>
    public static SiteView MakeSiteView(SiteConfig c, IReadOnlyList<SectionView> sections, IReadOnlyDictionary<string, TaxonomyView> taxonomies,
        IReadOnlyDictionary<string, object?> data, SiteUrls urls, ImmutableDictionary<string, string> assets, DateTimeOffset now, BuildOptions options) => new()
    {
        Title = c.Title, Description = c.Description, Tagline = c.Tagline, BaseUrl = c.BaseUrl, Language = c.Language,
        Author = c.Author,
        HasNewsletter = c.Newsletter.Enabled,
        SearchUrl = c.Search ? urls.Link("/search/") : null,
        ContentSecurityPolicy = Output.ContentSecurityPolicy.MetaWith(c.PolicySources),
        Menu = c.Menu.OrderBy(m => m.Weight).Select(m => m with { Url = MenuUrl(m.Url, urls) }).ToArray(),
        Social = c.Social, Params = c.Params,
        BuildDate = ViewFactory.Iso(now)!, Year = now.Year,
        Feeds = ViewFactory.FeedsAt(urls, "/"),
        Sections = sections,
        Taxonomies = taxonomies,
        Data = data,
        Assets = assets,
        MathFontCss = assets.GetValueOrDefault("css/math.css"),
        Preview = options.Preview,
    };

    /// <param name="pages">The section's pages' references.</param>
    public static SectionView SectionViewOf(Section section, ViewList<PageView> pages, SiteUrls urls) =>
        new(section.Name, section.Title, urls.Link(section.Url), pages.Count, pages, ViewFactory.FeedsAt(urls, section.Url));

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
