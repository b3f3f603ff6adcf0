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
    Lazy<Site> Model,
    Lazy<IReadOnlyDictionary<string, Markdown.RenderedContent>> Bodies,
    ImmutableArray<OutputFile> Files)
{
    /// <summary>The site as built: made when first read (the checks read it, `serve` does not).</summary>
    public Site Site => Model.Value;

    /// <summary>Every rendered body by source path, made into one map when first read.</summary>
    public IReadOnlyDictionary<string, Markdown.RenderedContent> Content => Bodies.Value;
}

/// <summary>
/// One build: discover -> load -> model -> render content -> render pages -> emit, timed stage by stage. Each stage is
/// asked of the store's queries (<see cref="SiteQueries"/>, <see cref="PageQueries"/>), which reuse what the files
/// reported changed do not reach; without a store every query is computed. Output is written only when no stage
/// reported an error (or, with --strict, a warning). Pages are staged on disk beside the output while they render,
/// and moved into it by emit.
/// </summary>
public static class SiteBuilder
{
    /// <param name="store">Lent by a long-running caller (`lemma serve`), which tells it what changed between builds.</param>
    public static BuildResult Run(BuildOptions options, IProgress<string>? progress = null, BuildStore? store = null)
    {
        var memo = (store ?? new BuildStore { OneBuild = true }).Begin(options);
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
        const string one = "";

        // What the changed files reach is brought up to date first; the stages below then take the rest as it is.
        Stage("changes", () => { memo.Propagate(); return true; });

        // What reads nothing of the content is made on another core meanwhile; the stages below wait for it.
        var early = FixedCostsAhead(memo);
        try
        {
            var siteConfig = Stage("config", () => memo.Get(SiteQueries.Config, one).Config);
            var sources = Stage("discover", () => memo.Get(SiteQueries.Sources, one));
            diagnostics.AddRange(memo.Get(SiteQueries.SetupDiagnostics, one));
            diagnostics.AddRange(Stage("load", () =>
            {
                SiteQueries.LoadAhead(memo);
                return memo.Get(SiteQueries.LoadDiagnostics, one);
            }));
            var data = Stage("data", () => memo.Get(SiteQueries.Data, one));
            diagnostics.AddRange(data.Diagnostics);
            var layout = Stage("model", () =>
            {
                SiteQueries.PlaceAhead(memo);
                return memo.Get(SiteQueries.Layout, one);
            });
            diagnostics.AddRange(layout.Diagnostics);
            diagnostics.AddRange(memo.Get(SiteQueries.UrlConflicts, one));
            diagnostics.AddRange(Stage("bibliography", () => memo.Get(SiteQueries.Bibliography, one)).Diagnostics);
            Stage("setup", () => memo.Get(SiteQueries.Formats, one));
            diagnostics.AddRange(Stage("liquid", () => memo.Get(SiteQueries.Liquid, one)).Diagnostics);

            diagnostics.AddRange(Stage("render content", () =>
            {
                SiteQueries.RenderContentAhead(memo);
                return memo.Get(SiteQueries.ContentDiagnostics, one);
            }));
            // Only the model and the content read the sources' text, and both are done: held on to, it would be 300 MB at
            // 10,000 posts for as long as `lemma serve` runs. A page whose content is made again reads its file again.
            memo.Drop(SiteQueries.Load);

            var templates = Stage("templates", () => memo.Get(SiteQueries.Templates, one));
            diagnostics.AddRange(templates.Diagnostics);
            diagnostics.AddRange(PageRenderer.MissingLayouts(layout.Site, templates.Engine));
            Stage("assets", () => memo.Get(SiteQueries.Assets, one));
            // A build that writes stages its pages on disk as they render instead of holding them all until emit;
            // the staging folder goes when the build does, emitted or not.
            using var staging = options.Emit ? OutputStaging.Beside(options.Output) : null;
            memo.Set(PageQueries.Staging, one, staging);
            var pages = Stage("render pages", () =>
            {
                if (!options.DeferPages) PageQueries.RenderPagesAhead(memo);
                return memo.Get(PageQueries.Outputs, one);
            });
            diagnostics.AddRange(pages.Diagnostics);

            var all = diagnostics.ToImmutable();
            var errorCount = all.Count(d => d.IsError);
            var warnings = all.Length - errorCount;
            var failed = errorCount > 0 || (options.Strict && warnings > 0);
            var emitted = failed || !options.Emit ? null : Stage("emit", () => OutputWriter.Emit(pages.Files, options.Output, staging));
            var stats = new BuildStats(
                Pages: pages.Files.Count(f => f.Path.EndsWith(".html", StringComparison.Ordinal)),
                Posts: layout.Site.Posts.Length,
                Files: pages.Files.Length,
                Errors: errorCount,
                Warnings: warnings);
            // The whole site and every body are asked of the store only when read (by the checks, right after the build):
            // `serve`, which reads neither, does not put them together again after each edit.
            return new BuildResult(!failed, all, stats, timings.ToImmutable(), emitted,
                new Lazy<Site>(() => memo.Get(SiteQueries.Model, one).Value),
                new Lazy<IReadOnlyDictionary<string, Markdown.RenderedContent>>(() => memo.Get(SiteQueries.AllContent, one).Value), pages.Files);
        }
        finally
        {
            // The store is not left in use when the build returns, a failed one included. The task's own failure, if
            // any, was met again by the stage that asked for the same value.
            Task.WhenAny(early).Wait();
        }
    }

    /// <summary>
    /// The Liquid parser, the content formats (with the bibliography they cite from), the templates and the theme's
    /// assets, in the order the stages ask for them: they read nothing of the content, so made on another core while
    /// this one reads the config and loads and places the content, they cost a small site's build little time of its
    /// own. The store makes each value once, on whichever thread asks first; those that read the config wait for it.
    /// A thread of its own: on a pool thread it would take the worker the parallel stages count on.
    /// </summary>
    private static Task FixedCostsAhead(Incremental.QueryStore memo) => Task.Factory.StartNew(() =>
    {
        const string one = "";
        TemplateEngine.Prepare();
        memo.Get(SiteQueries.Formats, one);
        memo.Get(SiteQueries.Templates, one);
        memo.Get(SiteQueries.Assets, one);
    }, TaskCreationOptions.LongRunning);
}
