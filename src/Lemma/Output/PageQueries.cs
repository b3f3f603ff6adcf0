using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.InteropServices;
using Lemma.Build;
using Lemma.Diagnostics;
using Lemma.Incremental;
using Lemma.Model;
using Lemma.Output.Views;

namespace Lemma.Output;

/// <summary>The files of a build's output, sorted by path, and what the last checks found wrong with them.</summary>
public sealed record SiteOutputs(ImmutableArray<OutputFile> Files, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// The render-pages stage as queries, from the model and the rendered bodies to every output file. A page's template
/// reads views by key (<see cref="PageView.Key"/>), each member it reads a query of its own (<see cref="ViewMember"/>):
/// a list that shows its posts' titles is rendered again when one of those titles changes, and not when a body does.
/// </summary>
public static class PageQueries
{
    private const string One = "";

    private static readonly IReadOnlyDictionary<string, Func<object, object?>> PageMembers = Getters<PageView>();
    private static readonly IReadOnlyDictionary<string, Func<object, object?>> SiteMembers = Getters<SiteView>();

    /// <summary>Where a build that writes stages its pages (key ""); none under <c>serve</c>.</summary>
    public static readonly Input<string, OutputStaging?> Staging = new("staging");

    private static SiteUrls Urls(QueryContext q) => new(SiteQueries.SiteConfig(q).BaseUrl);

    /// <summary>What the plan reads of the model: the same after an edit that moves no page.</summary>
    private static readonly Query<string, PlanShape> Shape = new("plan shape", (q, _) => PlanShape.Of(q.Get(SiteQueries.Layout, One).Site));

    /// <summary>The source path of every page of the model, in path order: the same after an edit that adds or removes none.</summary>
    private static readonly Query<string, ImmutableArray<string>> PagePaths = new("page paths", (q, _) =>
        [.. q.Get(SiteQueries.Listed, One).ByPath.Select(page => page.Source.Path)], Equalities.Sequence<string>());

    /// <summary>The pages in runs of their paths: a page that comes or goes makes its own run's jobs again.</summary>
    private static readonly KeyRuns<string> PathRuns = new("page paths", q => q.Get(PagePaths, One), path => path);

    /// <summary>Where a run's pages go, each page's from its placement: a tag edit leaves its run's as it was.</summary>
    private static readonly Query<string, ImmutableArray<PlanShape.PageShape>> PageShapes = new("page shapes", (q, start) =>
        [.. q.Get(PathRuns.Run, start).Select(path => q.Get(SiteQueries.Placement, path)?.Page).OfType<Model.Page>().Select(PlanShape.PageShape.Of)],
        Equalities.Sequence<PlanShape.PageShape>());

    /// <summary>A page's reference for lists, by source path: made once for every list that shows the page.</summary>
    private static readonly Query<string, PageView> PageRef = new("page ref", (_, path) => PageView.Ref(path), Equalities.Identity<PageView>());

    /// <summary>The references of a run of pages: a page that comes or goes asks the store for its run's alone.</summary>
    private static readonly Query<string, ImmutableArray<PageView>> RunRefs = new("run refs", (q, start) =>
        [.. q.Get(PathRuns.Run, start).Select(path => q.Untracked(PageRef, path))]);

    /// <summary>Every listed page's reference by source path: a list of 10,000 posts made again (after a date edit) looks
    /// them up in a table rather than asking the store for each. Made again only when a page comes or goes.</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, PageView>> PageRefs = new("page refs", (q, _) =>
    {
        var refs = new Dictionary<string, PageView>(StringComparer.Ordinal);
        foreach (var run in q.GetEach(RunRefs, q.Get(PathRuns.Starts, One)))
            foreach (var page in run) refs[page.Key!] = page;
        return refs;
    }, Equalities.Identity<IReadOnlyDictionary<string, PageView>>());

    /// <summary>A page's reference by source path. Read untracked: a reference depends on its key alone, so nothing a
    /// reader records of it can change.</summary>
    private static Func<string, PageView> Refs(QueryContext q)
    {
        var table = q.Untracked(PageRefs, One);
        return path => table.TryGetValue(path, out var page) ? page : q.Untracked(PageRef, path);
    }

    /// <summary>The parts of the plan in order (<see cref="PageRenderer.HomePart"/> and the rest), each named by what it
    /// plans: "pages:" and its run's first page, "section:" and a name, "taxonomy:", "term:" and taxonomy/slug.</summary>
    private static readonly Query<string, ImmutableArray<string>> PartKeys = new("plan parts", (q, _) =>
    {
        var shape = q.Get(Shape, One);
        var keys = new List<string> { "home" };
        keys.AddRange(q.Get(PathRuns.Starts, One).Select(start => "pages:" + start));
        keys.AddRange(shape.Sections.Select(section => "section:" + section.Name));
        foreach (var taxonomy in shape.Taxonomies)
        {
            keys.Add("taxonomy:" + taxonomy.Name);
            keys.AddRange(taxonomy.Terms.Select(term => $"term:{taxonomy.Name}/{term.Slug}"));
        }
        keys.AddRange(["series", "archive", "last"]);
        return [.. keys];
    }, Equalities.Sequence<string>());

    /// <summary>What one part reads of the shape: the same after an edit elsewhere, so that part is not planned again.</summary>
    private static readonly Query<string, object?> PartShape = new("plan part shape", (q, key) =>
    {
        var shape = q.Get(Shape, One);
        var (kind, name) = key.IndexOf(':') is var colon and > 0 ? (key[..colon], key[(colon + 1)..]) : (key, "");
        return kind switch
        {
            "home" => shape.HomeIndex,
            "section" => shape.Sections.FirstOrDefault(s => s.Name == name),
            "taxonomy" => shape.Taxonomies.FirstOrDefault(t => t.Name == name),
            "term" => shape.Taxonomies.FirstOrDefault(t => t.Name == name[..name.IndexOf('/')]) is { } taxonomy
                ? taxonomy.Terms.FirstOrDefault(t => t.Slug == name[(name.IndexOf('/') + 1)..]) : null,
            "series" => shape.Series,
            "archive" => shape.Archive,
            _ => shape.Redirects,
        };
    }, PlainEquality.Instance);

    /// <summary>A taxonomy as templates see it (<c>site.taxonomies</c>): made again when its shape changes.</summary>
    private static readonly Query<string, TaxonomyView> TaxonomyNow = new("taxonomy view", (q, name) =>
        PageRenderer.TaxonomyViewOf((PlanShape.TaxonomyShape)q.Get(PartShape, "taxonomy:" + name)!, Urls(q)), Equalities.Identity<TaxonomyView>());

    /// <summary>The same as the parts' jobs carry it, compared by key: templates read its members one by one
    /// (<see cref="ListMember"/>), so a term's page need not be planned again when another term changes.</summary>
    private static readonly Query<string, TaxonomyView> TaxonomyOf = new("taxonomy ref", (q, name) => q.Get(TaxonomyNow, name));

    private static readonly IEqualityComparer<IReadOnlyDictionary<string, PageView>> SameLists = EqualityComparer<IReadOnlyDictionary<string, PageView>>.Create(
        (a, b) => a!.Count == b!.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && SameMembers(kv.Value, v)), d => d.Count);

    /// <summary>One part of the plan of pages.</summary>
    private static readonly Query<string, PlanPart> Part = new("plan part", (q, key) =>
    {
        var config = SiteQueries.SiteConfig(q);
        var urls = Urls(q);
        Func<string, Markdown.RenderedContent?> content = path => q.Get(SiteQueries.Content, path).Content;
        var refs = Refs(q);
        // Whether a part planned before this one has a page at a path (a site's own page at /series/ or /search/ keeps it).
        bool TakenBefore(string path) =>
            q.Get(PartKeys, One).TakeWhile(k => k != key).Any(k => q.Get(Part, k).Jobs.Any(j => j.SitePath == path));
        var shape = q.Get(PartShape, key);
        if (key.StartsWith("pages:", StringComparison.Ordinal))
            return PageRenderer.PagesPart(q.Get(PageShapes, key["pages:".Length..]), q.Get(SiteQueries.Templates, One).Engine, urls, refs);
        if (key.StartsWith("term:", StringComparison.Ordinal))
        {
            var taxonomy = key["term:".Length..key.IndexOf('/')];
            return shape is PlanShape.TermShape term ? PageRenderer.TermPart(taxonomy, term, q.Get(TaxonomyOf, taxonomy), config, urls, refs) : PlanPart.None;
        }
        return shape switch
        {
            PlanShape.SectionShape section => PageRenderer.SectionPart(section, config, content, urls, refs),
            PlanShape.TaxonomyShape taxonomy => PageRenderer.TaxonomyPart(taxonomy, q.Get(TaxonomyOf, taxonomy.Name), urls, refs),
            _ => key switch
            {
                "home" => PageRenderer.HomePart((string?)shape, config, content, urls, refs),
                "series" => PageRenderer.SeriesPart((ViewList<PlanShape.SeriesShape>)shape!, TakenBefore, urls, refs),
                "archive" => PageRenderer.ArchivePart((ViewList<PlanShape.YearShape>)shape!, urls, refs),
                "last" => PageRenderer.LastPart((ViewList<PlanShape.Redirect>)shape!, config.Search, TakenBefore, urls, refs),
                _ => PlanPart.None,
            },
        };
    }, EqualityComparer<PlanPart>.Create((a, b) => a!.Jobs.SequenceEqual(b!.Jobs) && a.Sitemap.SequenceEqual(b.Sitemap) && SameLists.Equals(a.Lists, b.Lists), p => p.Jobs.Length));

    /// <summary>Every part of the plan, in order.</summary>
    private static ImmutableArray<PlanPart> Parts(QueryContext q) => [.. q.Get(PartKeys, One).Select(key => q.Get(Part, key))];

    /// <summary>The views of the lists' own pages (home, sections, terms...), by key.</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, PageView>> ListViews = new("list views", (q, _) =>
    {
        var lists = new Dictionary<string, PageView>(StringComparer.Ordinal);
        foreach (var part in Parts(q))
            foreach (var (key, view) in part.Lists) lists[key] = view;
        return lists;
    }, Equalities.Identity<IReadOnlyDictionary<string, PageView>>());

    /// <summary>Each page's neighbours in its section's list, by source path: the same after an edit that moves no page.</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, (string? Older, string? Newer)>> Places = new("places", (q, _) =>
    {
        var places = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        foreach (var section in q.Get(SiteQueries.Positions, One).Sections)
            for (var i = 0; i < section.Pages.Length; i++)
                places[section.Pages[i].Source.Path] = (i + 1 < section.Pages.Length ? section.Pages[i + 1].Source.Path : null, i > 0 ? section.Pages[i - 1].Source.Path : null);
        return places;
    }, Equalities.Identity<IReadOnlyDictionary<string, (string?, string?)>>());

    /// <summary>One page's neighbours: the same for every page but a few when a date edit moves one.</summary>
    private static readonly Query<string, (string? Older, string? Newer)> Place = new MapEntries<string, (string?, string?)>("place", Places).Entry;

    /// <summary>The parts of each series, in order, by source path.</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, ImmutableArray<string>>> SeriesParts = new("series parts", (q, _) =>
        q.Get(SiteQueries.Layout, One).Site.Series.ToDictionary(s => s.Key, s => s.Value.Select(p => p.Source.Path).ToImmutableArray(), StringComparer.Ordinal),
        EqualityComparer<IReadOnlyDictionary<string, ImmutableArray<string>>>.Create(
            (a, b) => a!.Count == b!.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v.SequenceEqual(kv.Value)), d => d.Count));

    /// <summary>The pages a page's view links to: its neighbours in its section, its related posts, its series. It reads
    /// those pages themselves, so that only the neighbours of an edited page look again.</summary>
    public static readonly Query<string, ViewFactory.Neighbours> Neighbours = new("neighbours", (q, path) =>
    {
        if (q.Get(SiteQueries.Page, path) is not { } page) return ViewFactory.Neighbours.None;
        var (older, newer) = q.Get(Place, path);
        Model.Page? Of(string? other) => other is null ? null : q.Get(SiteQueries.Page, other);
        return new ViewFactory.Neighbours(Of(older), Of(newer),
            [.. q.Get(SiteQueries.Related, path).Select(related => q.Get(SiteQueries.Page, related)!)],
            page.FrontMatter.Series is { } series && q.Get(SeriesParts, One).TryGetValue(series, out var parts) ? [.. parts.Select(p => Of(p)!)] : []);
    });

    /// <summary>A post's approved comments (as the server told them) and whether its form is open: only a site that takes
    /// comments reads them, and only one that closes them after some days reads the day.</summary>
    private static readonly Query<string, ViewFactory.PageComments> Comments = new("page comments", (q, path) =>
    {
        var config = SiteQueries.SiteConfig(q);
        if (!config.Comments.Enabled || q.Get(SiteQueries.Page, path) is not { Kind: PageKind.Post } page) return ViewFactory.PageComments.None;
        var today = config.Comments.CloseAfterDays is null ? (DateTimeOffset?)null : q.Get(SiteQueries.Today, One);
        var approved = q.Get(BuildInputs.Comments, page.Url);
        return new ViewFactory.PageComments(approved.IsDefault ? [] : approved, ViewFactory.CommentsOpen(config, page, today));
    });

    /// <summary>The view of a page (key: its source path) or of a list's own page (key: "@" and its URL).</summary>
    public static readonly Query<string, PageView> View = new("view", (q, key) =>
    {
        if (key.StartsWith('@')) return q.Get(ListViews, One).GetValueOrDefault(key) ?? PageView.Ref(key);
        if (q.Get(SiteQueries.Page, key) is not { } page) return PageView.Ref(key);
        var view = ViewFactory.Make(SiteQueries.SiteConfig(q), Urls(q), page, q.Get(SiteQueries.Content, key).Content, q.Get(Neighbours, key), q.Get(Comments, key));
        return view.Cover is { } cover ? view with { Cover = Images.ImageQueries.WithSize(q, page, cover) } : view;
    }, EqualityComparer<PageView>.Create(SameMembers, v => v.Key?.GetHashCode() ?? 0));


    // A view made again is the same when every member is (PageView's own Equals compares keys alone, for lists).
    private static bool SameMembers(PageView? a, PageView? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Key == b.Key && PageMembers.Values.All(get => PlainEquality.Same(get(a), get(b))));


    /// <summary>One member of a view, as a template reads it: equal after most edits of the page (a body edit leaves its title).</summary>
    public static readonly Query<(string Key, string Member), object?> ViewMember = new("view member", (q, read) =>
        PageMembers[read.Member](q.Get(View, read.Key)), PlainEquality.Instance);

    /// <summary>Each section's pages as templates list them: made again only when an edit moves a page.</summary>
    private static readonly Query<string, ImmutableArray<ViewList<PageView>>> SectionPages = new("section pages", (q, _) =>
    {
        var refs = Refs(q);
        return [.. q.Get(SiteQueries.Positions, One).Sections.Select(s => new ViewList<PageView>([.. s.Pages.Select(p => refs(p.Source.Path))]))];
    });

    /// <summary>The <c>site</c> of every template, but for the build's time.</summary>
    private static readonly Query<string, SiteView> SiteBase = new("site", (q, _) =>
    {
        var urls = Urls(q);
        var sectionPages = q.Get(SectionPages, One);
        var sections = q.Get(SiteQueries.Layout, One).Site.Sections.Select((s, i) => PageRenderer.SectionViewOf(s, sectionPages[i], urls)).ToArray();
        var taxonomies = q.Get(Shape, One).Taxonomies.ToDictionary(t => t.Name, t => q.Get(TaxonomyNow, t.Name));
        return PageRenderer.MakeSiteView(SiteQueries.SiteConfig(q), sections, taxonomies, q.Get(SiteQueries.Data, One).Data, urls, q.Get(SiteQueries.Assets, One).Urls,
            DateTimeOffset.UnixEpoch, q.Get(BuildInputs.Options, One)!);
    }, Equalities.Identity<SiteView>());

    public static readonly Query<string, SiteView> Site = new("site now", (q, _) =>
    {
        var now = q.Get(BuildInputs.Now, One);
        return q.Get(SiteBase, One) with { BuildDate = ViewFactory.Iso(now)!, Year = now.Year };
    }, Equalities.Identity<SiteView>());

    /// <summary>The sections and taxonomies as templates see them, by key (<see cref="SectionView.Key"/>).</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, object>> Lists = new("lists", (q, _) =>
    {
        var site = q.Get(SiteBase, One);
        var lists = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var section in site.Sections) lists[section.Key] = section;
        foreach (var taxonomy in site.Taxonomies.Values) lists[taxonomy.Key] = taxonomy;
        return lists;
    });

    private static readonly IReadOnlyDictionary<string, Func<object, object?>> SectionMembers = Getters<SectionView>();
    private static readonly IReadOnlyDictionary<string, Func<object, object?>> TaxonomyMembers = Getters<TaxonomyView>();

    /// <summary>One member of a section or taxonomy: a term page reads its taxonomy's URL, not every term's count.</summary>
    public static readonly Query<(string Key, string Member), object?> ListMember = new("list member", (q, read) =>
        q.Get(Lists, One).GetValueOrDefault(read.Key) switch
        {
            SectionView section => SectionMembers[read.Member](section),
            TaxonomyView taxonomy => TaxonomyMembers[read.Member](taxonomy),
            _ => null,
        }, PlainEquality.Instance);

    /// <summary>One member of <c>site</c>: only <c>build_date</c> changes with every build.</summary>
    public static readonly Query<string, object?> SiteMember = new("site member", (q, member) => SiteMembers[member](q.Get(Site, One)), PlainEquality.Instance);

    /// <summary>The plan's parts in runs of a few: a part whose jobs change gathers its run's site paths again.</summary>
    private static readonly KeyRuns<string> PartRuns = new("plan parts", q => q.Get(PartKeys, One), key => key, size: 16);

    /// <summary>The site paths of a part's jobs: the same after an edit that changes what its pages show.</summary>
    private static readonly Query<string, ImmutableArray<string>> PartPaths = new("part paths", (q, part) =>
        [.. q.Get(Part, part).Jobs.Select(job => job.SitePath)], Equalities.Sequence<string>());

    /// <summary>The parts that plan a job at a site path, in the plan's order (a part twice for two of its jobs there,
    /// which emit reports): the same after most edits, which change what jobs show, not where they go.</summary>
    private static readonly Query<string, ImmutableArray<string>> PartsAt =
        new InvertedIndex("parts at", PartRuns, (q, part) => q.Get(PartPaths, part)).Entry;

    /// <summary>A part's jobs by site path.</summary>
    private static readonly Query<string, ILookup<string, PageJob>> PartJobs = new("part jobs", (q, part) =>
        q.Get(Part, part).Jobs.ToLookup(job => job.SitePath, StringComparer.Ordinal), Equalities.Identity<ILookup<string, PageJob>>());

    /// <summary>Each job as the plan has it, by key: its site path, and "#2" after it for a second job there. A job reads
    /// the part that plans it, so a new post makes again the jobs of the parts it changed (its section's pages), and a
    /// page whose job is the same does not look again.</summary>
    private static readonly Query<string, PageJob?> PlannedJob = new("planned job", (q, key) =>
    {
        var path = SitePathOf(key);
        var nth = path.Length == key.Length ? 0 : int.Parse(key.AsSpan(path.Length + 1)) - 1;
        var parts = q.Get(PartsAt, path);
        if (nth >= parts.Length) return null;
        // The second job of one part at a path is its part's second there.
        var before = parts.AsSpan(0, nth).Count(parts[nth]);
        return q.Get(PartJobs, parts[nth])[path].ElementAtOrDefault(before);
    });

    // A job's key is its site path, with "#2" after it for a second job there.
    private static string SitePathOf(string key) =>
        key.LastIndexOf('#') is var hash and > 0 && hash + 1 < key.Length && key.AsSpan(hash + 1).IndexOfAnyExceptInRange('0', '9') < 0 ? key[..hash] : key;

    /// <summary>The home page's blocks: they read the day (trending topics weigh recent posts).</summary>
    private static readonly Query<string, ViewList<HomeSectionView>> Home = new("home", (q, _) =>
        HomeSections.Resolve(q.Get(SiteQueries.Layout, One).Site, Urls(q), q.Get(SiteQueries.Today, One)));

    public static readonly Query<string, PageJob> Job = new("job", (q, key) =>
    {
        var job = q.Get(PlannedJob, key) ?? throw new KeyNotFoundException($"no page {key} in the plan");
        return job.SitePath == "/" && job.Template == "home"
            ? job with { Values = new Dictionary<string, object?> { ["home"] = new Dictionary<string, object?> { ["sections"] = q.Get(Home, One) } } }
            : job;
    });

    /// <summary>One page through its template.</summary>
    public static readonly Query<string, (OutputFile? File, Diagnostic? Error)> Page = new("render page", (q, key) =>
    {
        // A page's key is its site path ("/posts/a/"); a feed's, the sitemap's or llms.txt's is its file's path.
        if (!key.StartsWith('/')) return (ListFileAt(q, key), null);
        var job = q.Get(Job, key);
        var templates = q.Get(SiteQueries.Templates, One).Engine;
        // The site view is a carrier: each member a template reads is read through SiteMember.
        return PageRenderer.Render(job, templates, q.Untracked(Site, One), q.Get(Staging, One), q);
    }, EqualityComparer<(OutputFile? File, Diagnostic? Error)>.Create((a, b) => ReferenceEquals(a.File, b.File) && Equals(a.Error, b.Error), v => 0));

    /// <summary>A partial's HTML for its arguments (<see cref="Templates.Fragment"/>): each post's card is rendered once,
    /// and the archive that shows ten thousand of them is made again from them when one title changes.</summary>
    public static readonly Query<Templates.Fragment, string> Fragment = new("fragment", (q, fragment) =>
    {
        var templates = q.Get(SiteQueries.Templates, One).Engine;
        var context = new Fluid.TemplateContext(templates.Options);
        TemplateSetup.Track(context, q, main: null);
        context.SetValue("site", new Fluid.Values.ObjectValue(q.Untracked(Site, One)));
        return templates.RenderFragment(fragment.Template, TemplateSetup.Arguments(fragment), context);
    });

    private static readonly Query<string, ImmutableArray<(string Title, string Folder, ImmutableArray<string> Entries)>> FeedList = new("feed list", (q, _) =>
        [.. PageRenderer.FeedSpecs(q.Get(SiteQueries.Layout, One).Site)],
        EqualityComparer<ImmutableArray<(string Title, string Folder, ImmutableArray<string> Entries)>>.Create(
            (a, b) => a.Length == b.Length && a.Zip(b).All(p => p.First.Title == p.Second.Title && p.First.Folder == p.Second.Folder && p.First.Entries.SequenceEqual(p.Second.Entries)),
            a => a.Length));

    /// <summary>One feed's title and entries: a tag edit changes those of the tag's feeds, and the other feeds stay as they were.</summary>
    private static readonly Query<string, (string Title, ImmutableArray<string> Entries)> FeedEntries = new("feed entries", (q, folder) =>
        q.Get(FeedList, One).Where(f => f.Folder == folder).Select(f => (f.Title, f.Entries)).FirstOrDefault((folder, [])),
        EqualityComparer<(string Title, ImmutableArray<string> Entries)>.Create((a, b) => a.Title == b.Title && a.Entries.SequenceEqual(b.Entries), a => a.Entries.Length));

    /// <summary>A page's whole body as feed entries carry it (<see cref="FeedHtml"/>): made once for all the feeds that hold the page.</summary>
    private static readonly Query<string, string> FeedBody = new("feed body", (q, path) =>
        FeedHtml.Of(q.Get(ViewMember, (path, nameof(PageView.Content)))?.ToString() ?? "", (string)q.Get(ViewMember, (path, nameof(PageView.Permalink)))!));

    /// <summary>A feed's three files (RSS, Atom, JSON Feed), with its entries' whole views.</summary>
    private static readonly Query<string, ImmutableArray<OutputFile>> Feed = new("feed", (q, folder) =>
    {
        var (title, entries) = q.Get(FeedEntries, folder);
        var views = entries.Select(path => q.Get(View, path)).ToArray();
        // Whole posts in the site's and the sections' feeds; a term's feed keeps summaries: a site's hundred-odd tag
        // feeds of twenty whole posts each would weigh more than all its pages.
        var config = SiteQueries.SiteConfig(q);
        var full = config.FeedContent == Configuration.FeedContent.Full && !config.Taxonomies.Keys.Any(t => folder.StartsWith("/" + t + "/", StringComparison.Ordinal));
        var contents = full ? entries.Select(path => q.Get(FeedBody, path)).ToArray() : null;
        var site = q.Untracked(Site, One);
        foreach (var member in (string[])[nameof(SiteView.Description), nameof(SiteView.Language), nameof(SiteView.Author)]) q.Get(SiteMember, member);
        // The build time shows only in a feed with undated entries; other feeds need not change with it.
        var updated = views.All(e => (e.Updated ?? e.Date) is not null) ? "" : (string)q.Get(SiteMember, nameof(SiteView.BuildDate))!;
        return [.. Feeds.Write(new FeedSpec(title, folder, views, contents), site, Urls(q), updated)];
    });

    /// <summary>The sitemap's entries in the file's order, in runs: a page that comes or goes makes its own run's text again.</summary>
    private static readonly KeyRuns<Sitemap.Entry> SitemapRuns = new("sitemap",
        q => [.. Parts(q).SelectMany(part => part.Sitemap).OrderBy(e => e.Location, StringComparer.Ordinal)], e => e.Location);

    private static readonly Query<string, string> SitemapRun = new("sitemap text", (q, start) => Sitemap.Urls(q.Get(SitemapRuns.Run, start)));

    private static readonly Query<string, OutputFile> SitemapFile = new("sitemap", (q, _) =>
        Sitemap.Assemble(q.Get(SitemapRuns.Starts, One).Select(start => q.Get(SitemapRun, start))));

    /// <summary>A part's pages by the files they write, in order (then by site path, then in the part's order), and what
    /// is wrong with those files' paths: made again only when the part's jobs change.</summary>
    private static readonly Query<string, (ImmutableArray<PlacedFile> Files, ImmutableArray<Diagnostic> Problems)> PartFiles = new("part files", (q, key) =>
    {
        var jobs = q.Get(Part, key).Jobs;
        var files = new PlacedFile[jobs.Length];
        for (var i = 0; i < files.Length; i++) files[i] = new(SiteUrls.FileFor(jobs[i].SitePath), jobs[i].SitePath, i);
        Array.Sort(files, PlacedFile.Order);
        // A page's output is its own, never a copy of a site file: its problem names the output alone.
        return (ImmutableCollectionsMarshal.AsImmutableArray(files), [.. PageRenderer.Outside(files.Select(f => new OutputFile(f.File, [], null)), "")]);
    }, EqualityComparer<(ImmutableArray<PlacedFile> Files, ImmutableArray<Diagnostic> Problems)>.Create(
        (a, b) => a.Files.SequenceEqual(b.Files) && a.Problems.SequenceEqual(b.Problems), a => a.Files.Length));

    /// <summary>
    /// The keys of every page to render, in the order of the files they write, and what is wrong with those files'
    /// paths: the parts' sorted files merged, each part's taken whole while it comes before the others' (its run of
    /// posts, a term's pages). The same after an edit that only moves pages in their lists (a date edit), so nothing
    /// after it looks again.
    /// </summary>
    private static readonly Query<string, (ImmutableArray<string> Keys, ImmutableArray<Diagnostic> Problems)> PageOrder = new("page order", (q, _) =>
    {
        var parts = q.GetEach(PartFiles, q.Get(PartKeys, One));
        var merged = new List<PlacedFile>(parts.Sum(p => p.Files.Length));
        // Each part by its next file; a part in a queue is never empty.
        var next = new int[parts.Length];
        var order = Comparer<int>.Create((a, b) => PlacedFile.Order.Compare(parts[a].Files[next[a]], parts[b].Files[next[b]]) is var c and not 0 ? c : a.CompareTo(b));
        var heads = new PriorityQueue<int, int>(order);
        for (var i = 0; i < parts.Length; i++)
            if (parts[i].Files.Length > 0) heads.Enqueue(i, i);
        while (heads.Count > 0)
        {
            var part = heads.Dequeue();
            var files = parts[part].Files;
            do merged.Add(files[next[part]++]);
            while (next[part] < files.Length && (heads.Count == 0 || order.Compare(part, heads.Peek()) < 0));
            if (next[part] < files.Length) heads.Enqueue(part, part);
        }
        // A job's key is its site path, with "#2" after it for a second job there, as the jobs' table names them.
        var keys = new string[merged.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var (file, n) = (merged[i], 1);
            while (i - n >= 0 && merged[i - n].SitePath == file.SitePath) n++;
            keys[i] = n == 1 ? file.SitePath : $"{file.SitePath}#{n}";
        }
        // Two jobs at one path (an error emit reports) in the order of their keys.
        for (int i = 0, j; i < keys.Length; i = j)
        {
            for (j = i + 1; j < keys.Length && merged[j].File == merged[i].File; j++) { }
            if (j - i > 1) Array.Sort(keys, i, j - i, StringComparer.Ordinal);
        }
        var problems = parts.SelectMany(p => p.Problems).OrderBy(d => d.Span.Path, StringComparer.Ordinal);
        return (ImmutableCollectionsMarshal.AsImmutableArray(keys), [.. problems]);
    }, EqualityComparer<(ImmutableArray<string> Keys, ImmutableArray<Diagnostic> Problems)>.Create(
        (a, b) => a.Keys.SequenceEqual(b.Keys) && a.Problems.SequenceEqual(b.Problems), a => a.Keys.Length));

    /// <summary>A page's output file, its site path and its place among its part's jobs.</summary>
    private readonly record struct PlacedFile(string File, string SitePath, int Job)
    {
        public static readonly IComparer<PlacedFile> Order = Comparer<PlacedFile>.Create((a, b) =>
            string.CompareOrdinal(a.File, b.File) is var c and not 0 ? c : string.CompareOrdinal(a.SitePath, b.SitePath) is var d and not 0 ? d : a.Job.CompareTo(b.Job));
    }

    /// <summary>The pages to render in file order, in runs: an edit collects again the run of the page it changed, not every page.</summary>
    private static readonly KeyRuns<string> PageRuns = new("page order", q => q.Get(PageOrder, One).Keys, key => key);

    /// <summary>The files of a run of pages, and their templates' errors.</summary>
    private static readonly Query<string, (ImmutableArray<OutputFile> Files, ImmutableArray<Diagnostic> Errors)> PageChunk = new("page chunk", (q, start) =>
    {
        var keys = q.Get(PageRuns.Run, start);
        var files = ImmutableArray.CreateBuilder<OutputFile>(keys.Length);
        var errors = ImmutableArray.CreateBuilder<Diagnostic>();
        var deferred = q.Get(BuildInputs.Options, One)!.DeferPages;
        foreach (var key in keys)
        {
            if (deferred)
            {
                files.Add(new OutputFile(SiteUrls.FileFor(SitePathOf(key)), null, null) { Pending = key });
                continue;
            }
            var (file, error) = q.Get(Page, key);
            if (file is not null) files.Add(file);
            if (error is not null) errors.Add(error);
        }
        return (files.ToImmutable(), errors.ToImmutable());
    });

    /// <summary>A small site's pages rendered on every core before <see cref="PageChunk"/> asks for them a run at a time
    /// (as <see cref="SiteQueries.RenderContentAhead"/> does for bodies).</summary>
    internal static void RenderPagesAhead(QueryStore memo)
    {
        if (memo.Get(PageRuns.Starts, One).Length < Environment.ProcessorCount) memo.Prefetch(Page, memo.Get(PageOrder, One).Keys);
    }

    /// <summary>Every rendered page's file, sorted by path, and the templates' errors.</summary>
    private static readonly Query<string, (ImmutableArray<OutputFile> Files, ImmutableArray<Diagnostic> Errors)> PageFiles = new("page files", (q, _) =>
    {
        var files = ImmutableArray.CreateBuilder<OutputFile>();
        var errors = new List<Diagnostic>();
        foreach (var (chunkFiles, chunkErrors) in q.GetEach(PageChunk, q.Get(PageRuns.Starts, One)))
        {
            files.AddRange(chunkFiles);
            errors.AddRange(chunkErrors);
        }
        return (files.ToImmutable(), [.. errors.OrderBy(e => e.Span.Path, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal)]);
    });

    /// <summary>The paths of the feeds, the sitemap, robots.txt, llms.txt and the search index, sorted, known without
    /// making them: under preview each is made when asked for, like a page (<see cref="Page"/>). The search index's are
    /// known only by making it: under preview they are left out, and its folder is listed instead (<see cref="ListFiles"/>).</summary>
    private static readonly Query<string, ImmutableArray<string>> ListPaths = new("list paths", (q, _) =>
    {
        var paths = q.Get(FeedList, One).SelectMany(feed => Feeds.PathsFor(feed.Folder)).ToList();
        paths.AddRange(["sitemap.xml", "robots.txt"]);
        paths.AddRange(q.Get(LlmsQueries.Paths, One));
        if (!q.Get(BuildInputs.Options, One)!.DeferPages) paths.AddRange(q.Get(Search.SearchQueries.Files, One).Select(f => f.Path));
        return [.. paths.Order(StringComparer.Ordinal)];
    }, Equalities.Sequence<string>());

    /// <summary>One of the files <see cref="ListPaths"/> names, made alone: a feed reads its own list's entries only.</summary>
    private static readonly Query<string, OutputFile?> ListFile = new("list file", (q, path) =>
    {
        if (path == "sitemap.xml") return q.Get(SitemapFile, One);
        if (path == "robots.txt") return Sitemap.Robots(Urls(q));
        if (path is LlmsTxt.FullFile or LlmsTxt.IndexFile) return LlmsQueries.File(q, path);
        var folder = "/" + path[..(path.LastIndexOf('/') + 1)];
        if (q.Get(FeedList, One).Any(feed => feed.Folder == folder)) return q.Get(Feed, folder).FirstOrDefault(f => f.Path == path);
        return Search.SearchQueries.File(q, path);
    }, Equalities.Identity<OutputFile?>());

    private static OutputFile? ListFileAt(QueryContext q, string path) => q.Get(ListFile, path);

    /// <summary>Feeds, the sitemap, robots.txt, llms.txt and the search index, sorted by path: made now, or under preview
    /// listed to be made when asked for; the search index as its folder, whose files are made when asked for
    /// (<see cref="OutputFile.Pending"/>), so that an edit under preview never waits for the index.</summary>
    private static readonly Query<string, ImmutableArray<OutputFile>> ListFiles = new("list files", (q, _) =>
    {
        if (!q.Get(BuildInputs.Options, One)!.DeferPages)
        {
            var search = q.Get(Search.SearchQueries.Files, One).ToDictionary(f => f.Path, StringComparer.Ordinal);
            var paths = q.Get(ListPaths, One);
            // Three feeds for each list of the site, made on every core.
            var made = q.GetEach(ListFile, [.. paths.Where(path => !search.ContainsKey(path))]);
            var next = 0;
            return [.. paths.Select(path => search.GetValueOrDefault(path) ?? made[next++]!)];
        }
        var pending = q.Get(ListPaths, One).ToList();
        if (SiteQueries.SiteConfig(q).Search) pending.Add(Search.IndexFormat.Folder + "/");
        return [.. pending.Order(StringComparer.Ordinal).Select(path => new OutputFile(path, null, null) { Pending = path })];
    });

    /// <summary>Files copied rather than rendered (assets, static files, bundle resources, a notebook's images), sorted by path,
    /// and what is wrong with their paths.</summary>
    /// <summary>Each page bundle's folder and its page's URL: the same after an edit that moves no bundled page.</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, string>> Bundles = new("bundles", (q, _) =>
        PageRenderer.Bundles(q.Get(SiteQueries.Listed, One)),
        Equalities.Map<string>());

    private static readonly Query<string, (ImmutableArray<OutputFile> Files, ImmutableArray<Diagnostic> Problems)> CopiedFiles = new("copied files", (q, _) =>
    {
        var sources = q.Get(SiteQueries.Sources, One);
        var layout = new SourceLayout(sources.Root, q.Get(SiteQueries.Files, FileGroup.Static), q.Get(SiteQueries.Files, FileGroup.Resources))
        {
            SiteFiles = q.Get(SiteQueries.Files, FileGroup.Site),
        };
        // Only a Jekyll site's own files give way to the pages: elsewhere the list of pages is not read, and a page that
        // comes or goes leaves the copies as they were.
        var made = layout.SiteFiles.IsEmpty ? (IReadOnlySet<string>)new HashSet<string>()
            : q.Get(PageOrder, One).Keys.Select(k => SiteUrls.FileFor(SitePathOf(k))).Concat(q.Get(ListPaths, One)).ToHashSet(StringComparer.Ordinal);
        var files = PageRenderer.Copies(q.Get(Bundles, One), q.Get(SiteQueries.Assets, One), layout, made).OrderBy(f => f.Path, StringComparer.Ordinal).ToImmutableArray();
        return (files, [.. PageRenderer.Outside(files, sources.Root)]);
    });

    private static readonly IEqualityComparer<ImmutableArray<OutputFile>> SameFiles = EqualityComparer<ImmutableArray<OutputFile>>.Create(
        (a, b) => a.Length == b.Length && a.Zip(b).All(p => p.First.Path == p.Second.Path && p.First.Bytes.AsSpan().SequenceEqual(p.Second.Bytes)), a => a.Length);

    /// <summary>The files a page's body made (a notebook's images): the same, and nothing, after most edits.</summary>
    private static readonly Query<string, ImmutableArray<OutputFile>> PageResources = new("page resources", (q, path) =>
        q.Get(SiteQueries.Page, path) is { } page && q.Get(SiteQueries.Content, path).Content is { Resources.Length: > 0 } rendered
            ? [.. PageRenderer.Resources(page, rendered)] : [], SameFiles);

    /// <summary>The files a run of pages' bodies made: a page that comes or goes looks at its own run's pages alone.</summary>
    private static readonly Query<string, ImmutableArray<OutputFile>> RunResources = new("run resources", (q, start) =>
        [.. q.Get(PathRuns.Run, start).SelectMany(path => q.Get(PageResources, path))], SameFiles);

    /// <summary>The files pages' bodies made, sorted by path.</summary>
    private static readonly Query<string, ImmutableArray<OutputFile>> ResourceFiles = new("resource files", (q, _) =>
        [.. q.GetEach(RunResources, q.Get(PathRuns.Starts, One)).SelectMany(run => run).OrderBy(f => f.Path, StringComparer.Ordinal)],
        SameFiles);

    /// <summary>Every output file, sorted by path, and the checks all of them must pass: the sorted groups above merged.</summary>
    public static readonly Query<string, SiteOutputs> Outputs = new("outputs", (q, _) =>
    {
        var pages = q.Get(PageFiles, One);
        var copied = q.Get(CopiedFiles, One);
        var sorted = Merge(pages.Files, q.Get(ListFiles, One), copied.Files, q.Get(ResourceFiles, One), q.Get(Images.ImageQueries.Files, One));
        var root = q.Get(SiteQueries.Sources, One).Root;
        return new SiteOutputs(sorted, [.. pages.Errors, .. q.Get(PageOrder, One).Problems, .. copied.Problems, .. PageRenderer.Duplicates(sorted, root)]);
    });

    private static ImmutableArray<OutputFile> Merge(params ImmutableArray<OutputFile>[] runs)
    {
        var merged = ImmutableArray.CreateBuilder<OutputFile>(runs.Sum(r => r.Length));
        var at = new int[runs.Length];
        while (true)
        {
            var next = -1;
            for (var r = 0; r < runs.Length; r++)
                if (at[r] < runs[r].Length && (next < 0 || string.CompareOrdinal(runs[r][at[r]].Path, runs[next][at[next]].Path) < 0)) next = r;
            if (next < 0) return merged.MoveToImmutable();
            merged.Add(runs[next][at[next]++]);
        }
    }

    /// <summary>A compiled getter for each public property of <typeparamref name="T"/>, by its C# name.</summary>
    internal static Dictionary<string, Func<object, object?>> Getters<T>()
    {
        var getters = new Dictionary<string, Func<object, object?>>(StringComparer.Ordinal);
        var typed = typeof(PageQueries).GetMethod(nameof(ValueGetter), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            getters[property.Name] = property.PropertyType.IsValueType
                ? (Func<object, object?>)typed.MakeGenericMethod(typeof(T), property.PropertyType).Invoke(null, [property.GetMethod])!
                : Getter(property.GetMethod!.CreateDelegate<Func<T, object?>>());
        return getters;
    }

    // A property's getter as a delegate: as fast to call as compiled code, and nothing compiled at start-up (an
    // expression tree per member cost a small site's build 15 ms before its first page). A getter that returns a
    // reference is bound as one returning object; only a value type's getter needs code of its own, made through
    // reflection and compiled by the JIT at start-up.
    private static Func<object, object?> ValueGetter<T, TValue>(MethodInfo get)
    {
        var read = get.CreateDelegate<Func<T, TValue>>();
        return target => read((T)target);
    }

    private static Func<object, object?> Getter<T>(Func<T, object?> read) => target => read((T)target);
}
