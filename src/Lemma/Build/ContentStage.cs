using System.Collections.Concurrent;
using System.Collections.Immutable;
using Lemma.Content;
using Lemma.Diagnostics;
using Lemma.Markdown;
using Lemma.Model;
using Lemma.Sources;

namespace Lemma.Build;

public sealed record ContentResult(IReadOnlyDictionary<string, RenderedContent> Pages, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The first URL segments links may use, and each page's broken links against them, for the next build.</summary>
    internal LinkRules.Checked? Links { get; init; }
}

/// <summary>
/// The render-content stage: each page body to HTML, in parallel, by the first format that accepts it.
/// Also checks that root-relative links point into a known part of the site.
/// </summary>
public static class ContentStage
{
    /// <param name="previous">The last build's result: a page rendered to the same object keeps its link check
    /// while the site's sections, taxonomies and top-level pages are the same.</param>
    /// <param name="bodyEdited">Pages the model says changed only in their body since <paramref name="previous"/>:
    /// those alone are rendered again.</param>
    public static ContentResult Run(Site site, IReadOnlyList<IContentFormat> formats, BuildCache? cache = null, ContentResult? previous = null,
        ImmutableArray<Page> bodyEdited = default, LiquidResult? liquid = null, SourceSet? sources = null)
    {
        liquid ??= LiquidResult.None;
        var sourceLinks = new SourceLinks(site, sources);
        if (previous is { Links: { } } && cache is not null && !bodyEdited.IsDefaultOrEmpty
            && AfterBodyEdits(site, formats, cache, previous, bodyEdited, liquid, sourceLinks) is { } patched) return patched;
        var pages = site.Pages.AsEnumerable();
        if (site.HomeIndex is { } home) pages = pages.Append(home);
        pages = pages.Concat(site.Sections.Where(s => s.Index is not null).Select(s => s.Index!));
        var all = pages.ToArray();

        // Pages whose body the last build rendered are looked up first; only the rest are rendered, in parallel.
        var results = new RenderedContent?[all.Length];
        var toRender = new List<int>();
        var changed = new List<int>();
        for (var i = 0; i < all.Length; i++)
        {
            var same = false;
            if ((results[i] = cache?.Rendered(liquid.For(all[i].Source), out same)) is null) toRender.Add(i);
            if (!same) changed.Add(i);
        }
        var missing = new ConcurrentBag<Diagnostic>();
        // One worker per core: unbounded, Parallel.For keeps taking the threads the pool injects while workers
        // run long (over a hundred at 10k pages on 2 cores), and pays for them in memory and GC.
        Parallel.ForEach(toRender, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var page = all[i];
            var source = liquid.For(page.Source);
            var format = formats.FirstOrDefault(f => f.Accepts(source));
            if (format is null)
            {
                missing.Add(Diagnostic.Error(SourceSpan.File(page.Source.Path), $"no content format renders {page.Source.Format} files"));
                return;
            }
            try
            {
                results[i] = format.Render(source);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A page Lemma cannot render is a bug to fix (the fuzz tests look for these), but never a stack trace.
                missing.Add(Diagnostic.Error(SourceSpan.File(page.Source.Path),
                    $"internal error while rendering this page ({e.GetType().Name}: {e.Message}); please report it"));
            }
        });
        cache?.KeepRendered([.. all.Select(p => liquid.For(p.Source))], results, changed, all.Length - toRender.Count);

        var byPath = new Dictionary<string, RenderedContent>(all.Length, StringComparer.Ordinal);
        for (var i = 0; i < all.Length; i++)
            if (results[i] is { } rendered)
                byPath[all[i].Source.Path] = sourceLinks.Resolve(all[i], ShortcodeRefs.Resolve(site, all[i].Source.Path, all[i].Source.BodyLine, rendered));
        var links = LinkRules.Check(site, byPath.Values, previous?.Links);
        var sorted = Sorted(missing.Concat(byPath.Values.SelectMany(r => r.Diagnostics)).Concat(links.Diagnostics));
        return new ContentResult(byPath, sorted) { Links = links };
    }

    /// <summary>
    /// The stage after edits that changed only some pages' bodies: those are rendered and link-checked again, and every
    /// other page keeps the last build's rendering and diagnostics. Null (and the whole stage runs) when a page has
    /// no format that accepts it or the last build's diagnostics are not the ones its renderings made.
    /// </summary>
    private static ContentResult? AfterBodyEdits(Site site, IReadOnlyList<IContentFormat> formats, BuildCache cache, ContentResult previous, ImmutableArray<Page> edited,
        LiquidResult liquid, SourceLinks sourceLinks)
    {
        var results = new (PageSource Source, RenderedContent Content)[edited.Length];
        for (var i = 0; i < edited.Length; i++)
        {
            var source = liquid.For(edited[i].Source);
            if (!previous.Pages.ContainsKey(source.Path) || formats.FirstOrDefault(f => f.Accepts(source)) is not { } format) return null;
            results[i] = (source, cache.Rendered(source, out _) ?? format.Render(source));
        }

        var byPath = new Dictionary<string, RenderedContent>(previous.Pages, StringComparer.Ordinal);
        var links = previous.Links!;
        var byPage = new Dictionary<RenderedContent, ImmutableArray<Diagnostic>>(links.ByPage, ReferenceEqualityComparer.Instance);
        var diagnostics = previous.Diagnostics.ToList();
        var resolved = results.Select((r, i) => (r.Source, Content: sourceLinks.Resolve(edited[i], ShortcodeRefs.Resolve(site, r.Source.Path, r.Source.BodyLine, r.Content)))).ToArray();
        foreach (var (source, rendered) in resolved)
        {
            // The last rendering's diagnostics go, each once: others may be equal and must stay.
            var before = previous.Pages[source.Path];
            foreach (var gone in before.Diagnostics.Concat(links.ByPage.GetValueOrDefault(before, [])))
            {
                var at = diagnostics.FindIndex(d => ReferenceEquals(d, gone));
                if (at < 0) return null;
                diagnostics.RemoveAt(at);
            }
            byPage.Remove(before);
            byPath[source.Path] = rendered;
        }
        var checkedLinks = LinkRules.Recheck(links, byPage, resolved.Select(r => r.Content));
        foreach (var (_, rendered) in resolved) diagnostics.AddRange(rendered.Diagnostics.Concat(checkedLinks.ByPage[rendered]));
        cache.KeepEdited(results);
        return new ContentResult(byPath, Sorted(diagnostics)) { Links = checkedLinks };
    }

    private static ImmutableArray<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToImmutableArray();
}
