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
        var memo = (store ?? new BuildStore()).Begin(options);
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

        var siteConfig = Stage("config", () => memo.Get(SiteQueries.Config, one).Config);
        var sources = Stage("discover", () => memo.Get(SiteQueries.Sources, one));
        diagnostics.AddRange(memo.Get(SiteQueries.SetupDiagnostics, one));
        var loadProblems = new List<Diagnostic>();
        Stage("load", () => PerKey(memo, SiteQueries.Header, sources.ContentFiles, l => loadProblems.AddRange(l.Diagnostics)));
        // A problem of a Quarto _metadata.yml is every page's below it: reported once.
        diagnostics.AddRange(Sorted(loadProblems.Distinct()));
        var data = Stage("data", () => memo.Get(SiteQueries.Data, one));
        diagnostics.AddRange(data.Diagnostics);
        var model = Stage("model", () => memo.Get(SiteQueries.Model, one));
        diagnostics.AddRange(model.Diagnostics);
        var site = model.Site;
        diagnostics.AddRange(Stage("bibliography", () => memo.Get(SiteQueries.Bibliography, one)).Diagnostics);
        Stage("setup", () => memo.Get(SiteQueries.Formats, one));
        diagnostics.AddRange(Stage("liquid", () => memo.Get(SiteQueries.Liquid, one)).Diagnostics);

        var rendered = site.Pages.AsEnumerable();
        if (site.HomeIndex is { } home) rendered = rendered.Append(home);
        rendered = rendered.Concat(site.Sections.Where(s => s.Index is not null).Select(s => s.Index!));
        var paths = rendered.Select(p => p.Source.Path).ToArray();
        var content = new Dictionary<string, Markdown.RenderedContent>(paths.Length, StringComparer.Ordinal);
        var contentProblems = new List<Diagnostic>();
        Stage("render content", () => PerKey(memo, SiteQueries.Content, paths, (path, c) =>
        {
            if (c.Content is { } body) content[path] = body;
            contentProblems.AddRange(c.Diagnostics);
        }));
        diagnostics.AddRange(Sorted(contentProblems));
        diagnostics.AddRange(ContentFormats.BuildWarnings(content.Values));

        var templates = Stage("templates", () => memo.Get(SiteQueries.Templates, one));
        diagnostics.AddRange(templates.Diagnostics);
        diagnostics.AddRange(PageRenderer.MissingLayouts(site, templates.Engine));
        Stage("assets", () => memo.Get(SiteQueries.Assets, one));
        // A build that writes stages its pages on disk as they render instead of holding them all until emit;
        // the staging folder goes when the build does, emitted or not.
        using var staging = options.Emit ? OutputStaging.Beside(options.Output) : null;
        memo.Set(PageQueries.Staging, one, staging);
        Stage("render pages", () => PerKey(memo, PageQueries.Page, memo.Get(PageQueries.JobKeys, one), _ => { }));
        var pages = Stage("outputs", () => memo.Get(PageQueries.Outputs, one));
        diagnostics.AddRange(pages.Diagnostics);

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
        return new BuildResult(!failed, all, stats, timings.ToImmutable(), emitted, site, content, pages.Files);
    }

    /// <summary>Asks for <paramref name="query"/> at every key, in parallel, and hands each value on in key order.</summary>
    private static bool PerKey<TValue>(Incremental.QueryStore memo, Incremental.Query<string, TValue> query, IReadOnlyList<string> keys, Action<string, TValue> each)
    {
        var values = new TValue[keys.Count];
        // One worker per core: unbounded, Parallel.For keeps taking the threads the pool injects while workers run long
        // (over a hundred at 10k pages on 2 cores), and pays for them in memory and GC.
        Parallel.For(0, keys.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => values[i] = memo.Get(query, keys[i]));
        for (var i = 0; i < keys.Count; i++) each(keys[i], values[i]);
        return true;
    }

    private static bool PerKey<TValue>(Incremental.QueryStore memo, Incremental.Query<string, TValue> query, IReadOnlyList<string> keys, Action<TValue> each) =>
        PerKey(memo, query, keys, (_, v) => each(v));

    private static ImmutableArray<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToImmutableArray();
}
