using System.Collections.Immutable;
using Lemma.Configuration;
using Lemma.Content;
using Lemma.Diagnostics;

namespace Lemma.Model;

/// <summary>
/// A Jekyll site's pages and URLs where Lemma draws its own lists: the theme's list pages give way to Lemma's, and the
/// URLs of jekyll-archives and jekyll-paginate answer with redirects to them. Part of the model stage.
/// </summary>
internal static class JekyllLists
{
    /// <summary>
    /// A Jekyll theme draws its tag, category and archive lists and its 404 page from pages whose layout does the work
    /// (Chirpy's _tabs/tags.md, al-folio's 404.md). Lemma draws its own there: such a page gives way, with a warning
    /// when it is Markdown with text of its own that is then not shown. A page with no text whose layout names one of those lists
    /// (Chirpy's <c>_tabs/archives.md</c>, <c>layout: archives</c>) gives way too, wherever it is. Each page that gives way,
    /// with the URL of the list that takes its place.
    /// </summary>
    public static List<(Page Page, string List)> GiveWay(ImmutableArray<Page> pages, ImmutableArray<Section> sections,
        ImmutableArray<Taxonomy> taxonomies, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var lists = new HashSet<string>(StringComparer.Ordinal) { "/404.html", "/404/", "/archive/" };
        foreach (var s in sections) lists.Add(s.Url);
        foreach (var t in taxonomies) { lists.Add(t.Url); foreach (var term in t.Terms) lists.Add(term.Url); }
        var byLayout = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["archive"] = "/archive/", ["archives"] = "/archive/" };
        foreach (var t in taxonomies) byLayout[t.Name] = t.Url;
        var gone = new List<(Page, string)>();
        foreach (var page in pages.Where(p => p.Kind == PageKind.Page))
        {
            var empty = string.IsNullOrWhiteSpace(page.Source.Body);
            if (lists.Contains(page.Url))
            {
                gone.Add((page, page.Url));
                // Prose the writer wrote is worth a word; a 404 page or an HTML page of Liquid loops is the theme's work.
                if (!empty && page.Source.Format == ContentFormat.Markdown && !page.Url.StartsWith("/404", StringComparison.Ordinal))
                    diagnostics.Add(Diagnostic.Warning(SiteModeler.UrlSpan(page, "permalink", "url"), $"{page.Url} is Lemma's own list; this page's text is not shown"));
            }
            else if (empty && page.FrontMatter.Layout is { } layout && byLayout.TryGetValue(layout, out var list)) gone.Add((page, list));
        }
        return gone;
    }

    /// <summary>jekyll-archives' old tag, category and year URLs, each a redirect to Lemma's term page or archive, and
    /// jekyll-paginate's pages of posts (<c>paginate_path</c>, /page2/) to the posts' list, where no page or list of the site
    /// answers there already.</summary>
    public static void OldUrls(SiteConfig config, ImmutableArray<Page> pages, ImmutableArray<Section> sections,
        ImmutableArray<Taxonomy> taxonomies, Dictionary<string, string> redirects)
    {
        var taken = new HashSet<string>(pages.Select(p => p.Url).Concat(pages.SelectMany(p => p.Aliases)), StringComparer.Ordinal) { "/" };
        foreach (var t in taxonomies) { taken.Add(t.Url); foreach (var term in t.Terms) taken.Add(term.Url); }
        void Add(string old, string target)
        {
            var url = Permalinks.Normalize(old);
            if (url != target && !taken.Contains(url)) redirects.TryAdd(url, target);
        }
        foreach (var taxonomy in taxonomies)
            foreach (var pattern in JekyllArchives.Patterns(config, taxonomy.Name))
                foreach (var term in taxonomy.Terms) Add(pattern.Replace(":name", term.Slug, StringComparison.Ordinal), term.Url);
        foreach (var pattern in JekyllArchives.Patterns(config, "year"))
            foreach (var year in pages.Where(p => p.Kind == PageKind.Post && p.Date is not null).Select(p => p.Date!.Value.Year).Distinct())
                Add(pattern.Replace(":year", year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "/archive/");
        if (config.Params.GetValueOrDefault("paginate") is long perPage and > 0 && sections.FirstOrDefault(s => s.Name == "posts") is { } posts)
        {
            var path = config.Params.GetValueOrDefault("paginate_path") as string ?? "/page:num/";
            var theirs = (posts.Pages.Length + (int)perPage - 1) / (int)perPage;
            var ours = (posts.Pages.Length + config.PageSize - 1) / config.PageSize;
            for (var n = 2; n <= theirs && n <= 1000; n++)
                Add(path.Replace(":num", n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                    n <= ours ? $"{posts.Url}page/{n}/" : posts.Url);
        }
    }
}
