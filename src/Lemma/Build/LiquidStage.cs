using System.Collections.Concurrent;
using System.Collections.Immutable;
using Lemma.Content;
using Lemma.Content.Jekyll;
using Lemma.Diagnostics;
using Lemma.Model;
using Lemma.Sources;

namespace Lemma.Build;

/// <summary>The bodies Liquid rewrote (by source path), and its warnings.</summary>
public sealed record LiquidResult(ImmutableDictionary<string, PageSource> Bodies, ImmutableArray<Diagnostic> Diagnostics)
{
    public static readonly LiquidResult None = new(ImmutableDictionary<string, PageSource>.Empty, []);

    /// <summary>The source to render for <paramref name="page"/>: its expanded body, else its own.</summary>
    public PageSource For(PageSource page) => Bodies.GetValueOrDefault(page.Path) ?? page;
}

/// <summary>
/// The Liquid stage of a Jekyll site (one with _config.yml): each Markdown page body with front matter has its Liquid run
/// before Markdown reads it, as Jekyll does, with the modelled site (<c>site.posts</c>, URLs) to read. Other sites skip it,
/// so Hugo's <c>{{&lt; shortcodes &gt;}}</c> never meet Liquid.
/// </summary>
public static class LiquidStage
{
    // Frozen once built: parses and expands from any thread.
    private static readonly JekyllLiquid Liquid = new();

    /// <param name="bibliography">The entries <c>{% cite %}</c> may name, on a site with jekyll-scholar's bibliography.</param>
    /// <summary>The site's jekyll-scholar entries: every key, and each file's keys for <c>{% bibliography %}</c>.</summary>
    private static JekyllSite WithBibliography(JekyllSite jekyll, SourceSet sources, Configuration.SiteConfig config, Bibliography.BibLibrary bibliography)
    {
        var scholar = bibliography.Files.Where(f => sources.ScholarFiles.Contains(f.Path)).ToList();
        var byFile = scholar.GroupBy(f => Path.GetFileNameWithoutExtension(f.Path), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(f => f.Entries).Select(e => e.Key).Distinct(StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
        var named = (config.Params.GetValueOrDefault("scholar") as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("bibliography") as string;
        var main = named is not null && byFile.TryGetValue(Path.GetFileNameWithoutExtension(named), out var keys)
            ? keys : [.. scholar.SelectMany(f => f.Entries).Select(e => e.Key).Distinct(StringComparer.Ordinal)];
        byFile[""] = main;
        return jekyll with
        {
            CitationKeys = [.. bibliography.Files.SelectMany(f => f.Entries).Select(e => e.Key)],
            BibliographyKeys = byFile.ToImmutableDictionary(StringComparer.Ordinal),
        };
    }

    public static LiquidResult Run(Site site, SourceSet sources, DateTimeOffset now, Bibliography.BibLibrary? bibliography = null)
    {
        if (!sources.IsJekyll) return LiquidResult.None;
        var all = site.Pages.AsEnumerable().Concat(site.Sections.Select(s => s.Index).OfType<Page>());
        if (site.HomeIndex is { } home) all = all.Append(home);
        // Jekyll runs Liquid only in files with front matter: a body that starts the file had none.
        var pages = all.Where(p => p.Source.Format is ContentFormat.Markdown or ContentFormat.Html && p.Source.BodyLine > 1 && JekyllLiquid.Runs(p.Source.Body, p.FrontMatter.Raw)).ToArray();
        if (pages.Length == 0) return LiquidResult.None;

        var jekyll = JekyllValues.Site(site, sources, now);
        if (jekyll.Scholar && bibliography is not null) jekyll = WithBibliography(jekyll, sources, site.Config, bibliography);
        var bodies = new ConcurrentDictionary<string, PageSource>(StringComparer.Ordinal);
        var diagnostics = new ConcurrentBag<Diagnostic>();
        Parallel.ForEach(pages, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, page =>
        {
            var source = page.Source;
            var expanded = Liquid.Expand(jekyll, new JekyllPage(source.Path, source.Body, source.BodyLine, JekyllValues.Page(page)));
            foreach (var d in expanded.Diagnostics) diagnostics.Add(d);
            if (!expanded.Lines.IsDefaultOrEmpty) bodies[source.Path] = source with { Body = expanded.Body, BodyLines = expanded.Lines };
        });
        return new LiquidResult(bodies.ToImmutableDictionary(StringComparer.Ordinal),
            [.. diagnostics.OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column)]);
    }
}
