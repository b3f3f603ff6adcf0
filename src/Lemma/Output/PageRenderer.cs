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

public sealed record PagesResult(ImmutableArray<OutputFile> Files, ImmutableArray<Diagnostic> Diagnostics, RenderedPages Rendered);

/// <summary>
/// What the render-pages stage lends the next build in the same process: the views it made and each output with the
/// inputs it came from, so that a rebuild renders only the pages whose inputs changed.
/// </summary>
public sealed class RenderedPages
{
    internal RenderedPages(TemplateEngine templates, ViewFactory views, SiteView site, ThemeAssets.Result assets,
        IReadOnlyDictionary<string, RenderedJob> pages, IReadOnlyDictionary<string, RenderedFeed> feeds,
        (Sitemap.Entry[] Entries, OutputFile File) sitemap, int reused)
    {
        (Templates, Views, Site, Assets, Pages, Feeds, Sitemap, Reused) = (templates, views, site, assets, pages, feeds, sitemap, reused);
        foreach (var job in pages.Values)
        {
            ReadsItemBodies |= job.Reads.ItemBodies;
            if (job.Reads.BuildDate) BuildDateReaders.Add(job.Job.SitePath);
        }
    }

    internal TemplateEngine Templates { get; }
    internal ViewFactory Views { get; }
    internal SiteView Site { get; }
    internal ThemeAssets.Result Assets { get; }
    internal IReadOnlyDictionary<string, RenderedJob> Pages { get; }
    internal IReadOnlyDictionary<string, RenderedFeed> Feeds { get; }
    internal (Sitemap.Entry[] Entries, OutputFile File) Sitemap { get; }

    /// <summary>Every output of the stage, in path order, when it succeeded (else default).</summary>
    internal ImmutableArray<OutputFile> Files { get; init; }
    /// <summary>Source paths of the pages whose bodies made files of their own (a notebook's images).</summary>
    internal IReadOnlySet<string> WithResources { get; init; } = new HashSet<string>();
    /// <summary>Whether any page's templates read another page's body.</summary>
    internal bool ReadsItemBodies { get; }
    /// <summary>The site paths of the pages whose templates read <c>site.build_date</c>.</summary>
    internal HashSet<string> BuildDateReaders { get; } = new(StringComparer.Ordinal);

    /// <summary>Pages the build took from the previous one instead of rendering them.</summary>
    public int Reused { get; }
}

internal sealed record PageJob(string SitePath, string Template, PageView Page, bool InSitemap, IReadOnlyDictionary<string, object?> Values);

internal sealed record RenderedJob(PageJob Job, TemplateReads Reads, OutputFile File);

internal sealed record RenderedFeed(FeedSpec Spec, string Updated, OutputFile[] Files);

/// <summary>
/// The render-pages stage: every HTML page of the site through the templates (in parallel), then feeds,
/// sitemap, robots.txt, redirects, theme assets, static files and bundle resources. Given the last build's
/// <see cref="RenderedPages"/>, a page whose inputs (and whatever its templates read) are unchanged is not rendered again.
/// </summary>
public static partial class PageRenderer
{
    public static PagesResult Run(Site site, IReadOnlyDictionary<string, RenderedContent> content, TemplateEngine templates,
        ThemeAssets.Result assets, SourceLayout sources, BuildOptions options, RenderedPages? previous = null, OutputStaging? staging = null,
        ImmutableArray<Page> bodyEdited = default)
    {
        if (previous is not null && !bodyEdited.IsDefaultOrEmpty
            && AfterBodyEdits(site, content, templates, assets, options, previous, bodyEdited, staging) is { } patched) return patched;
        var config = site.Config;
        var urls = new SiteUrls(config.BaseUrl);
        var now = options.Clock.GetUtcNow();
        var views = new ViewFactory(site, urls, content, previous?.Views);
        var siteView = MakeSiteView(site, views, urls, assets.Urls, now, options);
        var jobs = Plan(site, content, templates, views, siteView, urls, now);
        var same = previous is null ? null : new Unchanged(previous, templates, siteView);

        var rendered = new RenderedJob?[jobs.Count];
        var errors = new ConcurrentBag<Diagnostic>();
        var reused = 0;
        // One worker per core (see ContentStage): templates are CPU-bound.
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var job = jobs[i];
            if (same is not null && previous!.Pages.TryGetValue(job.SitePath, out var last) && same.Job(job, last))
            {
                rendered[i] = last with { Job = job };
                Interlocked.Increment(ref reused);
                return;
            }
            rendered[i] = Render(job, templates, siteView, staging, errors);
        });
        var files = new List<OutputFile>(jobs.Count + 64);
        var pages = new Dictionary<string, RenderedJob>(jobs.Count, StringComparer.Ordinal);
        foreach (var r in rendered)
        {
            if (r is null) continue;
            files.Add(r.File);
            pages.TryAdd(r.Job.SitePath, r);
        }

        var feeds = new Dictionary<string, RenderedFeed>(StringComparer.Ordinal);
        foreach (var spec in FeedSpecs(site, views, config))
        {
            // The build time shows only in a feed with undated entries; other feeds need not change with it.
            var clock = spec.Entries.All(e => (e.Updated ?? e.Date) is not null) ? "" : siteView.BuildDate;
            var feed = previous?.Feeds.GetValueOrDefault(spec.Folder) is { } lastFeed && same!.Feed(spec, clock, lastFeed)
                ? lastFeed
                : new RenderedFeed(spec, clock, [.. Feeds.Write(spec, siteView, urls, siteView.BuildDate)]);
            feeds.TryAdd(spec.Folder, feed);
            files.AddRange(feed.Files);
        }
        var entries = jobs.Where(j => j.InSitemap).Select(j => new Sitemap.Entry(urls.Absolute(j.SitePath), j.Page.Updated ?? j.Page.Date)).ToArray();
        var sitemap = previous is not null && previous.Sitemap.Entries.AsSpan().SequenceEqual(entries) ? previous.Sitemap : (Entries: entries, File: Sitemap.Write(entries));
        files.Add(sitemap.File);
        files.Add(Sitemap.Robots(urls));
        files.AddRange(assets.Files);
        foreach (var file in sources.StaticFiles) files.Add(OutputFile.Copy(file["static/".Length..], Path.Combine(sources.Root, file)));
        // A Jekyll file where Lemma writes its own (robots.txt, the theme's assets/js/theme.js) gives way: its URL still
        // answers, and Lemma's pages keep the scripts and styles they were made for.
        var made = sources.SiteFiles.IsEmpty ? [] : files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var file in sources.SiteFiles)
            if (!made.Contains(file)) files.Add(OutputFile.Copy(file, Path.Combine(sources.Root, file)));
        files.AddRange(BundleCopies(site, sources));
        files.AddRange(Resources(site, content));
        var sorted = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToImmutableArray();
        var diagnostics = errors.OrderBy(e => e.Span.Path, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal).ToImmutableArray();
        diagnostics = diagnostics.AddRange(OutsideOutput(sorted, sources.Root)).AddRange(DuplicateOutputs(sorted, sources.Root));
        var memo = new RenderedPages(templates, views, siteView, assets, pages, feeds, sitemap, reused)
        {
            Files = diagnostics.IsEmpty ? sorted : default,
            WithResources = site.Pages.Where(p => content.GetValueOrDefault(p.Source.Path) is { Resources.Length: > 0 }).Select(p => p.Source.Path).ToHashSet(StringComparer.Ordinal),
        };
        return new PagesResult(sorted, diagnostics, memo);
    }

    private static RenderedJob? Render(PageJob job, TemplateEngine templates, SiteView siteView, OutputStaging? staging, ConcurrentBag<Diagnostic> errors)
    {
        var context = new TemplateContext(templates.Options);
        var reads = new TemplateReads(job.Page);
        reads.Attach(context);
        context.SetValue("site", siteView);
        context.SetValue("page", job.Page);
        foreach (var (key, value) in job.Values) context.SetValue(key, value);
        var result = templates.Render(job.Template, context);
        if (result.Error is { } error)
        {
            errors.Add(error);
            return null;
        }
        var path = SiteUrls.FileFor(job.SitePath);
        return new RenderedJob(job, reads, staging?.Write(path, result.Utf8!) ?? new OutputFile(path, result.Utf8!, null));
    }

    /// <summary>
    /// The stage after edits that changed only some pages' bodies (the model says which, and the view of each shows
    /// it changed nothing a list shows): those pages are rendered again, with the pages whose templates read the build
    /// date; every other output is the last build's. Null when the edits may reach further (a template that reads other
    /// pages' bodies, a home or section index, a notebook's images, a failed last build), and the whole stage runs.
    /// </summary>
    private static PagesResult? AfterBodyEdits(Site site, IReadOnlyDictionary<string, RenderedContent> content, TemplateEngine templates,
        ThemeAssets.Result assets, BuildOptions options, RenderedPages previous, ImmutableArray<Page> edited, OutputStaging? staging)
    {
        var now = options.Clock.GetUtcNow();
        if (!ReferenceEquals(previous.Templates, templates) || !ReferenceEquals(previous.Assets, assets) || previous.Files.IsDefault || previous.ReadsItemBodies
            || previous.Site.BaseUrl != site.Config.BaseUrl || previous.Site.Year != now.Year) return null;
        foreach (var page in edited)
        {
            if (ReferenceEquals(page, site.HomeIndex) || site.Sections.Any(s => ReferenceEquals(s.Index, page))
                || previous.WithResources.Contains(page.Source.Path) || content.GetValueOrDefault(page.Source.Path) is not { Resources.Length: 0 }) return null;
        }
        if (previous.Views.WithBodies(site, content, edited) is not { } views) return null;

        var siteView = previous.Site with { BuildDate = ViewFactory.Iso(now)! };
        var redo = new Dictionary<string, PageJob>(StringComparer.Ordinal);
        foreach (var page in edited)
        {
            var before = previous.Views.ForPath(page.Source.Path);
            foreach (var sitePath in page.Aliases.Prepend(page.Url))
            {
                if (!previous.Pages.TryGetValue(sitePath, out var last) || !ReferenceEquals(last.Job.Page, before)) return null;
                redo[sitePath] = last.Job with { Page = views.For(page) };
            }
        }
        if (siteView.BuildDate != previous.Site.BuildDate)
            foreach (var sitePath in previous.BuildDateReaders) redo.TryAdd(sitePath, previous.Pages[sitePath].Job);

        var jobs = redo.Values.ToArray();
        var rendered = new RenderedJob?[jobs.Length];
        var errors = new ConcurrentBag<Diagnostic>();
        Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => rendered[i] = Render(jobs[i], templates, siteView, staging, errors));
        if (!errors.IsEmpty) return null; // the whole stage reports them, in order

        var pages = new Dictionary<string, RenderedJob>(previous.Pages, StringComparer.Ordinal);
        var files = previous.Files.ToBuilder();
        foreach (var job in rendered)
        {
            pages[job!.Job.SitePath] = job;
            var at = PathOrder.IndexOf(files, job.File.Path, f => f.Path);
            if (at < 0) return null; // a page the last build did not write (it failed then)
            files[at] = job.File;
        }
        var sorted = files.MoveToImmutable();
        var memo = new RenderedPages(templates, views, siteView, previous.Assets, pages, previous.Feeds, previous.Sitemap, pages.Count - jobs.Length)
        {
            Files = sorted,
            WithResources = previous.WithResources,
        };
        return new PagesResult(sorted, [], memo);
    }

    /// <summary>The template a page renders with: its <c>layout</c> when the site has that template, else the theme's own.</summary>
    private static string LayoutOf(Page page, TemplateEngine templates) =>
        page.FrontMatter.Layout is { Length: > 0 } l && templates.Has(l) ? l : page.Kind == PageKind.Post ? "single" : "page";

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
                    $"layout: no template '{layout}' (layouts/{layout}.liquid or the theme's); the page uses '{LayoutOf(page, templates)}'");
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

    /// <summary>Every page to render, in a stable order: home, pages and their redirects, lists, taxonomies, archive, 404.</summary>
    private static List<PageJob> Plan(Site site, IReadOnlyDictionary<string, RenderedContent> content, TemplateEngine templates,
        ViewFactory views, SiteView siteView, SiteUrls urls, DateTimeOffset now)
    {
        var config = site.Config;
        var jobs = new List<PageJob>();
        var home = new PageView
        {
            Title = config.Title, Url = urls.Link("/"), Permalink = urls.Absolute("/"), Kind = "home", Section = "", Slug = "",
            Description = config.Description, Content = site.HomeIndex is { } hi ? content.GetValueOrDefault(hi.Source.Path)?.Utf8 : null,
            Feeds = siteView.Feeds,
        };
        jobs.Add(new PageJob("/", "home", home, true, new Dictionary<string, object?>
        {
            ["home"] = new Dictionary<string, object?> { ["sections"] = HomeSections.Resolve(site, views, urls, now) },
        }));

        foreach (var page in site.Pages)
        {
            jobs.Add(new PageJob(page.Url, LayoutOf(page, templates), views.For(page), true, Empty));
            foreach (var alias in page.Aliases)
                jobs.Add(new PageJob(alias, "alias", views.For(page), false, new Dictionary<string, object?> { ["target"] = urls.Absolute(page.Url) }));
        }

        foreach (var section in site.Sections)
        {
            var view = new PageView
            {
                Title = section.Title, Url = urls.Link(section.Url), Permalink = urls.Absolute(section.Url), Kind = "section",
                Section = section.Name, Slug = section.Name, Feeds = views.FeedsAt(section.Url),
                Content = section.Index is { } idx ? content.GetValueOrDefault(idx.Source.Path)?.Utf8 : null,
                Description = section.Index?.FrontMatter.Description ?? "",
            };
            AddPaginated(jobs, section.Url, "list", view, views.For(section.Pages), config.PageSize, urls, Empty);
        }

        foreach (var taxonomy in site.Taxonomies)
        {
            var taxView = siteView.Taxonomies[taxonomy.Name];
            var view = new PageView
            {
                Title = Capitalize(taxonomy.Name), Url = urls.Link(taxonomy.Url), Permalink = urls.Absolute(taxonomy.Url),
                Kind = "taxonomy", Section = taxonomy.Name, Slug = taxonomy.Name,
            };
            jobs.Add(new PageJob(taxonomy.Url, "taxonomy", view, true, new Dictionary<string, object?> { ["taxonomy"] = taxView }));
            var termViews = taxView.Terms.ToDictionary(t => t.Slug, StringComparer.Ordinal);
            foreach (var term in taxonomy.Terms)
            {
                var termView = termViews[term.Slug];
                var page = new PageView
                {
                    Title = term.Name, Url = termView.Url, Permalink = urls.Absolute(term.Url), Kind = "term",
                    Section = taxonomy.Name, Slug = term.Slug, Feeds = termView.Feeds,
                };
                AddPaginated(jobs, term.Url, "term", page, views.For(term.Pages), config.PageSize, urls,
                    new Dictionary<string, object?> { ["term"] = termView, ["taxonomy"] = taxView });
            }
        }

        var archive = new PageView { Title = "Archive", Url = urls.Link("/archive/"), Permalink = urls.Absolute("/archive/"), Kind = "archive", Section = "", Slug = "archive" };
        var years = site.Posts.GroupBy(p => p.Date?.Year ?? 0).OrderByDescending(g => g.Key)
            .Select(g => new ArchiveYear(g.Key, views.For(g))).ToArray();
        jobs.Add(new PageJob("/archive/", "archive", archive, true, new Dictionary<string, object?> { ["archive"] = new Dictionary<string, object?> { ["years"] = years } }));
        foreach (var (old, target) in site.Redirects)
        {
            var moved = new PageView { Title = "Redirecting", Url = urls.Link(old), Permalink = urls.Absolute(old), Kind = "alias", Section = "", Slug = "" };
            jobs.Add(new PageJob(old, "alias", moved, false, new Dictionary<string, object?> { ["target"] = urls.Absolute(target) }));
        }
        var notFound = new PageView { Title = "Page not found", Url = urls.Link("/404.html"), Permalink = urls.Absolute("/404.html"), Kind = "404", Section = "", Slug = "404" };
        jobs.Add(new PageJob("/404.html", "404", notFound, false, Empty));
        return jobs;
    }

    /// <summary>Decides, for one build against the last, which outputs can be kept. Site-wide answers are worked out once.</summary>
    private sealed class Unchanged
    {
        private readonly RenderedPages previous;
        private readonly SiteView site;
        private readonly ViewEquality full = ViewEquality.Full();
        private readonly ViewEquality cards = ViewEquality.Cards();
        private readonly bool sameBase;
        private readonly Lazy<bool> sectionCards;
        private readonly Lazy<bool> sectionsFull;
        private readonly Lazy<bool> taxonomies;

        public Unchanged(RenderedPages previous, TemplateEngine templates, SiteView site)
        {
            (this.previous, this.site) = (previous, site);
            sameBase = ReferenceEquals(previous.Templates, templates) && full.Same(WithoutLists(previous.Site), WithoutLists(site));
            sectionCards = new(() => cards.Same(previous.Site.Sections, site.Sections));
            sectionsFull = new(() => full.Same(previous.Site.Sections, site.Sections));
            taxonomies = new(() => full.Same(previous.Site.Taxonomies, site.Taxonomies));
        }

        private static SiteView WithoutLists(SiteView s) => s with { Sections = [], Taxonomies = ImmutableDictionary<string, TaxonomyView>.Empty, BuildDate = "" };

        public bool Job(PageJob job, RenderedJob last)
        {
            var reads = last.Reads;
            return sameBase && job.Template == last.Job.Template
                && (!reads.BuildDate || previous.Site.BuildDate == site.BuildDate)
                && (!reads.SiteSections || (reads.ItemBodies ? sectionsFull.Value : sectionCards.Value))
                && (!reads.SiteTaxonomies || taxonomies.Value)
                && full.Same(job.Page, last.Job.Page)
                && (reads.ItemBodies ? full : cards).Same(job.Values, last.Job.Values);
        }

        public bool Feed(FeedSpec spec, string updated, RenderedFeed last) =>
            sameBase && updated == last.Updated && full.Same(spec, last.Spec);
    }

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    private static void AddPaginated(List<PageJob> jobs, string folder, string template, PageView page, IReadOnlyList<PageView> items,
        int pageSize, SiteUrls urls, IReadOnlyDictionary<string, object?> values)
    {
        var size = System.Math.Max(1, pageSize);
        var total = System.Math.Max(1, (items.Count + size - 1) / size);
        string PathOf(int n) => n == 1 ? folder : $"{folder}page/{n}/";
        for (var n = 1; n <= total; n++)
        {
            var paginator = new PaginatorView(items.Skip((n - 1) * size).Take(size).ToArray(), n, total, items.Count,
                n > 1 ? urls.Link(PathOf(n - 1)) : null, n < total ? urls.Link(PathOf(n + 1)) : null,
                urls.Link(PathOf(1)), urls.Link(PathOf(total)), urls.Absolute(PathOf(n)));
            var all = new Dictionary<string, object?>(values) { ["paginator"] = paginator };
            jobs.Add(new PageJob(PathOf(n), template, page, n == 1, all));
        }
    }

    private static IEnumerable<FeedSpec> FeedSpecs(Site site, ViewFactory views, SiteConfig config)
    {
        yield return new FeedSpec(config.Title, "/", views.For(site.Posts.Take(config.FeedSize)));
        foreach (var s in site.Sections)
            yield return new FeedSpec($"{s.Title} · {config.Title}", s.Url, views.For(s.Pages.Take(config.FeedSize)));
        foreach (var t in site.Taxonomies)
            foreach (var term in t.Terms)
                yield return new FeedSpec($"{term.Name} · {config.Title}", term.Url, views.For(term.Pages.Take(config.FeedSize)));
    }

    /// <summary>
    /// A bundle's images, scripts and data are copied beside its page; a file under content/ that no bundle claims
    /// (content/images/a.png) is published at its path (/images/a.png), as Hugo does, unless static/ has that path.
    /// </summary>
    private static IEnumerable<OutputFile> BundleCopies(Site site, SourceLayout sources)
    {
        var bundles = site.Pages.Where(p => p.Source.BundleDir is not null)
            .ToDictionary(p => p.Source.BundleDir! + "/", p => p.Url, StringComparer.Ordinal);
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
    private static IEnumerable<OutputFile> Resources(Site site, IReadOnlyDictionary<string, RenderedContent> content)
    {
        foreach (var page in site.Pages)
        {
            if (content.GetValueOrDefault(page.Source.Path) is not { Resources.Length: > 0 } rendered) continue;
            var url = page.Url.TrimStart('/');
            var folder = url[..(url.LastIndexOf('/') + 1)];
            foreach (var resource in rendered.Resources) yield return new OutputFile(folder + resource.Name, resource.Bytes, null);
        }
    }

    /// <summary>Two things written to one file (a static file over a page, say) is an error, never a silent overwrite.</summary>
    private static IEnumerable<Diagnostic> DuplicateOutputs(ImmutableArray<OutputFile> files, string root)
    {
        for (var i = 1; i < files.Length; i++)
            if (files[i].Path == files[i - 1].Path)
                yield return Diagnostic.Error(SourceSpan.File(SourceOf(files[i], root) ?? SourceOf(files[i - 1], root) ?? files[i].Path),
                    $"two outputs write {files[i].Path}");
    }

    /// <summary>
    /// The last gate before emit: every output names a file inside the output folder. The model refuses URLs where the
    /// front matter made them; what reaches here is a file's own name (static/a\b.txt), reported at that file.
    /// </summary>
    private static IEnumerable<Diagnostic> OutsideOutput(ImmutableArray<OutputFile> files, string root)
    {
        foreach (var file in files)
            if (OutputPath.Problem(file.Path) is { } problem)
                yield return Diagnostic.Error(SourceSpan.File(SourceOf(file, root) ?? file.Path), $"output {file.Path} cannot be written inside the output folder: it {problem}");
    }

    /// <summary>The site file an output copies, relative to the site root as every diagnostic's path is.</summary>
    private static string? SourceOf(OutputFile file, string root) =>
        file.Staged || file.CopyFrom is null ? null : Path.GetRelativePath(root, file.CopyFrom).Replace(Path.DirectorySeparatorChar, '/');

    private static SiteView MakeSiteView(Site site, ViewFactory views, SiteUrls urls, ImmutableDictionary<string, string> assets,
        DateTimeOffset now, BuildOptions options)
    {
        var c = site.Config;
        return new SiteView
        {
            Title = c.Title, Description = c.Description, Tagline = c.Tagline, BaseUrl = c.BaseUrl, Language = c.Language,
            Author = c.Author,
            Menu = c.Menu.OrderBy(m => m.Weight).Select(m => m with { Url = MenuUrl(m.Url, urls) }).ToArray(),
            Social = c.Social, Params = c.Params,
            BuildDate = ViewFactory.Iso(now)!, Year = now.Year,
            Feeds = views.FeedsAt("/"),
            Sections = site.Sections.Select(s => new SectionView(s.Name, s.Title, urls.Link(s.Url), s.Pages.Length, views.For(s.Pages), views.FeedsAt(s.Url))).ToArray(),
            Taxonomies = site.Taxonomies.ToDictionary(t => t.Name, t => new TaxonomyView(t.Name, t.Singular, urls.Link(t.Url),
                t.Terms.Select(term => new TermView(term.Name, term.Slug, urls.Link(term.Url), term.Pages.Length, t.Name, views.FeedsAt(term.Url), term.Pages.Count(p => p.Kind == PageKind.Post))).ToArray())),
            Data = site.Data,
            Assets = assets,
            MathFontCss = assets.GetValueOrDefault("css/math.css"),
            Preview = options.Preview,
        };
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
