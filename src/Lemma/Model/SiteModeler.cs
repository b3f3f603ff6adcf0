using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Lemma.Configuration;
using Lemma.Content;
using Lemma.Diagnostics;

namespace Lemma.Model;

/// <param name="Lists">The URLs of the site's lists (sections, taxonomies and terms, series), each with what owns it,
/// and the pages a Jekyll site's lists took the place of: what <see cref="SiteModeler.UrlConflicts"/> checks pages against.</param>
public sealed record ModelResult(Site Site, ImmutableArray<Diagnostic> Diagnostics, ListUrls Lists);

/// <summary>The site's lists' URLs in order, each with its owner as a report names it, and the source paths of pages that
/// gave way to a list.</summary>
public sealed record ListUrls(ImmutableArray<(string Url, string Owner)> Owners, ImmutableHashSet<string> GaveWay)
{
    public bool Equals(ListUrls? other) => other is not null && Owners.SequenceEqual(other.Owners) && GaveWay.SetEquals(other.GaveWay);

    public override int GetHashCode() => Owners.Length;
}

/// <summary>What a listed page claims of the site's URLs: its URL and its aliases inside the output, with the front
/// matter line each was written at.</summary>
public sealed record UrlClaim(string Path, string Url, SourceSpan UrlAt, ImmutableArray<string> Aliases, SourceSpan AliasesAt)
{
    public bool Equals(UrlClaim? other) =>
        other is not null && Path == other.Path && Url == other.Url && UrlAt == other.UrlAt && Aliases.SequenceEqual(other.Aliases) && AliasesAt == other.AliasesAt;

    public override int GetHashCode() => Url.GetHashCode();
}

/// <summary>
/// What the layout takes of one content file's page (<see cref="SiteModeler.Place"/>), worked out page by page so that
/// an edit to one page leaves every other page's as it was.
/// </summary>
/// <param name="Page">The page as the site lists it (its aliases those inside the output); null when the site leaves it
/// out (a draft, a page to come or expired, a URL outside the output).</param>
/// <param name="Terms">Its terms, each once.</param>
/// <param name="Problems">Its URLs that would name a file outside the output.</param>
public sealed record Placement(Page? Page, ImmutableArray<TermKey> Terms, ImmutableArray<Diagnostic> Problems)
{
    public bool Equals(Placement? other) =>
        other is not null && ReferenceEquals(Page, other.Page) && Terms.SequenceEqual(other.Terms) && Problems.SequenceEqual(other.Problems);

    public override int GetHashCode() => Terms.Length;
}

/// <summary>A term a page names: its taxonomy, slug and name as written.</summary>
public readonly record struct TermKey(string Taxonomy, string Slug, string Name);

/// <summary>A run of content files as the layout takes it (<see cref="SiteModeler.Gather"/>).</summary>
public sealed class LayoutRun
{
    /// <summary>The pages the site lists (not a section's or the home's own page), in path order.</summary>
    internal Page[] Listed { get; set; } = [];
    /// <summary>Each listed page's date, negated (newest first sorts it ascending).</summary>
    internal long[] Older { get; set; } = [];
    /// <summary>The places in <see cref="Listed"/> of the pages that name each term, by taxonomy and slug.</summary>
    internal Dictionary<(string Taxonomy, string Slug), List<int>> Terms { get; } = [];
    /// <summary>The places of each top-level section's posts.</summary>
    internal Dictionary<string, List<int>> Sections { get; } = new(StringComparer.Ordinal);
    /// <summary>The places of each series' pages.</summary>
    internal Dictionary<string, List<int>> Series { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, Page> SectionIndexes { get; } = new(StringComparer.Ordinal);
    internal Page? HomeIndex { get; set; }
    internal ImmutableArray<Diagnostic> Problems { get; set; } = [];
    /// <summary>The listed pages' URLs and aliases, in path order.</summary>
    public ImmutableArray<UrlClaim> Claims { get; internal set; } = [];
}

/// <summary>
/// The model stage: decides which pages are published, where each lives, and what lists it belongs to.
/// Duplicate URLs and conflicting aliases are found here.
/// </summary>
public static class SiteModeler
{
    /// <summary>Whether the site lists a content file's page, and what of it the lists read (see <see cref="Assemble"/>).</summary>
    public static Placement Place(SiteConfig config, Page page, BuildOptions options, bool expired)
    {
        // A section's or the home's own page is its list's text, whatever its dates say.
        if (!page.Source.IsSectionIndex && ((page.Draft && !options.Drafts) || (page.Future && !options.Future) || expired)) return new(null, [], []);
        var problems = ImmutableArray.CreateBuilder<Diagnostic>(0);
        var contained = WithinOutput(page, problems);
        return new(contained, contained is null || page.Source.IsSectionIndex ? [] : TermKeys(config, contained), problems.ToImmutable());
    }

    /// <summary>
    /// What the layout takes from a run of content files' placements, in path order: a tag or date edit gathers its own
    /// run again, and <see cref="Assemble"/> only joins the runs.
    /// </summary>
    public static LayoutRun Gather(IReadOnlyList<Placement> placements)
    {
        var run = new LayoutRun();
        var problems = ImmutableArray.CreateBuilder<Diagnostic>();
        var listed = new List<Page>(placements.Count);
        foreach (var placement in placements)
        {
            if (placement.Problems.Length > 0) problems.AddRange(placement.Problems);
            if (placement.Page is not { } page) continue;
            if (page.Source.IsSectionIndex)
            {
                if (page.Source.Section.Length == 0) run.HomeIndex = page;
                else run.SectionIndexes[Permalinks.SectionOf(page.Source)] = page;
                continue;
            }
            var at = listed.Count;
            foreach (var key in placement.Terms)
            {
                var places = Places(run.Terms, (key.Taxonomy, key.Slug));
                // A page that spells one term twice ("Python", "python") is listed once.
                if (places is not [.., var last] || last != at) places.Add(at);
            }
            if (page.Kind == PageKind.Post) Places(run.Sections, page.Section).Add(at);
            if (page.FrontMatter.Series is { } series) Places(run.Series, series).Add(at);
            listed.Add(page);
        }
        run.Listed = [.. listed];
        run.Older = Array.ConvertAll(run.Listed, p => -p.SortDate.UtcTicks);
        run.Claims = [.. listed.Select(p => new UrlClaim(p.Source.Path, p.Url, UrlSpan(p, "url", "slug"), p.Aliases, UrlSpan(p, "aliases")))];
        run.Problems = problems.DrainToImmutable();
        return run;

        static List<int> Places<TKey>(Dictionary<TKey, List<int>> lists, TKey key) where TKey : notnull =>
            CollectionsMarshal.GetValueRefOrAddDefault(lists, key, out _) ??= [];
    }

    /// <summary>The site from the runs of its pages' placements (<see cref="Gather"/>); related posts are a query of each
    /// post's own (<see cref="RelatedPages.For"/>).</summary>
    /// <param name="runs">Every run of content files, in path order.</param>
    public static ModelResult Assemble(SiteConfig config, IReadOnlyList<LayoutRun> runs, ImmutableDictionary<string, object?> data)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var sectionIndexes = new Dictionary<string, Page>(StringComparer.Ordinal);
        Page? homeIndex = null;
        var byPath = new Page[runs.Sum(r => r.Listed.Length)];
        var older = new long[byPath.Length];
        var offset = 0;
        foreach (var run in runs)
        {
            diagnostics.AddRange(run.Problems);
            homeIndex = run.HomeIndex ?? homeIndex;
            foreach (var (name, index) in run.SectionIndexes) sectionIndexes[name] = index;
            run.Listed.CopyTo(byPath, offset);
            run.Older.CopyTo(older, offset);
            offset += run.Listed.Length;
        }
        var (newest, rank) = NewestFirst(byPath, older);
        var published = ImmutableCollectionsMarshal.AsImmutableArray(newest);
        var sections = MakeSections(config, Join(runs, r => r.Sections, newest, rank), published, sectionIndexes);
        var taxonomies = MakeTaxonomies(config, Join(runs, r => r.Terms, newest, rank), newest, diagnostics);
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        var removed = new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (config.Kind == SiteKind.Jekyll && JekyllLists.GiveWay(published, sections, taxonomies, diagnostics) is { Count: > 0 } gone)
        {
            foreach (var (page, list) in gone)
            {
                if (page.Url != list) redirects[page.Url] = list;
                foreach (var alias in page.Aliases) redirects[alias] = list;
            }
            removed.UnionWith(gone.Select(g => g.Page));
            published = [.. published.Where(p => !removed.Contains(p))];
            byPath = [.. byPath.Where(p => !removed.Contains(p))];
        }
        var series = Join(runs, r => r.Series, newest, rank)
            .Select(s => (s.Key, Pages: s.Value.Where(p => !removed.Contains(p)).OrderBy(p => p.FrontMatter.SeriesOrder ?? int.MaxValue).ThenBy(p => p.SortDate).ToImmutableArray()))
            .Where(s => s.Pages.Length > 0)
            .ToImmutableDictionary(s => s.Key, s => s.Pages, StringComparer.Ordinal);
        // A site's own series taxonomy has its term pages where the series pages would be (see Permalinks.Series).
        var seriesPages = config.Taxonomies.ContainsKey("series") ? []
            : series.Keys.Order(StringComparer.Ordinal).Select(name => (Name: name, Url: Permalinks.Series(config, name))).Where(s => s.Url is not null).Select(s => (s.Name, s.Url!)).ToArray();
        if (config.Kind == SiteKind.Jekyll) JekyllLists.OldUrls(config, published, sections, taxonomies, redirects);

        var site = new Site
        {
            Config = config,
            Pages = published,
            ByPath = ImmutableCollectionsMarshal.AsImmutableArray(byPath),
            Sections = sections,
            Taxonomies = taxonomies,
            Series = series,
            Data = data,
            HomeIndex = homeIndex,
            Redirects = redirects.ToImmutableDictionary(StringComparer.Ordinal),
        };
        var gaveWay = removed.Cast<Page>().Select(p => p.Source.Path).ToImmutableHashSet(StringComparer.Ordinal);
        return new ModelResult(site, diagnostics.ToImmutable(), new ListUrls(ListOwners(sections, taxonomies, seriesPages), gaveWay));
    }

    /// <summary>
    /// The site <paramref name="layout"/> lays out with each page as it is now (<paramref name="current"/>, by source
    /// path): an edit that moves no page (a title) leaves the layout as it was, and only its pages are new.
    /// The layout kept only the aliases inside the output; so does each page here.
    /// </summary>
    public static Site WithPages(Site layout, Func<string, Page> current)
    {
        var pages = new Dictionary<Page, Page>(layout.Pages.Length, ReferenceEqualityComparer.Instance);
        Page Now(Page page)
        {
            if (pages.TryGetValue(page, out var now)) return now;
            now = current(page.Source.Path);
            if (!now.Aliases.SequenceEqual(page.Aliases)) now = now with { Aliases = page.Aliases };
            return pages[page] = now;
        }
        ImmutableArray<Page> AllNow(ImmutableArray<Page> list)
        {
            var builder = ImmutableArray.CreateBuilder<Page>(list.Length);
            foreach (var page in list) builder.Add(Now(page));
            return builder.MoveToImmutable();
        }
        return layout with
        {
            Pages = AllNow(layout.Pages),
            ByPath = AllNow(layout.ByPath),
            Sections = [.. layout.Sections.Select(s => s with { Pages = AllNow(s.Pages), Index = s.Index is { } index ? Now(index) : null })],
            Taxonomies = [.. layout.Taxonomies.Select(t => t with { Terms = [.. t.Terms.Select(term => term with { Pages = AllNow(term.Pages) })] })],
            Series = layout.Series.ToImmutableDictionary(s => s.Key, s => AllNow(s.Value), StringComparer.Ordinal),
            HomeIndex = layout.HomeIndex is { } home ? Now(home) : null,
        };
    }

    /// <summary>Newest first; ties broken by source path so every build lists pages in the same order.</summary>
    /// <param name="inPathOrder">Pages sorted by source path.</param>
    /// <returns>The pages newest first, and the place of each there by its place in path order.</returns>
    /// <param name="older">Each page's date, negated: the runs worked them out, so no page is read here.</param>
    private static (Page[] Newest, int[] Rank) NewestFirst(Page[] inPathOrder, long[] older)
    {
        var keys = new (long Older, int Path)[inPathOrder.Length];
        for (var i = 0; i < keys.Length; i++) keys[i] = (older[i], i);
        var newest = (Page[])inPathOrder.Clone();
        Array.Sort(keys, newest);
        var rank = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++) rank[keys[i].Path] = i;
        return (newest, rank);
    }

    /// <summary>A page whose expiry date has come is left out.</summary>
    public static bool IsExpired(DateTimeOffset? expiry, DateTimeOffset now) => expiry <= now;

    /// <summary>A page whose publish date (<see cref="PublishDate"/>) is still to come is left out, but under --future.</summary>
    public static bool IsFuture(DateTimeOffset? publish, DateTimeOffset now) => publish > now;

    /// <summary>When a page is published: Hugo's publishDate, else its date (front matter or file name).</summary>
    public static DateTimeOffset? PublishDate(PageSource source) => source.FrontMatter.PublishDate ?? source.FrontMatter.Date ?? source.FileDate;

    /// <summary>The page a content file makes, wherever it is listed; <paramref name="future"/>: its publish date is still to come.</summary>
    public static Page MakePage(SiteConfig config, PageSource source, bool future)
    {
        var fm = source.FrontMatter;
        var slug = fm.Slug is { Length: > 0 } s ? s : source.FileSlug;
        var date = config.FileNameDate == FileNameDate.Preferred ? source.FileDate ?? fm.Date : fm.Date ?? source.FileDate;
        var terms = config.Taxonomies.Keys.ToImmutableDictionary(
            plural => plural,
            plural => plural switch
            {
                "tags" => fm.Tags,
                "categories" => fm.Categories,
                _ => fm.OtherTerms.GetValueOrDefault(plural, []),
            });
        var url = Permalinks.For(config, source, slug, date);
        return new Page
        {
            Source = source,
            Kind = source.Section.Length == 0 ? PageKind.Page : PageKind.Post,
            Title = fm.Title ?? Humanize(source.FileSlug),
            Slug = slug,
            Url = url,
            Date = date,
            Updated = fm.Updated,
            Draft = fm.Draft,
            InProgress = string.Equals(fm.Status, "in-progress", StringComparison.OrdinalIgnoreCase),
            Future = future,
            Terms = terms,
            Aliases = [.. fm.Aliases.Select(alias => Permalinks.Alias(config, url, alias)), .. OldRootPageUrls(config, source, slug)],
        };
    }

    /// <summary>
    /// Where a page whose file is at the site's root (no content/ folder: a Jekyll site, a folder of notebooks) lived
    /// before Lemma put it at /name/; the old URL answers through a redirect. A Jekyll page lived at /name.html unless the
    /// site's permalink ends in '/'; any other at /Name.html, as nbconvert, Jupyter Book and Quarto write it, and at
    /// /name.html, as Pelican does.
    /// </summary>
    private static IEnumerable<string> OldRootPageUrls(SiteConfig config, PageSource source, string slug)
    {
        // A Quarto page is already at the URL Quarto gave it.
        if (config.Kind == SiteKind.Quarto || source.IsSectionIndex || source.FrontMatter.Url is not null || slug is "404" or "") yield break;
        if (config.JekyllPermalink is { } pattern)
        {
            if (pattern.EndsWith('/') || source.Section.Length > 0) yield break;
            if (source.Permalink is null) yield return "/" + slug + ".html";
            // A page in a folder (tag/x.md) lived at /tag/x.html.
            else if (!source.Permalink.Contains(':') && Path.GetFileNameWithoutExtension(source.Path) != "index")
                yield return source.Permalink.TrimEnd('/') + ".html";
            yield break;
        }
        if (source.Path.Contains('/')) yield break;
        // /index.html is the home page's file.
        if (slug.ToLowerInvariant() is var lower && lower == "index") yield break;
        yield return "/" + slug + ".html";
        if (lower != slug) yield return "/" + lower + ".html";
    }

    private static string Humanize(string slug) =>
        slug.Length == 0 ? "Home" : char.ToUpperInvariant(slug[0]) + slug[1..].Replace('-', ' ');

    /// <summary>
    /// The lists of every run joined (<see cref="LayoutRun.Sections"/>, <see cref="LayoutRun.Terms"/>): each list's pages
    /// newest first, by their places there, without a look at a page.
    /// </summary>
    private static Dictionary<TKey, Page[]> Join<TKey>(IReadOnlyList<LayoutRun> runs, Func<LayoutRun, Dictionary<TKey, List<int>>> listsOf, Page[] newest, int[] rank)
        where TKey : notnull
    {
        // Counted first, then filled: each list's places are put once in an array of its size.
        var joined = new Dictionary<TKey, (int[] Ranks, int Filled)>();
        foreach (var run in runs)
            foreach (var (key, places) in listsOf(run))
                CollectionsMarshal.GetValueRefOrAddDefault(joined, key, out _).Filled += places.Count;
        foreach (var key in joined.Keys) joined[key] = (new int[joined[key].Filled], 0);
        var offset = 0;
        foreach (var run in runs)
        {
            foreach (var (key, places) in listsOf(run))
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrNullRef(joined, key);
                foreach (var at in places) list.Ranks[list.Filled++] = rank[offset + at];
            }
            offset += run.Listed.Length;
        }
        return joined.ToDictionary(list => list.Key, list =>
        {
            var ranks = list.Value.Ranks;
            if (ranks.Length * 8 < newest.Length)
            {
                Array.Sort(ranks);
                return Array.ConvertAll(ranks, r => newest[r]);
            }
            // A list of most pages (a blog's posts) is marked and read off the order, not sorted.
            var marked = new bool[newest.Length];
            foreach (var r in ranks) marked[r] = true;
            var pages = new Page[ranks.Length];
            for (int r = 0, i = 0; r < marked.Length; r++)
                if (marked[r]) pages[i++] = newest[r];
            return pages;
        });
    }

    /// <param name="posts">Each top-level section's posts, newest first.</param>
    private static ImmutableArray<Section> MakeSections(SiteConfig config, Dictionary<string, Page[]> posts, ImmutableArray<Page> pages, Dictionary<string, Page> indexes)
    {
        var names = posts.Keys.Concat(indexes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return names.Select(name =>
        {
            indexes.TryGetValue(name, out var index);
            var title = index?.FrontMatter.Title ?? Humanize(name);
            // A nested section (content/teaching/act/_index.md) lists the pages under its folder; its top section lists them too.
            var members = name.Contains('/')
                ? pages.Where(p => p.Kind == PageKind.Post && p.Source.Path.StartsWith("content/" + name + "/", StringComparison.Ordinal)).ToImmutableArray()
                : ImmutableCollectionsMarshal.AsImmutableArray(posts.GetValueOrDefault(name) ?? []);
            return new Section(name, title, "/" + (config.LowerCaseUrls ? name.ToLowerInvariant() : name) + "/", members, index);
        }).ToImmutableArray();
    }

    /// <summary>
    /// The page when its URL names a file inside the output, without the aliases that do not; null when its URL does
    /// not. Each refusal is an error at the front matter line that made the URL.
    /// </summary>
    private static Page? WithinOutput(Page page, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (OutsideOutput(page.Url) is { } problem)
        {
            diagnostics.Add(Diagnostic.Error(UrlSpan(page, "url", "slug"), $"URL {page.Url} {problem}"));
            return null;
        }
        var aliases = page.Aliases.Where(a => OutsideOutput(a) is null).ToImmutableArray();
        if (aliases.Length == page.Aliases.Length) return page;
        foreach (var alias in page.Aliases)
            if (OutsideOutput(alias) is { } aliasProblem) diagnostics.Add(Diagnostic.Error(UrlSpan(page, "aliases"), $"alias {alias} {aliasProblem}"));
        return page with { Aliases = aliases };
    }

    /// <summary>Why the file of <paramref name="sitePath"/> would not be inside the output, or null.</summary>
    private static string? OutsideOutput(string sitePath) =>
        OutputPath.Problem(OutputPath.For(sitePath)) is { } problem ? $"cannot be written inside the output folder: its file {problem}" : null;

    /// <summary>A page's terms, each once, in the order its front matter gives them; a term whose name makes no slug has no page.</summary>
    private static ImmutableArray<TermKey> TermKeys(SiteConfig config, Page page)
    {
        if (page.Terms.IsEmpty) return [];
        var keys = ImmutableArray.CreateBuilder<TermKey>();
        foreach (var (plural, names) in page.Terms)
        {
            for (var n = 0; n < names.Length; n++)
            {
                var name = names[n];
                if (names.AsSpan(0, n).Contains(name)) continue; // a term listed twice counts once
                var slug = Slug.For(config, name);
                if (slug.Length > 0) keys.Add(new TermKey(plural, slug, name));
            }
        }
        return keys.DrainToImmutable();
    }

    /// <summary>Each taxonomy's terms, sorted by name, each with its pages newest first.</summary>
    /// <param name="terms">Each term's pages newest first, by taxonomy and slug (<see cref="Join"/>).</param>
    /// <param name="newest">The listed pages, newest first: a term refused is reported in that order.</param>
    private static ImmutableArray<Taxonomy> MakeTaxonomies(
        SiteConfig config, Dictionary<(string Taxonomy, string Slug), Page[]> terms, Page[] newest, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var byTaxonomy = config.Taxonomies.Keys.ToDictionary(p => p, _ => new List<Term>(), StringComparer.Ordinal);
        var refused = new List<(string Taxonomy, Page First, Diagnostic Problem)>();
        foreach (var ((plural, slug), pages) in terms)
        {
            if (!byTaxonomy.TryGetValue(plural, out var list)) continue;
            // Terms that differ only in case or punctuation ("Python", "python") are one term; the newest page's spelling wins.
            var name = pages[0].Terms[plural].First(n => Slug.For(config, n) == slug);
            if (OutsideOutput($"/{plural}/{slug}/") is { } problem)
            {
                // Reported once, at the newest page that names the term; the term gets no page.
                refused.Add((plural, pages[0], Diagnostic.Error(UrlSpan(pages[0], plural), $"{config.Taxonomies[plural]} '{name}' {problem}")));
                continue;
            }
            list.Add(new Term(name, slug, $"/{plural}/{slug}/", ImmutableCollectionsMarshal.AsImmutableArray(pages)));
        }
        var result = ImmutableArray.CreateBuilder<Taxonomy>(byTaxonomy.Count);
        foreach (var plural in byTaxonomy.Keys.Order(StringComparer.Ordinal))
        {
            diagnostics.AddRange(refused.Where(r => r.Taxonomy == plural).OrderBy(r => Array.IndexOf(newest, r.First)).Select(r => r.Problem));
            var sorted = byTaxonomy[plural].OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Slug, StringComparer.Ordinal).ToImmutableArray();
            result.Add(new Taxonomy(plural, config.Taxonomies[plural], $"/{plural}/", sorted));
        }
        return result.MoveToImmutable();
    }

    /// <summary>The lists' URLs, each with its owner, in the order they claim them: the home page, sections, taxonomies and
    /// their terms, series.</summary>
    private static ImmutableArray<(string Url, string Owner)> ListOwners(ImmutableArray<Section> sections, ImmutableArray<Taxonomy> taxonomies, IEnumerable<(string Name, string Url)> series)
    {
        var owners = ImmutableArray.CreateBuilder<(string, string)>();
        owners.Add(("/", "the home page"));
        foreach (var s in sections) owners.Add((s.Url, $"the list of section '{s.Name}'"));
        foreach (var t in taxonomies)
        {
            owners.Add((t.Url, $"the {t.Name} index"));
            foreach (var term in t.Terms) owners.Add((term.Url, $"the {t.Singular} page '{term.Name}'"));
        }
        foreach (var (name, url) in series) owners.Add((url, $"the page of series '{name}'"));
        return owners.DrainToImmutable();
    }

    /// <summary>Every URL claimed twice: the lists' first, then pages' and then aliases in source path order, so the first
    /// file keeps the URL and the report is the same on every run. A page that gave way to a list claims nothing.</summary>
    /// <param name="claims">The listed pages' claims, in source path order.</param>
    public static ImmutableArray<Diagnostic> UrlConflicts(IEnumerable<UrlClaim> claims, ListUrls lists)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (url, owner) in lists.Owners) owners.TryAdd(url, owner);
        var pages = claims.Where(c => !lists.GaveWay.Contains(c.Path)).ToArray();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var page in pages)
            if (!owners.TryAdd(page.Url, page.Path))
                diagnostics.Add(Diagnostic.Error(page.UrlAt, $"URL {page.Url} is already used by {owners[page.Url]}"));
        foreach (var page in pages)
            foreach (var alias in page.Aliases)
                if (!owners.TryAdd(alias, page.Path + " (alias)"))
                    diagnostics.Add(Diagnostic.Error(page.AliasesAt, $"alias {alias} is already used by {owners[alias]}"));
        return diagnostics.DrainToImmutable();
    }

    internal static SourceSpan UrlSpan(Page page, params string[] keys)
    {
        foreach (var key in keys)
            if (page.FrontMatter.KeyLines.TryGetValue(key, out var line)) return new SourceSpan(page.Source.Path, line, 1);
        return SourceSpan.File(page.Source.Path);
    }
}
