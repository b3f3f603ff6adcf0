using Lemma.Model;
using Lemma.Output.Views;

namespace Lemma.Output;

/// <summary>
/// What the plan of pages reads of the model (<see cref="PageRenderer.Plan"/>): which lists hold which pages (by source
/// path), the archive's years and the redirects; each page's own place is its <see cref="PageShape"/>, made page by
/// page. Its lists compare item by item, so a model made again after an edit that moves nothing (a title, a summary, a
/// body) gives an equal shape, and the plan and every job stay as they were.
/// </summary>
public sealed record PlanShape(
    ViewList<PlanShape.SectionShape> Sections,
    ViewList<PlanShape.TaxonomyShape> Taxonomies,
    ViewList<PlanShape.YearShape> Archive,
    ViewList<PlanShape.Redirect> Redirects,
    string? HomeIndex,
    ViewList<PlanShape.SeriesShape> Series)
{
    /// <param name="Layout">The page's own <c>layout</c>, if any.</param>
    /// <param name="SitemapDate">Its last change as the sitemap shows it.</param>
    public sealed record PageShape(string Path, string Url, string? Layout, PageKind Kind, ViewList<string> Aliases, string? SitemapDate)
    {
        public static PageShape Of(Page p) => new(p.Source.Path, p.Url, p.FrontMatter.Layout, p.Kind, p.Aliases.ToArray(), ViewFactory.Iso(p.Updated ?? p.Date));
    }

    public sealed record SectionShape(string Name, string Title, string Url, string? Index, string Description, ViewList<string> Pages);

    /// <param name="Posts">How many of its pages are posts.</param>
    public sealed record TermShape(string Name, string Slug, string Url, ViewList<string> Pages, int Posts);

    public sealed record TaxonomyShape(string Name, string Singular, string Url, ViewList<TermShape> Terms);

    public sealed record YearShape(int Year, ViewList<string> Posts);

    public sealed record Redirect(string From, string To);

    /// <param name="Parts">Its pages in series order, by source path.</param>
    public sealed record SeriesShape(string Name, string Url, ViewList<string> Parts);

    /// <summary>The taxonomy whose term pages are the series pages, when a site declares it.</summary>
    public const string SeriesTaxonomy = "series";

    public static PlanShape Of(Site site) => new(
        site.Sections.Select(s => new SectionShape(s.Name, s.Title, s.Url, s.Index?.Source.Path, s.Index?.FrontMatter.Description ?? "", Paths(s.Pages))).ToArray(),
        site.Taxonomies.Select(t => new TaxonomyShape(t.Name, t.Singular, t.Url,
            t.Terms.Select(term => new TermShape(term.Name, term.Slug, term.Url, Paths(t.Name == SeriesTaxonomy ? InSeriesOrder(term.Pages) : term.Pages),
                term.Pages.Count(p => p.Kind == PageKind.Post))).ToArray())).ToArray(),
        site.Posts.GroupBy(p => p.Date?.Year ?? 0).OrderByDescending(g => g.Key).Select(g => new YearShape(g.Key, Paths(g))).ToArray(),
        site.Redirects.Select(r => new Redirect(r.Key, r.Value)).ToArray(),
        site.HomeIndex?.Source.Path,
        SeriesPages(site));

    /// <summary>
    /// A page per series, unless the site's own <c>series</c> taxonomy has one at the same URL (its term lists the parts
    /// in series order instead). Two names with one slug ("C#", "c#") share a page; the first name by ordinal order has it.
    /// </summary>
    private static ViewList<SeriesShape> SeriesPages(Site site)
    {
        if (site.Config.Taxonomies.ContainsKey(SeriesTaxonomy)) return Array.Empty<SeriesShape>();
        var pages = new Dictionary<string, SeriesShape>(StringComparer.Ordinal);
        foreach (var (name, parts) in site.Series.OrderBy(s => s.Key, StringComparer.Ordinal))
            if (Permalinks.Series(site.Config, name) is { } url) pages.TryAdd(url, new SeriesShape(name, url, Paths(parts)));
        return pages.Values.OrderBy(s => s.Url, StringComparer.Ordinal).ToArray();
    }

    // As the model orders a series (Site.Series): series_order, then oldest first.
    private static IEnumerable<Page> InSeriesOrder(IEnumerable<Page> pages) =>
        pages.OrderBy(p => p.FrontMatter.SeriesOrder ?? int.MaxValue).ThenBy(p => p.SortDate);

    private static ViewList<string> Paths(IEnumerable<Page> pages) => pages.Select(p => p.Source.Path).ToArray();
}
