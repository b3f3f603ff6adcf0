using System.Collections.Immutable;
using Lemma.Build;
using Lemma.Incremental;
using Lemma.Markdown;
using Lemma.Model;
using Lemma.Output;
using Lemma.Output.Views;

namespace Lemma.Images;

/// <summary>
/// Images as queries of the build's store, by site path ("/posts/a/figure.png"): an image's header reads its file, so
/// under `lemma serve` an edited image reaches the pages that show it and no other. Its smaller copies are made when a
/// page that shows it is resolved (in parallel, as pages are) by `lemma build`, and on first request under `serve`.
/// </summary>
public static class ImageQueries
{
    private const string One = "";

    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif", ".svg"];

    private static bool IsImage(string path) => Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The source file of every published image, by site path.</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, string>> Sources = new("image sources", (q, _) =>
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        // Published files, not pages: a post that comes or goes leaves them. The images picked out first, and only they sorted.
        foreach (var (source, site) in q.Get(SiteQueries.PublishedFiles, One).Where(p => IsImage(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
            map.TryAdd(site, source);
        return map;
    }, Equalities.Map<string>());

    /// <summary>One image's source file: the same after most edits, so an image's readers do not look again.</summary>
    private static readonly Query<string, string?> Source = new MapEntries<string, string>("image source", Sources).Entry;

    /// <summary>An image's header (size and format, or its problem); null for a site path that is no published image.</summary>
    public static readonly Query<string, ImageHeader?> Header = new("image header", (q, sitePath) =>
    {
        if (q.Get(Source, sitePath) is not { } source) return null;
        q.Get(BuildInputs.File, source);
        var root = q.Get(BuildInputs.Options, One)!.Source;
        // Discovery reports a link out of the site; whatever it is, nothing outside the site is read, and a FIFO or an
        // empty file is never opened (reading one would block or find nothing).
        if (FileTree.RealPath(Path.Combine(root, source)) is not { } real || !FileTree.IsInside(FileTree.RealPath(root) ?? root, real)) return null;
        var file = new FileInfo(real);
        if (!file.Exists) return null;
        if (file.Length == 0) return ImageHeader.Unusable("it is empty; it is published as it is");
        return ImageHeader.Read(real);
    });

    /// <summary>True when copies are made as pages are resolved: a build that writes its output (not `serve`, not `check`).</summary>
    private static bool MakesCopies(BuildOptions options) => options.Emit && !options.Preview;

    private static string CacheDirectory(BuildOptions options) => Path.Combine(options.Source, ".lemma", "cache", "images");

    /// <summary>An image's copies, made (or found in the cache); it reads the file itself, so an edit that keeps the size
    /// still makes new copies.</summary>
    public static readonly Query<string, ProcessedImage> Processed = new("image copies", (q, sitePath) =>
    {
        if (q.Get(Header, sitePath) is not { } header || q.Get(Source, sitePath) is not { } source) return new([], null);
        q.Get(BuildInputs.File, source);
        var options = q.Get(BuildInputs.Options, One)!;
        return ImageVariants.Make(Path.Combine(options.Source, source), ImageVariants.Plan(sitePath, header), CacheDirectory(options));
    });

    /// <summary>What a page's image markup needs to know of the image at <paramref name="sitePath"/>.</summary>
    private static ImageFacts? Facts(QueryContext q, string sitePath)
    {
        if (q.Get(Header, sitePath) is not { } header) return null;
        var planned = ImageVariants.Plan(sitePath, header);
        if (planned.IsEmpty || !MakesCopies(q.Get(BuildInputs.Options, One)!)) return new(header, planned);
        var made = q.Get(Processed, sitePath);
        return made.Problem is { } problem ? new(header, [], problem) : new(header, planned);
    }

    /// <summary>
    /// A page's body with its images' sizes, loading hints and copies (<see cref="ImageMarkup"/>), and the images whose
    /// copies it names; the cover's problem, if any, is a warning at its front matter line. Called by the
    /// <c>content</c> query on a page that has an image or a cover.
    /// </summary>
    public static ImageMarkup.Result Apply(QueryContext q, Page page, RenderedContent resolved, string basePath)
    {
        var cover = page.Source.FrontMatter.Cover;
        var result = resolved.Utf8.Bytes.IndexOf("<img"u8) < 0 ? new ImageMarkup.Result(resolved, [])
            : ImageMarkup.Rewrite(resolved, page.Source.Path, page.Source.BodyLine, firstIsAboveTheFold: cover is not { Hidden: false },
                src => SitePathOf(src, page.Url, basePath),
                path => Resource(resolved, page.Url, path) is { } bytes ? new ImageFacts(ImageHeader.Read(bytes), []) : Facts(q, path));
        if (cover is null || CoverPath(page) is not { } coverPath || Facts(q, coverPath) is not { } facts || (facts.Problem ?? facts.Header.Problem) is not { } problem)
            return result;
        var line = page.Source.FrontMatter.KeyLines.TryGetValue("cover", out var l) ? l : page.Source.FrontMatter.KeyLines.GetValueOrDefault("image", 1);
        var warning = Diagnostics.Diagnostic.Warning(new(page.Source.Path, line, 1), $"cover image '{cover.Image}': {problem}");
        return result with { Content = result.Content with { Diagnostics = [.. result.Content.Diagnostics, warning] } };
    }

    /// <summary>The bytes of a file the page's body made (a notebook's output) at <paramref name="sitePath"/>.</summary>
    private static byte[]? Resource(RenderedContent content, string pageUrl, string sitePath)
    {
        if (content.Resources.IsEmpty || !sitePath.StartsWith(pageUrl, StringComparison.Ordinal)) return null;
        var name = sitePath[pageUrl.Length..];
        foreach (var resource in content.Resources) if (resource.Name == name) return IsImage(name) ? resource.Bytes : null;
        return null;
    }

    /// <summary>The site path of a local image URL written on the page; null for data:, another host or a protocol-relative URL.</summary>
    private static string? SitePathOf(string src, string pageUrl, string basePath)
    {
        if (src.Length == 0 || src.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || src.Contains("://", StringComparison.Ordinal) || src.StartsWith("//", StringComparison.Ordinal))
            return null;
        try { return DarkImages.SitePath(src, pageUrl, basePath); }
        catch (UriFormatException) { return null; }
    }

    /// <summary>The site path of a page's cover image, when it is on the site.</summary>
    private static string? CoverPath(Page page) =>
        page.Source.FrontMatter.Cover is { } cover ? SitePathOf(cover.Image, page.Url, "") : null;

    /// <summary>A cover as the theme shows it: with its size, and a srcset per format when it has copies.</summary>
    public static CoverView WithSize(QueryContext q, Page page, CoverView cover)
    {
        if (CoverPath(page) is not { } path || Facts(q, path) is not { Header.Problem: null } facts) return cover;
        var sized = cover with { Width = facts.Header.Width, Height = facts.Header.Height };
        if (facts.Problem is not null || facts.Variants.IsEmpty) return sized;
        return sized with
        {
            Avif = ImageMarkup.SrcsetOf(cover.Url, facts.Variants, "avif"),
            Webp = ImageMarkup.SrcsetOf(cover.Url, facts.Variants, "webp"),
            Sizes = ImageVariants.Sizes,
        };
    }

    // The aggregate below takes the pages in runs of this many: an edit collects again its own run, not every page.
    private const int RunSize = 256;

    /// <summary>The images with copies that a run of pages shows (in their bodies or as covers), sorted.</summary>
    private static readonly Query<int, ImmutableArray<string>> UsedRun = new("images used run", (q, run) =>
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in q.Get(SiteQueries.RenderedPaths, One).Skip(run * RunSize).Take(RunSize))
        {
            used.UnionWith(q.Get(SiteQueries.Content, path).Images);
            if (q.Get(SiteQueries.Page, path) is { } page && CoverPath(page) is { } cover && q.Get(Header, cover) is { Resizable: true }) used.Add(cover);
        }
        return [.. used];
    }, Equalities.Sequence<string>());

    /// <summary>Every image with copies that a page shows, sorted.</summary>
    private static readonly Query<string, ImmutableArray<string>> Used = new("images used", (q, _) =>
    {
        var runs = Enumerable.Range(0, (q.Get(SiteQueries.RenderedPaths, One).Length + RunSize - 1) / RunSize).ToArray();
        return [.. q.GetEach(UsedRun, runs).SelectMany(r => r).Distinct().Order(StringComparer.Ordinal)];
    }, Equalities.Sequence<string>());

    /// <summary>The copies of every image a page shows, as output files copied from the cache, sorted by path; none under
    /// `serve`, which makes each on first request (<see cref="Copy"/>).</summary>
    public static readonly Query<string, ImmutableArray<OutputFile>> Files = new("image files", (q, _) =>
    {
        if (!MakesCopies(q.Get(BuildInputs.Options, One)!)) return [];
        var used = q.Get(Used, One);
        if (used.IsEmpty) return [];
        return [.. q.GetEach(Processed, used).SelectMany(p => p.Files)
            .Select(f => OutputFile.Copy(f.Variant.SitePath.TrimStart('/'), f.CacheFile)).OrderBy(f => f.Path, StringComparer.Ordinal)];
    }, EqualityComparer<ImmutableArray<OutputFile>>.Create((a, b) => a.SequenceEqual(b), a => a.Length));

    /// <summary>Which image each copy's site path is a copy of, for `serve`.</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, string>> Originals = new("image copy originals", (q, _) =>
    {
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var image in q.Get(Used, One))
            if (q.Get(Header, image) is { } header)
                foreach (var variant in ImageVariants.Plan(image, header)) originals[variant.SitePath] = image;
        return originals;
    }, Equalities.Map<string>());

    /// <summary>
    /// The file that holds the copy at a site path ("/posts/a/figure.800w.webp"), made on first request; null for a path
    /// that is no copy. A copy that cannot be made is the original's file: the browser reads the image by its bytes.
    /// </summary>
    public static readonly Query<string, string?> Copy = new("image copy", (q, sitePath) =>
    {
        if (!q.Get(Originals, One).TryGetValue(sitePath, out var image) || q.Get(Header, image) is not { } header || q.Get(Source, image) is not { } source) return null;
        q.Get(BuildInputs.File, source);
        var options = q.Get(BuildInputs.Options, One)!;
        var made = ImageVariants.Make(Path.Combine(options.Source, source), ImageVariants.Plan(image, header), CacheDirectory(options));
        return made.Files.FirstOrDefault(f => f.Variant.SitePath == sitePath).CacheFile ?? Path.Combine(options.Source, source);
    });
}
