using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Lemma.Markdown;
using Lemma.Model;

namespace Lemma.Output.Views;

/// <summary>Builds the template view of every page once; lists and pages share these immutable views.</summary>
public sealed partial class ViewFactory
{
    private readonly Site site;
    private readonly SiteUrls urls;
    private readonly IReadOnlyDictionary<string, RenderedContent> content;
    private readonly Dictionary<string, (PageView View, ViewInputs Inputs)> views = new(StringComparer.Ordinal);
    // Lists ask for the views of many pages per build: by object, which needs no string hashing.
    private readonly Dictionary<Page, PageView> byPage = new(ReferenceEqualityComparer.Instance);

    /// <summary>Everything a page's view is made of; the same inputs (by reference) make the same view.</summary>
    private sealed record ViewInputs(Page Page, RenderedContent? Content, Page? Older, Page? Newer, ImmutableArray<Page> Related, ImmutableArray<Page> Series)
    {
        public bool SameAs(ViewInputs other) =>
            ReferenceEquals(Page, other.Page) && ReferenceEquals(Content, other.Content) && ReferenceEquals(Older, other.Older)
            && ReferenceEquals(Newer, other.Newer) && SameRefs(Related, other.Related) && SameRefs(Series, other.Series);

        private static bool SameRefs(ImmutableArray<Page> a, ImmutableArray<Page> b)
        {
            if (a.IsDefault || b.IsDefault) return a.IsDefault == b.IsDefault;
            if (a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++) if (!ReferenceEquals(a[i], b[i])) return false;
            return true;
        }
    }

    /// <param name="previous">The last build's views: a page whose inputs are unchanged keeps its view object, and one
    /// made again but equal to the last is swapped for the last, so later stages can compare views by reference.</param>
    public ViewFactory(Site site, SiteUrls urls, IReadOnlyDictionary<string, RenderedContent> content, ViewFactory? previous = null)
    {
        this.site = site;
        this.urls = urls;
        this.content = content;
        var reusable = previous is not null && ReferenceEquals(previous.site.Config, site.Config) && previous.urls == urls;
        var equality = ViewEquality.Full();
        var sectionNeighbours = new Dictionary<Page, (ImmutableArray<Page>, int)>(ReferenceEqualityComparer.Instance);
        foreach (var section in site.Sections)
            for (var i = 0; i < section.Pages.Length; i++) sectionNeighbours[section.Pages[i]] = (section.Pages, i);
        foreach (var page in site.Pages)
        {
            var path = page.Source.Path;
            var (pages, index) = sectionNeighbours.TryGetValue(page, out var n) ? n : (default, -1);
            var inputs = new ViewInputs(page, content.GetValueOrDefault(path),
                Older: index >= 0 && index + 1 < pages.Length ? pages[index + 1] : null,
                Newer: index > 0 ? pages[index - 1] : null,
                site.Related.GetValueOrDefault(path),
                page.FrontMatter.Series is { } series ? site.Series.GetValueOrDefault(series) : default);
            if (reusable && previous!.views.TryGetValue(path, out var last))
            {
                var made = last.Inputs.SameAs(inputs) ? last.View : Make(page, pages, index);
                views[path] = (ReferenceEquals(made, last.View) || equality.Same(made, last.View) ? last.View : made, inputs);
            }
            else views[path] = (Make(page, pages, index), inputs);
            byPage[page] = views[path].View;
        }
    }

    private ViewFactory(ViewFactory previous, Site site, IReadOnlyDictionary<string, RenderedContent> content)
    {
        this.site = site;
        urls = previous.urls;
        this.content = content;
        views = new(previous.views, StringComparer.Ordinal);
        byPage = new(previous.byPage, ReferenceEqualityComparer.Instance);
    }

    /// <summary>
    /// The last build's views with those of <paramref name="edited"/> (pages of <paramref name="site"/> whose body alone
    /// changed) made again; null when an edit changed more than the body members of its page's view
    /// (<see cref="ViewEquality.BodyMembers"/>), which lists show. Other pages keep their views: none shows another's body.
    /// </summary>
    public ViewFactory? WithBodies(Site site, IReadOnlyDictionary<string, RenderedContent> content, IEnumerable<Page> edited)
    {
        if (!ReferenceEquals(this.site.Config, site.Config)) return null;
        var patched = new ViewFactory(this, site, content);
        var cards = ViewEquality.Cards();
        foreach (var page in edited)
        {
            var path = page.Source.Path;
            if (!views.TryGetValue(path, out var last)) return null;
            var section = site.Sections.FirstOrDefault(s => s.Name == page.Section);
            var pages = section?.Pages ?? default;
            var index = section is null ? -1 : pages.IndexOf(page);
            var inputs = last.Inputs with { Page = page, Content = content.GetValueOrDefault(path) };
            var view = patched.Make(page, pages, index);
            if (!cards.Same(view, last.View)) return null;
            patched.views[path] = (view, inputs);
            patched.byPage.Remove(last.Inputs.Page);
            patched.byPage[page] = view;
        }
        return patched;
    }

    /// <summary>The view this factory made for the page at <paramref name="sourcePath"/>.</summary>
    internal PageView? ForPath(string sourcePath) => views.GetValueOrDefault(sourcePath).View;

    public PageView For(Page page) => byPage[page];

    public IReadOnlyList<PageView> For(IEnumerable<Page> pages) => pages.Select(For).ToArray();

    public static string? Iso(DateTimeOffset? d) => d?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    public static string? Display(DateTimeOffset? d) => d?.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    public FeedLinks FeedsAt(string sitePath) =>
        new(urls.Link(sitePath + "atom.xml"), urls.Link(sitePath + "index.xml"), urls.Link(sitePath + "feed.json"));

    public PageView Make(Page page, ImmutableArray<Page> sectionPages = default, int index = -1)
    {
        var fm = page.FrontMatter;
        content.TryGetValue(page.Source.Path, out var rendered);
        var words = rendered?.WordCount ?? 0;
        var display = fm.Display.Over(site.Config.Display);
        var toc = display.Toc ?? false;
        var summary = fm.Summary is { Length: > 0 } s ? "<p>" + WebUtility.HtmlEncode(s) + "</p>" : rendered?.SummaryHtml;
        return new PageView
        {
            Title = page.Title,
            Url = urls.Link(page.Url),
            Permalink = urls.Absolute(page.Url),
            Kind = page.Kind == PageKind.Post ? "post" : "page",
            Section = page.Section,
            Slug = page.Slug,
            Date = Iso(page.Date),
            DateDisplay = Display(page.Date),
            Updated = Iso(page.Updated),
            UpdatedDisplay = Display(page.Updated),
            Year = page.Date?.Year,
            Summary = summary,
            Description = fm.Description ?? fm.Summary ?? PlainText(summary ?? ""),
            Content = rendered?.Utf8 ?? Utf8Html.Empty,
            WordCount = words,
            ReadingMinutes = System.Math.Max(1, (int)System.Math.Round(words / (double)site.Config.WordsPerMinute)),
            Tags = Terms(page, "tags"),
            Categories = Terms(page, "categories"),
            Series = Series(page),
            Toc = toc && rendered is not null ? rendered.Toc.Select(t => new TocView(t.Level, t.Id, t.Text)).ToArray() : [],
            HasToc = toc && rendered is { Toc.Length: > 0 },
            TocOpen = display.TocOpen ?? true,
            ShowReadingTime = display.ReadingTime ?? true,
            ShowMeta = display.Meta ?? true,
            ShowPostNav = display.PostNav ?? true,
            Authors = fm.Authors,
            SearchHidden = fm.SearchHidden,
            Draft = page.Draft,
            InProgress = page.InProgress,
            Status = fm.Status,
            Featured = fm.Featured,
            ExternalUrl = fm.ExternalUrl,
            Cover = fm.Cover is { } c ? new CoverView(Resource(page, c.Image), c.Alt, c.Caption, !c.Hidden) : null,
            Paper = fm.Paper is { } paper ? PaperView.From(paper) : null,
            HasMath = rendered?.HasMath ?? false,
            HasCode = rendered?.HasCode ?? false,
            // Sections list newest first, so the previous (older) post is the next in the list.
            Prev = index >= 0 && !sectionPages.IsDefault && index + 1 < sectionPages.Length ? Link(sectionPages[index + 1]) : null,
            Next = index > 0 && !sectionPages.IsDefault ? Link(sectionPages[index - 1]) : null,
            Related = site.Related.GetValueOrDefault(page.Source.Path, []).Select(Link).ToArray(),
            Aliases = page.Aliases.Select(urls.Link).ToArray(),
            Params = fm.Raw,
        };
    }

    private PageLink Link(Page p) => new(p.Title, urls.Link(p.Url), Display(p.Date));

    private IReadOnlyList<TermLink> Terms(Page page, string taxonomy) =>
        page.Terms.GetValueOrDefault(taxonomy, [])
            .Select(name => (name, slug: Slug.For(site.Config, name)))
            .Where(t => t.slug.Length > 0)
            .Select(t => new TermLink(t.name, t.slug, urls.Link($"/{taxonomy}/{t.slug}/")))
            .ToArray();

    private SeriesView? Series(Page page)
    {
        if (page.FrontMatter.Series is not { } name || !site.Series.TryGetValue(name, out var pages)) return null;
        var items = pages.Select(p => new SeriesItem(p.Title, urls.Link(p.Url), ReferenceEquals(p, page))).ToArray();
        return new SeriesView(name, pages.IndexOf(page) + 1, pages.Length, items);
    }

    /// <summary>A bundle-relative resource ("cover.png") resolves against the page's URL; absolute ones stay.</summary>
    private string Resource(Page page, string target) =>
        target.Contains("://", StringComparison.Ordinal) ? target
        : target.StartsWith('/') ? urls.Link(target)
        : urls.Link(page.Url + target);

    /// <summary>
    /// A summary as plain text (meta description, og:description, JSON-LD, the JSON Feed summary). A formula is its TeX
    /// source between dollars, never the MathML's characters and the TeX run together ("eiπ+1=0e^{i\pi}+1=0").
    /// </summary>
    private static string PlainText(string html)
    {
        var text = Formula().Replace(html, m => Annotation().Match(m.Value) is { Success: true } tex ? "$" + tex.Groups[1].Value.Trim() + "$" : "");
        return Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(text, "")), " ").Trim();
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("<math\\b.*?</math>", RegexOptions.Singleline)]
    private static partial Regex Formula();

    [GeneratedRegex("<annotation encoding=\"application/x-tex\">(.*?)</annotation>", RegexOptions.Singleline)]
    private static partial Regex Annotation();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
