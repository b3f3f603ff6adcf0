using System.Collections.Immutable;
using System.Diagnostics;
using Lemma.Configuration;
using Lemma.Content;
using Lemma.Data;
using Lemma.Diagnostics;
using Lemma.Model;
using Lemma.Output;
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
    ImmutableDictionary<string, Markdown.RenderedContent> Content,
    ImmutableArray<OutputFile> Files);

/// <summary>
/// One build: discover -> load -> model -> render content -> render pages -> emit, timed stage by stage.
/// Output is written only when no stage reported an error (or, with --strict, a warning).
/// </summary>
public static class SiteBuilder
{
    /// <param name="cache">Lent by a long-running caller (`lemma serve`) so unchanged pages are not rendered again.</param>
    public static BuildResult Run(BuildOptions options, IProgress<string>? progress = null, BuildCache? cache = null)
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
        var config = Stage("config", () => ConfigLoader.Load(root));
        diagnostics.AddRange(config.Diagnostics);
        var siteConfig = options.BaseUrl is { Length: > 0 } baseUrl
            ? config.Config with { BaseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/" }
            : config.Config;

        var sources = Stage("discover", () => SourceDiscovery.Discover(root, siteConfig));
        var loaded = Stage("load", () => ContentLoader.Load(sources, siteConfig));
        diagnostics.AddRange(loaded.Diagnostics);
        var data = Stage("data", () => DataLoader.Load(root, sources.DataFiles));
        diagnostics.AddRange(data.Diagnostics);

        var model = Stage("model", () => SiteModeler.Run(siteConfig, loaded.Pages, data.Data, options));
        diagnostics.AddRange(model.Diagnostics);
        var site = model.Site;

        var formats = Stage("setup", () => cache is null
            ? ContentFormats.Create(siteConfig, root)
            : cache.Formats(siteConfig, root, () => ContentFormats.Create(siteConfig, root)));
        var content = Stage("render content", () => ContentStage.Run(site, formats, cache));
        diagnostics.AddRange(content.Diagnostics);
        diagnostics.AddRange(ContentFormats.BuildWarnings(content.Pages.Values));

        var urls = new SiteUrls(siteConfig.BaseUrl);
        var (templates, templateErrors) = Stage("templates", () =>
            TemplateEngine.Create(TemplateFiles.Load(root, sources.LayoutFiles), o => TemplateSetup.Configure(o, urls)));
        diagnostics.AddRange(templateErrors);

        var layout = new SourceLayout(root, sources.StaticFiles, sources.BundleResources);
        var pages = Stage("render pages", () => PageRenderer.Run(site, content.Pages, templates, layout, options));
        diagnostics.AddRange(pages.Diagnostics);

        var all = diagnostics.ToImmutable();
        var errors = all.Count(d => d.IsError);
        var warnings = all.Length - errors;
        var failed = errors > 0 || (options.Strict && warnings > 0);
        var emitted = failed || !options.Emit ? null : Stage("emit", () => OutputWriter.Emit(pages.Files, options.Output));
        var stats = new BuildStats(
            Pages: pages.Files.Count(f => f.Path.EndsWith(".html", StringComparison.Ordinal)),
            Posts: site.Posts.Count(),
            Files: pages.Files.Length,
            Errors: errors,
            Warnings: warnings);
        return new BuildResult(!failed, all, stats, timings.ToImmutable(), emitted, site, content.Pages, pages.Files);
    }
}
