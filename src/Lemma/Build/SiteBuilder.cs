using System.Collections.Immutable;
using System.Diagnostics;
using Lemma.Bibliography;
using Lemma.Configuration;
using Lemma.Content;
using Lemma.Data;
using Lemma.Diagnostics;
using Lemma.Model;
using Lemma.Output;
using Lemma.Output.Views;
using Lemma.Sources;
using Lemma.Templates;

namespace Lemma.Build;

public sealed record StageTiming(string Stage, TimeSpan Elapsed);

public sealed record BuildStats(int Pages, int Posts, int Files, int Errors, int Warnings);

/// <summary>What a build did. <see cref="Succeeded"/> is false when errors (or, with --strict, warnings) stopped the emit.</summary>
public sealed record BuildResult(
    bool Succeeded,
    ImmutableArray<Diagnostic> Diagnostics,
    BuildStats Stats,
    ImmutableArray<StageTiming> Timings,
    EmitResult? Emitted,
    Site Site,
    IReadOnlyDictionary<string, Markdown.RenderedContent> Content,
    ImmutableArray<OutputFile> Files);

/// <summary>
/// One build: discover -> load -> model -> render content -> render pages -> emit, timed stage by stage.
/// Output is written only when no stage reported an error (or, with --strict, a warning). Pages are staged on disk
/// beside the output while they render, and moved into it by emit.
/// </summary>
public static class SiteBuilder
{
    /// <param name="cache">Lent by a long-running caller (`lemma serve`), which tells it what changed between builds,
    /// so a rebuild redoes only the work those changes reach.</param>
    public static BuildResult Run(BuildOptions options, IProgress<string>? progress = null, BuildCache? cache = null)
    {
        var changes = cache?.TakeChanges() ?? SourceChanges.Unknown;
        try
        {
            return Run(options, progress, cache, changes);
        }
        catch
        {
            cache?.Requeue(changes);
            throw;
        }
    }

    private static BuildResult Run(BuildOptions options, IProgress<string>? progress, BuildCache? cache, SourceChanges changes)
    {
        var timings = ImmutableArray.CreateBuilder<StageTiming>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var clock = Stopwatch.StartNew();
        T Stage<T>(string name, Func<T> run)
        {
            progress?.Report(name);
            var start = clock.Elapsed;
            var result = run();
            timings.Add(new StageTiming(name, clock.Elapsed - start));
            return result;
        }

        var root = options.Source;
        var last = changes.IsUnknown ? null : cache?.Last;
        var config = Stage("config", () => last is not null && !changes.TouchesAny(ConfigLoader.FileNames) ? last.Config : ConfigLoader.Load(root));
        diagnostics.AddRange(config.Diagnostics);
        var siteConfig = last is not null && ReferenceEquals(last.Config, config) && last.SiteConfig.BaseUrl == BaseUrl(config.Config, options)
            ? last.SiteConfig
            : config.Config with { BaseUrl = BaseUrl(config.Config, options) };
        // Everything below was read with the config: a new one starts afresh.
        if (last is not null && !ReferenceEquals(last.SiteConfig, siteConfig)) last = null;

        var sources = Stage("discover", () => last is not null && StillDiscovered(last.Sources, changes) ? last.Sources : SourceDiscovery.Discover(root, siteConfig));
        diagnostics.AddRange(sources.Diagnostics);
        var loaded = Stage("load", () => ContentLoader.Load(sources, siteConfig, last?.Loaded, changes));
        diagnostics.AddRange(loaded.Diagnostics);
        var data = Stage("data", () => last is not null && Unchanged(last.Sources.DataFiles, sources.DataFiles, changes)
            ? last.Data : DataLoader.Load(root, sources.DataFiles));
        diagnostics.AddRange(data.Diagnostics);

        var model = Stage("model", () =>
            (last is not null && ReferenceEquals(sources, last.Sources) && ReferenceEquals(data, last.Data) && options.Future
                && BodyEdits(last.Loaded, loaded, changes) is { } edits ? SiteModeler.WithNewBodies(last.Model, edits, options) : null)
            ?? SiteModeler.Run(siteConfig, loaded.Pages, data.Data, options, last?.Model.Site));
        diagnostics.AddRange(model.Diagnostics);
        var site = model.Site;

        var bibliography = Stage("bibliography", () => last is not null && Unchanged(last.Sources.BibliographyFiles, sources.BibliographyFiles, changes)
            ? last.Bibliography : BibLibrary.Load(root, sources.BibliographyFiles, sources.ScholarFiles));
        diagnostics.AddRange(bibliography.Diagnostics);
        diagnostics.AddRange(ContentFormats.ConfigWarnings(siteConfig, sources.ConfigFile));
        var formats = Stage("setup", () => cache is null
            ? ContentFormats.Create(siteConfig, root, bibliography.Library)
            : cache.Formats(siteConfig, bibliography.Library, () => ContentFormats.Create(siteConfig, root, bibliography.Library)));
        var liquid = Stage("liquid", () => LiquidStage.Run(site, sources, options.Clock.GetUtcNow(), bibliography.Library));
        diagnostics.AddRange(liquid.Diagnostics);
        var content = Stage("render content", () => ContentStage.Run(site, formats, cache, last?.Content, model.BodyEdited, liquid, sources));
        diagnostics.AddRange(content.Diagnostics);
        diagnostics.AddRange(ContentFormats.BuildWarnings(content.Pages.Values));

        var urls = new SiteUrls(siteConfig.BaseUrl);
        var templates = Stage("templates", () =>
        {
            if (last is not null && last.Templates.Urls == urls && Unchanged(last.Sources.LayoutFiles, sources.LayoutFiles, changes)) return last.Templates;
            var (engine, errors) = TemplateEngine.Create(TemplateFiles.Load(root, sources.LayoutFiles), o => TemplateSetup.Configure(o, urls));
            return (Engine: engine, Diagnostics: errors, Urls: urls);
        });
        diagnostics.AddRange(templates.Diagnostics);
        diagnostics.AddRange(PageRenderer.MissingLayouts(site, templates.Engine));

        var assets = Stage("assets", () => last?.Pages is { } lastPages && Unchanged(last.Sources.AssetFiles, sources.AssetFiles, changes)
            ? lastPages.Assets : ThemeAssets.Collect(urls, root, sources.IsJekyll ? [] : sources.AssetFiles));
        var layout = new SourceLayout(root, sources.StaticFiles, sources.BundleResources) { SiteFiles = sources.SiteFiles };
        // A build that writes stages its pages on disk as they render instead of holding them all until emit;
        // the staging folder goes when the build does, emitted or not.
        using var staging = options.Emit ? OutputStaging.Beside(options.Output) : null;
        var pages = Stage("render pages", () => PageRenderer.Run(site, content.Pages, templates.Engine, assets, layout, options, last?.Pages, staging, model.BodyEdited));
        diagnostics.AddRange(pages.Diagnostics);
        if (cache is not null) cache.Last = new BuildState(config, siteConfig, sources, loaded, data, model, bibliography, content, templates, pages.Rendered);

        var all = diagnostics.ToImmutable();
        var errorCount = all.Count(d => d.IsError);
        var warnings = all.Length - errorCount;
        var failed = errorCount > 0 || (options.Strict && warnings > 0);
        var emitted = failed || !options.Emit ? null : Stage("emit", () => OutputWriter.Emit(pages.Files, options.Output));
        var stats = new BuildStats(
            Pages: pages.Files.Count(f => f.Path.EndsWith(".html", StringComparison.Ordinal)),
            Posts: site.Posts.Count(),
            Files: pages.Files.Length,
            Errors: errorCount,
            Warnings: warnings);
        return new BuildResult(!failed, all, stats, timings.ToImmutable(), emitted, site, content.Pages, pages.Files);
    }

    private static string BaseUrl(SiteConfig config, BuildOptions options) =>
        options.BaseUrl is { Length: > 0 } baseUrl ? (baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/") : config.BaseUrl;

    /// <summary>
    /// True when every changed path is a file the last discovery listed and that still exists, reached through no link:
    /// the set of files is the same. A file that became a link is discovered again, and its link checked.
    /// </summary>
    private static bool StillDiscovered(SourceSet last, SourceChanges changes)
    {
        var realRoot = changes.Paths.Count == 0 ? null : FileTree.RealPath(last.Root);
        foreach (var path in changes.Paths)
        {
            var listed = Listed(last.ContentFiles, path) || Listed(last.BundleResources, path) || Listed(last.DataFiles, path)
                || Listed(last.LayoutFiles, path) || Listed(last.StaticFiles, path) || Listed(last.BibliographyFiles, path) || Listed(last.AssetFiles, path)
                || Listed(last.IncludeFiles, path) || Listed(last.SiteFiles, path)
                || path == last.ConfigFile;
            var full = Path.Combine(last.Root, path);
            if (!listed || !File.Exists(full) || realRoot is null || FileTree.RealPath(full) != Path.Combine(realRoot, path)) return false;
        }
        return true;
    }

    /// <summary>
    /// The content files that changed only in their body (same place, same front matter, no problems before or after),
    /// with their last and new sources; null when any changed content file did more than that.
    /// </summary>
    private static List<(PageSource Old, PageSource New)>? BodyEdits(LoadResult last, LoadResult now, SourceChanges changes)
    {
        var edits = new List<(PageSource, PageSource)>();
        var frontMatter = ViewEquality.Full();
        foreach (var path in changes.Paths)
        {
            if (!now.Files.TryGetValue(path, out var after)) continue; // not content: the model does not read it
            if (!last.Files.TryGetValue(path, out var before) || before.Page is not { } old || after.Page is not { } @new
                || before.Diagnostics.Count > 0 || after.Diagnostics.Count > 0) return null;
            var samePlace = old.Path == @new.Path && old.Section == @new.Section && old.Format == @new.Format && old.FileSlug == @new.FileSlug
                && old.BundleDir == @new.BundleDir && old.IsSectionIndex == @new.IsSectionIndex && old.FileDate == @new.FileDate && old.BodyLine == @new.BodyLine;
            // Every typed field is read from the raw front matter (and the config, which is the same).
            if (!samePlace || !frontMatter.Same(old.FrontMatter.Raw, @new.FrontMatter.Raw) || !frontMatter.Same(old.FrontMatter.KeyLines, @new.FrontMatter.KeyLines))
                return null;
            edits.Add((old, @new));
        }
        return edits;
    }

    private static bool Listed(ImmutableArray<string> sortedPaths, string path) => sortedPaths.BinarySearch(path, StringComparer.Ordinal) >= 0;

    private static bool Unchanged(ImmutableArray<string> before, ImmutableArray<string> now, SourceChanges changes) =>
        before.SequenceEqual(now) && !changes.TouchesAny(now);
}
