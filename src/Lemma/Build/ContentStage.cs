using System.Collections.Concurrent;
using System.Collections.Immutable;
using Lemma.Diagnostics;
using Lemma.Markdown;
using Lemma.Model;

namespace Lemma.Build;

public sealed record ContentResult(ImmutableDictionary<string, RenderedContent> Pages, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// The render-content stage: each page body to HTML, in parallel, by the first format that accepts it.
/// Also checks that root-relative links point into a known part of the site.
/// </summary>
public static class ContentStage
{
    public static ContentResult Run(Site site, IReadOnlyList<IContentFormat> formats, BuildCache? cache = null)
    {
        Action finish = () => { };
        var render = cache?.Renderer(out finish) ?? ((page, run) => run());
        var pages = site.Pages.AsEnumerable();
        if (site.HomeIndex is { } home) pages = pages.Append(home);
        pages = pages.Concat(site.Sections.Where(s => s.Index is not null).Select(s => s.Index!));

        var results = new ConcurrentDictionary<string, RenderedContent>(StringComparer.Ordinal);
        var diagnostics = new ConcurrentBag<Diagnostic>();
        // One worker per core: unbounded, Parallel.ForEach keeps taking the threads the pool injects while workers
        // run long (over a hundred at 10k pages on 2 cores), and pays for them in memory and GC.
        Parallel.ForEach(pages, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, page =>
        {
            var format = formats.FirstOrDefault(f => f.Accepts(page.Source));
            if (format is null)
            {
                diagnostics.Add(Diagnostic.Error(SourceSpan.File(page.Source.Path), $"no content format renders {page.Source.Format} files"));
                return;
            }
            var rendered = render(page.Source, () => format.Render(page.Source));
            results[page.Source.Path] = rendered;
            foreach (var d in rendered.Diagnostics) diagnostics.Add(d);
        });

        finish();
        var sorted = diagnostics.Concat(LinkRules.UnknownSections(site, results))
            .OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToImmutableArray();
        return new ContentResult(results.ToImmutableDictionary(StringComparer.Ordinal), sorted);
    }
}
