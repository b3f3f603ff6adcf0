using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Lemma.Bibliography;
using Lemma.Configuration;
using Lemma.Content;
using Lemma.Data;
using Lemma.Diagnostics;
using Lemma.Incremental;
using Lemma.Markdown;
using Lemma.Model;
using Lemma.Output;
using Lemma.Sources;
using Lemma.Templates;

namespace Lemma.Build;

/// <summary>
/// What a build reads from outside. Files are read by the queries themselves; what the store holds for each is a
/// version, moved on by <see cref="BuildStore.Changed"/> when the file is written, created or deleted.
/// </summary>
public static class BuildInputs
{
    /// <summary>The options of the build (key ""): source, drafts, base URL.</summary>
    public static readonly Input<string, BuildOptions> Options = new("options");
    /// <summary>The build's time (key ""): the model reads it through the publish moments it lies between, the home page
    /// through the day, and only what prints it (<c>site.build_date</c>) reads it as it is.</summary>
    public static readonly Input<string, DateTimeOffset> Now = new("now");
    /// <summary>A file's version, by path from the site root; a query that reads a file (there or not) reads this.</summary>
    public static readonly Input<string, long> File = new("file");
    /// <summary>The set of files (key ""): moves when a file or folder is created or deleted, for discovery, unless
    /// <see cref="Arrivals"/> tells it.</summary>
    public static readonly Input<string, long> Tree = new("tree");
    /// <summary>The plain files created (true) or deleted (false) in a folder below the root since it was listed, by name
    /// (key: the folder's path): a new post changes its folder's listing without a look at the 10,000 files beside it.</summary>
    public static readonly Input<string, ImmutableDictionary<string, bool>> Arrivals = new("arrivals");
    /// <summary>Every file under a top-level folder (key "layouts"), for readers that walk it instead of naming files;
    /// "*" moves with every change, for readers that may read any file.</summary>
    public static readonly Input<string, long> Folder = new("folder");
    /// <summary>A post's approved reader comments, oldest first, by the post's site path ("/posts/a/"): set by the server
    /// that takes them (`serve`), never by `lemma build`.</summary>
    public static readonly Input<string, System.Collections.Immutable.ImmutableArray<ReaderComment>> Comments = new("comments", Equalities.Sequence<ReaderComment>());
}

/// <summary>The files discovery sorts the site into, each list a value of its own.</summary>
public enum FileGroup { Content, Data, Layouts, Static, Bibliography, Scholar, Assets, Includes, Site, Resources }

/// <summary>A page's rendered body and the problems rendering and resolving it found.</summary>
public sealed record PageContent(RenderedContent? Content, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The site paths of the images whose smaller copies the body names (<see cref="Images.ImageQueries"/>).</summary>
    public ImmutableArray<string> Images { get; init; } = [];

    public bool Equals(PageContent? other) =>
        other is not null && ReferenceEquals(Content, other.Content) && Diagnostics.SequenceEqual(other.Diagnostics) && Images.SequenceEqual(other.Images);

    public override int GetHashCode() => Diagnostics.Length;
}

/// <summary>
/// The build as queries, from the files to the rendered bodies (<see cref="Output.PageQueries"/> goes on to the pages).
/// Each reads what it needs through its context, so a rebuild recomputes only what an edit reaches; each stage's own
/// work is done by the same pure functions a build without a store calls.
/// </summary>
public static class SiteQueries
{
    private const string One = "";

    // Declared first: the queries below are built in order and take them as they are built.
    private static readonly IEqualityComparer<ImmutableArray<string>> SamePaths = Equalities.Sequence<string>();
    private static readonly IEqualityComparer<ImmutableArray<Diagnostic>> SameDiagnostics = Equalities.Sequence<Diagnostic>();
    private static readonly IComparer<ListedEntry> ByName = Comparer<ListedEntry>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));

    public static readonly Query<string, (ConfigResult Result, SiteConfig Config)> Config = new("config", (q, _) =>
    {
        var options = q.Get(BuildInputs.Options, One)!;
        foreach (var name in ConfigLoader.FileNames) q.Get(BuildInputs.File, name);
        var result = ConfigLoader.Load(options.Source);
        var baseUrl = options.BaseUrl is { Length: > 0 } b ? (b.EndsWith('/') ? b : b + "/") : result.Config.BaseUrl;
        return (result, result.Config with { BaseUrl = baseUrl });
    });

    public static SiteConfig SiteConfig(QueryContext q) => q.Get(Config, One).Config;

    /// <summary>A folder's entries as they were on disk when the set of files last moved (key: the folder's path from the root).</summary>
    internal static readonly Query<string, ImmutableArray<ListedEntry>> DiskListing = new("disk listing", (q, folder) =>
    {
        q.Get(BuildInputs.Tree, One);
        return SiteWalker.Read(q.Get(BuildInputs.Options, One)!.Source, folder);
    });

    /// <summary>A folder's entries now: as listed, with the files created or deleted in it since.</summary>
    private static readonly Query<string, ImmutableArray<ListedEntry>> Listing = new("listing", (q, folder) =>
    {
        var listed = q.Get(DiskListing, folder);
        if (q.Get(BuildInputs.Arrivals, folder) is not { Count: > 0 } arrivals) return listed;
        // Each put in its place by name: the listing stays sorted without a sort of its 10,000 entries.
        var entries = new List<ListedEntry>(listed);
        foreach (var (name, exists) in arrivals)
        {
            var at = entries.BinarySearch(new ListedEntry(name, false, false), ByName);
            if (at >= 0) entries.RemoveAt(at);
            if (exists) entries.Insert(at >= 0 ? at : ~at, new ListedEntry(name, false, false));
        }
        return [.. entries];
    }, Equalities.Sequence<ListedEntry>());

    public static readonly Query<string, SourceSet> Sources = new("discover", (q, _) =>
    {
        q.Get(BuildInputs.Tree, One);
        return SourceDiscovery.Discover(q.Get(BuildInputs.Options, One)!.Source, SiteConfig(q), folder => q.Get(Listing, folder));
    }, EqualityComparer<SourceSet>.Create(SameSources, s => s.ContentFiles.Length));

    /// <summary>One list of files: a post created changes the content list, not the layouts everything reads.</summary>
    public static readonly Query<FileGroup, ImmutableArray<string>> Files = new("files", (q, group) =>
    {
        var s = q.Get(Sources, One);
        return group switch
        {
            FileGroup.Content => s.ContentFiles,
            FileGroup.Data => s.DataFiles,
            FileGroup.Layouts => s.LayoutFiles,
            FileGroup.Static => s.StaticFiles,
            FileGroup.Bibliography => s.BibliographyFiles,
            FileGroup.Scholar => s.ScholarFiles,
            FileGroup.Assets => s.AssetFiles,
            FileGroup.Includes => s.IncludeFiles,
            FileGroup.Site => s.SiteFiles,
            _ => s.BundleResources,
        };
    }, SamePaths);

    /// <summary>Discovery's problems and the config's, which are not any one file's.</summary>
    public static readonly Query<string, ImmutableArray<Diagnostic>> SetupDiagnostics = new("setup diagnostics", (q, _) =>
    {
        var sources = q.Get(Sources, One);
        return [.. q.Get(Config, One).Result.Diagnostics, .. sources.Diagnostics, .. ContentFormats.ConfigWarnings(SiteConfig(q), sources.ConfigFile)];
    }, SameDiagnostics);

    /// <summary>A content file read and parsed, body and all.</summary>
    internal static readonly Query<string, FileLoad> Load = new("load", (q, path) =>
    {
        var root = q.Get(BuildInputs.Options, One)!.Source;
        var config = SiteConfig(q);
        q.Get(BuildInputs.File, path);
        // A Quarto page reads the _metadata.yml of each folder above it.
        if (config.Kind == SiteKind.Quarto)
            for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1)) q.Get(BuildInputs.File, path[..slash] + "/_metadata.yml");
        return ContentLoader.Read(root, path, config);
    }, Equalities.Identity<FileLoad>());

    /// <summary>
    /// A content file as the model sees it: everything but the body's text, so a body edit stops here. The model reads
    /// only whether there is a body (a Jekyll list page without one gives way to the list).
    /// </summary>
    internal static readonly Query<string, FileLoad> Header = new("header", (q, path) =>
    {
        var load = q.Get(Load, path);
        return load.Page is not { } page ? load
            : load with { Page = page with { Body = string.IsNullOrWhiteSpace(page.Body) ? "" : "…", BodyLines = [] } };
    }, EqualityComparer<FileLoad>.Create(SameHeader, l => l.Page?.Path.GetHashCode() ?? 0));

    /// <summary>The content files in runs: an edit, a new or a deleted file collects again its own run, not every file.</summary>
    private static readonly KeyRuns<string> ContentRuns = new("content files", q => q.Get(Files, FileGroup.Content), path => path);

    /// <summary>When a content file's page is published and when it expires (none when it did not load): a title edit
    /// leaves them, and nothing that reads every page's moments looks again.</summary>
    private static readonly Query<string, (DateTimeOffset? Publish, DateTimeOffset? Expiry)> Moment = new("moment", (q, path) =>
        q.Get(Header, path).Page is { } source ? (SiteModeler.PublishDate(source), source.FrontMatter.ExpiryDate) : (null, null));

    /// <summary>The moments of a run of content files, sorted: a new post or a date edit gathers its own run's again.</summary>
    private static readonly Query<string, ImmutableArray<DateTimeOffset>> RunMoments = new("run moments", (q, start) =>
    {
        var moments = new List<DateTimeOffset>();
        foreach (var path in q.Get(ContentRuns.Run, start))
        {
            var (publish, expiry) = q.Get(Moment, path);
            if (publish is { } p) moments.Add(p);
            if (expiry is { } e) moments.Add(e);
        }
        moments.Sort();
        return [.. moments];
    }, Equalities.Sequence<DateTimeOffset>());

    /// <summary>The instants at which a page's publish date comes or its expiry passes, in order, each once: when the
    /// clock crosses none of them, which pages are published stays as it was.</summary>
    private static readonly Query<string, ImmutableArray<DateTimeOffset>> Moments = new("moments", (q, _) =>
    {
        var moments = q.GetEach(RunMoments, q.Get(ContentRuns.Starts, One)).SelectMany(run => run).ToArray();
        Array.Sort(moments);
        return [.. moments.Where((m, i) => i == 0 || m != moments[i - 1])];
    }, Equalities.Sequence<DateTimeOffset>());

    /// <summary>The latest of the <see cref="Moments"/> the build's time has reached (the earliest instant there is when
    /// none): the model's one read of the clock. Between two moments every page's state is what it is at any instant of them.</summary>
    private static readonly Query<string, DateTimeOffset> Epoch = new("epoch", (q, _) =>
    {
        var moments = q.Get(Moments, One);
        var at = moments.BinarySearch(q.Get(BuildInputs.Now, One));
        var reached = at >= 0 ? at + 1 : ~at;
        return reached == 0 ? DateTimeOffset.MinValue : moments[reached - 1];
    });

    /// <summary>Which pages of a run the build's time leaves out (publish date to come, expiry passed).</summary>
    private static readonly Query<string, (ImmutableArray<string> Future, ImmutableArray<string> Expired)> RunVisibility = new("run visibility", (q, start) =>
    {
        var now = q.Get(Epoch, One);
        var (future, expired) = (ImmutableArray.CreateBuilder<string>(), ImmutableArray.CreateBuilder<string>());
        foreach (var path in q.Get(ContentRuns.Run, start))
        {
            var (publish, expiry) = q.Get(Moment, path);
            if (SiteModeler.IsFuture(publish, now)) future.Add(path);
            if (SiteModeler.IsExpired(expiry, now)) expired.Add(path);
        }
        return (future.DrainToImmutable(), expired.DrainToImmutable());
    }, EqualityComparer<(ImmutableArray<string> Future, ImmutableArray<string> Expired)>.Create(
        (a, b) => a.Future.SequenceEqual(b.Future) && a.Expired.SequenceEqual(b.Expired), v => v.Future.Length));

    /// <summary>Which pages the build's time leaves out (publish date to come, expiry passed).</summary>
    public static readonly Query<string, (ImmutableHashSet<string> Future, ImmutableHashSet<string> Expired)> Visibility = new("visibility", (q, _) =>
    {
        var runs = q.GetEach(RunVisibility, q.Get(ContentRuns.Starts, One));
        return (runs.SelectMany(r => r.Future).ToImmutableHashSet(StringComparer.Ordinal), runs.SelectMany(r => r.Expired).ToImmutableHashSet(StringComparer.Ordinal));
    }, EqualityComparer<(ImmutableHashSet<string> Future, ImmutableHashSet<string> Expired)>.Create(
        (a, b) => a.Future.SetEquals(b.Future) && a.Expired.SetEquals(b.Expired), v => v.Future.Count));

    /// <summary>The build's day (UTC midnight), for what changes by the day (trending topics).</summary>
    public static readonly Query<string, DateTimeOffset> Today = new("today", (q, _) =>
        new DateTimeOffset(q.Get(BuildInputs.Now, One).UtcDateTime.Date, TimeSpan.Zero));

    /// <summary>The page a content file makes (null when it did not load), wherever it is listed.</summary>
    public static readonly Query<string, Page?> Page = new("page", (q, path) =>
        q.Get(Header, path).Page is { } source ? SiteModeler.MakePage(SiteConfig(q), source, q.Get(Visibility, One).Future.Contains(path)) : null,
        Equalities.Identity<Page?>());

    public static readonly Query<string, DataResult> Data = new("data", (q, _) =>
    {
        var files = q.Get(Files, FileGroup.Data);
        foreach (var file in files) q.Get(BuildInputs.File, file);
        return DataLoader.Load(q.Get(BuildInputs.Options, One)!.Source, files);
    });

    /// <summary>A page as the layout reads it: the page it was, kept when an edit leaves where it goes and which lists
    /// hold it (a title, a summary), so that the layout is not made again.</summary>
    private static readonly Query<string, Page?> Placed = new("placed", (q, path) => q.Get(Page, path),
        EqualityComparer<Page?>.Create(SamePlace, p => p?.Url.GetHashCode() ?? 0));

    /// <summary>Whether the site lists a page and what of it the lists read, worked out page by page: a tag edit makes one
    /// page's again, and the layout only gathers them.</summary>
    internal static readonly Query<string, Placement?> Placement = new("placement", (q, path) =>
        q.Get(Placed, path) is { } page ? SiteModeler.Place(SiteConfig(q), page, q.Get(BuildInputs.Options, One)!, q.Get(Visibility, One).Expired.Contains(path)) : null);

    /// <summary>A run of content files as the layout takes it: a tag or date edit gathers its own run again.</summary>
    private static readonly Query<string, LayoutRun> RunLayout = new("layout run", (q, start) =>
        SiteModeler.Gather([.. q.Get(ContentRuns.Run, start).Select(path => q.Get(Placement, path)).OfType<Placement>()]));

    /// <summary>
    /// Where every page goes and which lists hold it, in which order, and the data files: the model's work, made again
    /// only when an edit moves a page. Its pages may be older than <see cref="Page"/>'s in all but what
    /// <see cref="SamePlace"/> compares, so what reads it reads only that: paths, URLs, lists. <see cref="Model"/> puts
    /// the current pages in.
    /// </summary>
    public static readonly Query<string, ModelResult> Layout = new("layout", (q, _) =>
        SiteModeler.Assemble(SiteConfig(q), q.GetEach(RunLayout, q.Get(ContentRuns.Starts, One)), q.Get(Data, One).Data));

    /// <summary>What a run's pages claim of the site's URLs: the same after a date or tag edit.</summary>
    private static readonly Query<string, ImmutableArray<UrlClaim>> RunClaims = new("run claims", (q, start) => q.Get(RunLayout, start).Claims,
        Equalities.Sequence<UrlClaim>());

    /// <summary>The first segments of a run's pages' URLs and aliases: the same after almost any edit.</summary>
    private static readonly Query<string, ImmutableArray<string>> RunRoots = new("run roots", (q, start) =>
        LinkRules.PageRoots(q.Get(RunClaims, start).Select(c => (c.Url, c.Aliases))), SamePaths);

    /// <summary>The lists' URLs: the same after an edit that makes no term, section or series come or go.</summary>
    private static readonly Query<string, ListUrls> ListUrls = new("list urls", (q, _) => q.Get(Layout, One).Lists);

    /// <summary>Every URL two pages or lists claim, reported at the later claim: made again only when a claim changes.</summary>
    public static readonly Query<string, ImmutableArray<Diagnostic>> UrlConflicts = new("url conflicts", (q, _) =>
        SiteModeler.UrlConflicts(q.GetEach(RunClaims, q.Get(ContentRuns.Starts, One)).SelectMany(run => run), q.Get(ListUrls, One)), SameDiagnostics);

    /// <summary>
    /// The layout as what reads only where pages are sees it: each page's path, URL, kind and bundle folder, and the
    /// sections' lists in order. An edit that moves no page (a tag, a summary) leaves it, and the tables made from it
    /// are not made again. Kept from an earlier layout, its pages may be older in all else, so that is all its readers read.
    /// </summary>
    public static readonly Query<string, Site> Positions = new("positions", (q, _) => q.Get(Layout, One).Site,
        EqualityComparer<Site>.Create(SamePositions, s => s.Pages.Length));

    /// <summary>
    /// Which pages are published, in path order, with the home's and the sections' own pages: what reads the set of
    /// pages and not their order (the published paths' table, the rendered paths, bundles, the pages' runs) reads this,
    /// which a date edit leaves equal. Its pages may be older in all but what <see cref="SamePosition"/> compares.
    /// </summary>
    public static readonly Query<string, Site> Listed = new("listed", (q, _) => q.Get(Layout, One).Site,
        EqualityComparer<Site>.Create(SameListing, s => s.ByPath.Length));

    /// <summary>The pages of a run of content files, as they are now.</summary>
    private static readonly Query<string, ImmutableArray<Page>> PageRun = new("page run", (q, start) =>
        [.. q.Get(ContentRuns.Run, start).Select(path => q.Get(Page, path)).OfType<Page>()]);

    /// <summary>The site: the layout with every page as it is now, made when first read (only Jekyll's Liquid, Hugo
    /// refs and what a build reports read it whole).</summary>
    public static readonly Query<string, Lazy<Site>> Model = new("model", (q, _) =>
    {
        var layout = q.Get(Layout, One).Site;
        var runs = q.GetEach(PageRun, q.Get(ContentRuns.Starts, One));
        return new(() =>
        {
            var pages = runs.SelectMany(run => run).ToDictionary(page => page.Source.Path, StringComparer.Ordinal);
            return SiteModeler.WithPages(layout, path => pages[path]);
        });
    });

    /// <summary>What relates a post to others (its tags and the longer words of its title and summary), in a stable order.</summary>
    private static readonly Query<string, IReadOnlySet<string>> Features = new("features", (q, path) =>
        q.Get(Page, path) is { } page ? RelatedPages.Features(page) : new HashSet<string>(),
        EqualityComparer<IReadOnlySet<string>>.Create((a, b) => a!.SequenceEqual(b!), a => a.Count));

    /// <summary>The posts in path order, not newest first: the same after a date edit, which then leaves every
    /// feature's posts as they were.</summary>
    private static readonly Query<string, ImmutableArray<string>> PostsByPath = new("posts by path", (q, _) =>
        [.. q.Get(Listed, One).ByPath.Where(p => p.Kind == PageKind.Post).Select(p => p.Source.Path)], SamePaths);

    private static readonly KeyRuns<string> PostRuns = new("posts", q => q.Get(PostsByPath, One), path => path);

    /// <summary>The posts that have one feature, in path order: the same after most edits, so only the posts that share
    /// a changed feature look for their related posts again.</summary>
    private static readonly Query<string, ImmutableArray<string>> Posting = new InvertedIndex("posting", PostRuns, (q, path) => q.Get(Features, path)).Entry;

    private static readonly Query<string, int> PostCount = new("post count", (q, _) => RelatedPages.WeighedCount(q.Get(PostsByPath, One).Length));

    /// <summary>A post's related posts, by source path.</summary>
    public static readonly Query<string, ImmutableArray<string>> Related = new("related", (q, path) =>
        q.Get(Page, path) is { Kind: PageKind.Post } ? RelatedPages.For(path, q.Get(Features, path), f => q.Get(Posting, f), q.Get(PostCount, One), RelatedPages.PerPage) : [],
        SamePaths);

    public static readonly Query<string, (BibLibrary Library, ImmutableArray<Diagnostic> Diagnostics)> Bibliography = new("bibliography", (q, _) =>
    {
        var files = q.Get(Files, FileGroup.Bibliography);
        foreach (var file in files) q.Get(BuildInputs.File, file);
        return BibLibrary.Load(q.Get(BuildInputs.Options, One)!.Source, files, q.Get(Files, FileGroup.Scholar));
    });

    /// <summary>The content formats, set up from the config, the bibliography and the site's layouts (Hugo shortcodes, math scripts).</summary>
    public static readonly Query<string, IReadOnlyList<IContentFormat>> Formats = new("setup", (q, _) =>
    {
        foreach (var folder in (string[])["layouts", "_layouts", "_includes"]) q.Get(BuildInputs.Folder, folder);
        q.Get(BuildInputs.File, "_variables.yml"); // Quarto's {{< var >}}
        return ContentFormats.Create(SiteConfig(q), q.Get(BuildInputs.Options, One)!.Source, q.Get(Bibliography, One).Library);
    });

    /// <summary>The bodies Liquid rewrote, on a Jekyll site (which reads the whole site and every body); nothing elsewhere.</summary>
    public static readonly Query<string, LiquidResult> Liquid = new("liquid", (q, _) =>
    {
        var sources = q.Get(Sources, One);
        if (!sources.IsJekyll) return LiquidResult.None;
        foreach (var file in sources.IncludeFiles) q.Get(BuildInputs.File, file);
        var site = q.Get(Model, One).Value;
        Page WithBody(Page page) => q.Get(Load, page.Source.Path).Page is { } full ? page with { Source = full } : page;
        var withBodies = site with
        {
            Pages = [.. site.Pages.Select(WithBody)],
            Sections = [.. site.Sections.Select(s => s.Index is { } i ? s with { Index = WithBody(i) } : s)],
            HomeIndex = site.HomeIndex is { } h ? WithBody(h) : null,
        };
        return LiquidStage.Run(withBodies, sources, q.Get(BuildInputs.Now, One), q.Get(Bibliography, One).Library);
    });

    /// <summary>A page's body rendered by the first format that accepts it.</summary>
    public static readonly Query<string, PageContent> Rendered = new("render content", (q, path) =>
    {
        if (q.Get(Load, path).Page is not { } loaded) return new PageContent(null, []);
        var source = q.Get(Liquid, One).For(loaded);
        // A shortcode may read any file of the site (an include, _variables.yml, a template, another page's front
        // matter): such a body is rendered again after any edit.
        if (Markdown.Shortcodes.ShortcodeReader.MayHave(source.Body)) q.Get(BuildInputs.Folder, "*");
        if (q.Get(Formats, One).FirstOrDefault(f => f.Accepts(source)) is not { } format)
            return new PageContent(null, [Diagnostic.Error(SourceSpan.File(path), $"no content format renders {source.Format} files")]);
        try
        {
            return new PageContent(format.Render(source), []);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A page Lemma cannot render is a bug to fix (the fuzz tests look for these), but never a stack trace.
            return new PageContent(null, [Diagnostic.Error(SourceSpan.File(path), $"internal error while rendering this page ({e.GetType().Name}: {e.Message}); please report it")]);
        }
    });

    /// <summary>Each page bundle's folder and its page's URL: the same after a post without a bundle comes or goes.</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, string>> BundleUrls = new("bundle urls", (q, _) =>
        SourceLinks.BundleUrls(q.Get(Listed, One)), Equalities.Map<string>());

    /// <summary>The site path of every published file that is not a page, by its path from the site root.</summary>
    internal static readonly Query<string, IReadOnlyDictionary<string, string>> PublishedFiles = new("published files", (q, _) =>
        SourceLinks.PublishedFiles(q.Get(BundleUrls, One), q.Get(Files, FileGroup.Site), q.Get(Files, FileGroup.Static), q.Get(Files, FileGroup.Resources)),
        Equalities.Map<string>());

    /// <summary>The site path of every page source and published file, for links written as paths to files.</summary>
    public static readonly Query<string, IReadOnlyDictionary<string, string>> Published = new("published paths", (q, _) =>
        SourceLinks.Published(q.Get(Listed, One), q.Get(PublishedFiles, One)),
        Equalities.Map<string>());

    /// <summary>The published dark variants of images (figure.dark.png), by site path: the same after most edits.</summary>
    private static readonly Query<string, ImmutableArray<string>> DarkVariants = new("dark variants", (q, _) =>
        DarkImages.Variants(q.Get(PublishedFiles, One).Values), Equalities.Sequence<string>());

    /// <summary>The first URL segments a root-relative link may start with.</summary>
    public static readonly Query<string, LinkRules.Roots> LinkRoots = new("link roots", (q, _) =>
        LinkRules.RootsOf(q.Get(Layout, One).Site, q.GetEach(RunRoots, q.Get(ContentRuns.Starts, One)).SelectMany(roots => roots)));

    /// <summary>A page's body with its links resolved against the site (Hugo refs, paths to files) and checked.</summary>
    public static readonly Query<string, PageContent> Content = new("content", (q, path) =>
    {
        var rendered = q.Get(Rendered, path);
        if (rendered.Content is not { } content || q.Get(Page, path) is not { } page) return rendered;
        // Only a page with a Hugo ref reads the whole site.
        var resolved = ShortcodeRefs.Has(content) ? ShortcodeRefs.Resolve(q.Get(Model, One).Value, path, page.Source.BodyLine, content) : content;
        resolved = new SourceLinks(SiteConfig(q).BaseUrl, () => q.Get(Published, One)).Resolve(page, resolved);
        var images = ImmutableArray<string>.Empty;
        var hasImage = DarkImages.MayHave(resolved);
        var basePath = hasImage || page.Source.FrontMatter.Cover is not null ? new Uri(SiteConfig(q).BaseUrl).AbsolutePath.TrimEnd('/') : "";
        if (hasImage) resolved = DarkImages.Wrap(resolved, page.Url, basePath, q.Get(DarkVariants, One));
        // Sizes, loading hints and smaller copies, only on a page that shows an image.
        if (hasImage || page.Source.FrontMatter.Cover is not null) (resolved, images) = Images.ImageQueries.Apply(q, page, resolved, basePath);
        return new PageContent(resolved, [.. rendered.Diagnostics, .. resolved.Diagnostics, .. LinkRules.Check(resolved, q.Get(LinkRoots, One))]) { Images = images };
    });

    private static readonly Query<string, ImmutableArray<Diagnostic>> LoadRun = new("load run", (q, start) =>
        [.. q.Get(ContentRuns.Run, start).SelectMany(path => q.Get(Header, path).Diagnostics)], SameDiagnostics);

    /// <summary>Every content file's problems, each once (a Quarto _metadata.yml's problem is every page's below it), sorted.</summary>
    public static readonly Query<string, ImmutableArray<Diagnostic>> LoadDiagnostics = new("load diagnostics", (q, _) =>
        Sorted(q.GetEach(LoadRun, q.Get(ContentRuns.Starts, One)).SelectMany(d => d).Distinct()), SameDiagnostics);

    /// <summary>The source paths of every page whose body is rendered: published pages, the home and section indexes.</summary>
    internal static readonly Query<string, ImmutableArray<string>> RenderedPaths = new("rendered paths", (q, _) =>
    {
        var site = q.Get(Listed, One);
        // In path order, not the lists' order: a date edit then leaves them, and every run of them, as they were. The
        // home's and the sections' own pages are a few, put in their places.
        var indexes = site.Sections.Where(s => s.Index is not null).Select(s => s.Index!.Source.Path).ToList();
        if (site.HomeIndex is { } home) indexes.Add(home.Source.Path);
        indexes.Sort(StringComparer.Ordinal);
        var paths = ImmutableArray.CreateBuilder<string>(site.ByPath.Length + indexes.Count);
        var next = 0;
        foreach (var page in site.ByPath)
        {
            for (; next < indexes.Count && string.CompareOrdinal(indexes[next], page.Source.Path) < 0; next++) paths.Add(indexes[next]);
            paths.Add(page.Source.Path);
        }
        paths.AddRange(indexes.Skip(next));
        return paths.DrainToImmutable();
    }, SamePaths);

    private static readonly KeyRuns<string> RenderedRuns = new("rendered paths", q => q.Get(RenderedPaths, One), path => path);

    private static readonly Query<string, ImmutableArray<(string Path, PageContent Content)>> ContentRun = new("content run", (q, start) =>
        [.. q.Get(RenderedRuns.Run, start).Select(path => (path, q.Get(Content, path)))]);

    /// <summary>What a run's bodies found wrong and the code languages they could not highlight: the same after most
    /// edits, which then leave the site's problems as they were.</summary>
    private static readonly Query<string, (ImmutableArray<Diagnostic> Problems, ImmutableArray<LanguageUse> Unknown)> RunProblems = new("run problems", (q, start) =>
    {
        var contents = q.Get(ContentRun, start);
        return ([.. contents.SelectMany(c => c.Content.Diagnostics)], [.. contents.SelectMany(c => c.Content.Content?.UnknownLanguages ?? [])]);
    }, EqualityComparer<(ImmutableArray<Diagnostic> Problems, ImmutableArray<LanguageUse> Unknown)>.Create(
        (a, b) => a.Problems.SequenceEqual(b.Problems) && a.Unknown.SequenceEqual(b.Unknown), a => a.Problems.Length));

    /// <summary>
    /// A small site's bodies rendered on every core before the stage asks for them a run at a time: up to a few hundred
    /// files make one run, which one core would render alone. A site of several runs renders them in parallel already.
    /// </summary>
    internal static void RenderContentAhead(QueryStore memo)
    {
        if (memo.Get(RenderedRuns.Starts, One).Length < Environment.ProcessorCount) memo.Prefetch(Content, memo.Get(RenderedPaths, One));
    }

    /// <summary>A small site's content files read and parsed on every core (as <see cref="RenderContentAhead"/>).</summary>
    internal static void LoadAhead(QueryStore memo)
    {
        if (memo.Get(ContentRuns.Starts, One).Length < Environment.ProcessorCount) memo.Prefetch(Header, memo.Get(Files, FileGroup.Content));
    }

    /// <summary>A small site's pages made and placed on every core (as <see cref="RenderContentAhead"/>).</summary>
    internal static void PlaceAhead(QueryStore memo)
    {
        if (memo.Get(ContentRuns.Starts, One).Length < Environment.ProcessorCount) memo.Prefetch(Placement, memo.Get(Files, FileGroup.Content));
    }

    /// <summary>What rendering and resolving every body found wrong, sorted, and the build's warnings about them.</summary>
    public static readonly Query<string, ImmutableArray<Diagnostic>> ContentDiagnostics = new("content problems", (q, _) =>
    {
        var runs = q.GetEach(RunProblems, q.Get(RenderedRuns.Starts, One));
        return [.. Sorted(runs.SelectMany(r => r.Problems)), .. ContentFormats.BuildWarnings(runs.SelectMany(r => r.Unknown))];
    }, SameDiagnostics);

    /// <summary>Every rendered body by source path (for the checks): the runs are taken when asked, the map made only when
    /// it is read.</summary>
    public static readonly Query<string, Lazy<IReadOnlyDictionary<string, RenderedContent>>> AllContent = new("all content", (q, _) =>
    {
        var runs = q.GetEach(ContentRun, q.Get(RenderedRuns.Starts, One));
        return new(() => runs.SelectMany(r => r).Where(c => c.Content.Content is not null)
            .ToDictionary(c => c.Path, c => c.Content.Content!, StringComparer.Ordinal));
    });

    private static ImmutableArray<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ThenBy(d => d.Message, StringComparer.Ordinal)];

    public static readonly Query<string, (TemplateEngine Engine, ImmutableArray<Diagnostic> Diagnostics)> Templates = new("templates", (q, _) =>
    {
        var files = q.Get(Files, FileGroup.Layouts);
        foreach (var file in files) q.Get(BuildInputs.File, file);
        var urls = new SiteUrls(SiteConfig(q).BaseUrl);
        return TemplateEngine.Create(TemplateFiles.Load(q.Get(BuildInputs.Options, One)!.Source, files), o => TemplateSetup.Configure(o, urls));
    });

    /// <summary>The site's folder and whether it is a Jekyll site: the same when a file comes or goes.</summary>
    private static readonly Query<string, (string Root, bool IsJekyll)> Root = new("root", (q, _) =>
    {
        var sources = q.Get(Sources, One);
        return (sources.Root, sources.IsJekyll);
    });

    public static readonly Query<string, ThemeAssets.Result> Assets = new("assets", (q, _) =>
    {
        var (root, isJekyll) = q.Get(Root, One);
        var files = q.Get(Files, FileGroup.Assets);
        foreach (var file in files) q.Get(BuildInputs.File, file);
        return ThemeAssets.Collect(new SiteUrls(SiteConfig(q).BaseUrl), root, isJekyll ? [] : files);
    });

    private static bool SameSources(SourceSet? a, SourceSet? b) =>
        a!.Root == b!.Root && a.ConfigFile == b.ConfigFile && a.ContentFiles.SequenceEqual(b.ContentFiles) && a.BundleResources.SequenceEqual(b.BundleResources)
        && a.DataFiles.SequenceEqual(b.DataFiles) && a.LayoutFiles.SequenceEqual(b.LayoutFiles) && a.StaticFiles.SequenceEqual(b.StaticFiles)
        && a.BibliographyFiles.SequenceEqual(b.BibliographyFiles) && a.AssetFiles.SequenceEqual(b.AssetFiles) && a.IncludeFiles.SequenceEqual(b.IncludeFiles)
        && a.SiteFiles.SequenceEqual(b.SiteFiles) && a.ScholarFiles.SequenceEqual(b.ScholarFiles) && a.Diagnostics.SequenceEqual(b.Diagnostics);


    // The typed fields of the front matter are read from the raw fields (and the config, which every reader reads too),
    // except a title taken from the body's first heading.
    private static bool SameHeader(FileLoad? a, FileLoad? b)
    {
        if (!a!.Diagnostics.SequenceEqual(b!.Diagnostics)) return false;
        if (a.Page is not { } x || b.Page is not { } y) return a.Page is null && b.Page is null;
        return x.Path == y.Path && x.Section == y.Section && x.Format == y.Format && x.FileSlug == y.FileSlug && x.BundleDir == y.BundleDir
            && x.IsSectionIndex == y.IsSectionIndex && x.FileDate == y.FileDate && x.Permalink == y.Permalink && x.BodyLine == y.BodyLine
            && x.Body == y.Body && x.FrontMatter.Title == y.FrontMatter.Title && PlainEquality.Same(x.FrontMatter.Raw, y.FrontMatter.Raw) && PlainEquality.Same(x.FrontMatter.KeyLines, y.FrontMatter.KeyLines);
    }

    private static bool SameListing(Site? a, Site? b) =>
        SamePositions(a!.ByPath, b!.ByPath) && SamePosition(a.HomeIndex, b.HomeIndex) && a.Sections.Length == b.Sections.Length
        && a.Sections.Zip(b.Sections).All(s => s.First.Name == s.Second.Name && SamePosition(s.First.Index, s.Second.Index));

    private static bool SamePositions(Site? a, Site? b) =>
        SamePositions(a!.Pages, b!.Pages) && SamePosition(a.HomeIndex, b.HomeIndex) && a.Sections.Length == b.Sections.Length
        && a.Sections.Zip(b.Sections).All(s => s.First.Name == s.Second.Name && s.First.Url == s.Second.Url
            && SamePosition(s.First.Index, s.Second.Index) && SamePositions(s.First.Pages, s.Second.Pages));

    // Most pages are the very same objects in both: an edit remade one page's placement, not the others'.
    private static bool SamePositions(ImmutableArray<Page> a, ImmutableArray<Page> b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (!SamePosition(a[i], b[i])) return false;
        return true;
    }

    private static bool SamePosition(Page? a, Page? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Source.Path == b.Source.Path && a.Url == b.Url
            && a.Kind == b.Kind && a.Source.BundleDir == b.Source.BundleDir && a.Source.IsSectionIndex == b.Source.IsSectionIndex);

    // What the layout (SiteModeler.Assemble, JekyllLists) and its readers (the plan's shape, feeds, links, the home
    // page's blocks) read of a page. A section's or the home's own page is compared whole: its title and description name the list.
    private static bool SamePlace(Page? a, Page? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.Source.IsSectionIndex || b.Source.IsSectionIndex) return false;
        var (x, y) = (a.Source, b.Source);
        return x.Path == y.Path && x.Section == y.Section && x.Format == y.Format && x.Body == y.Body && x.BundleDir == y.BundleDir
            && a.Kind == b.Kind && a.Url == b.Url && a.Date == b.Date && a.Updated == b.Updated && a.Draft == b.Draft && a.Future == b.Future
            && a.Aliases.SequenceEqual(b.Aliases) && a.Terms.Count == b.Terms.Count
            && a.Terms.All(t => b.Terms.TryGetValue(t.Key, out var names) && names.SequenceEqual(t.Value))
            && x.FrontMatter.Series == y.FrontMatter.Series && x.FrontMatter.SeriesOrder == y.FrontMatter.SeriesOrder
            && x.FrontMatter.Layout == y.FrontMatter.Layout && x.FrontMatter.Featured == y.FrontMatter.Featured && PlainEquality.Same(x.FrontMatter.KeyLines, y.FrontMatter.KeyLines);
    }
}
