using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Lemma.Markdown;
using Lemma.Configuration;
using Lemma.Model;

namespace Lemma.Output.Views;

/// <summary>The template view of a page, made from the page, its rendered body and the pages it links to.</summary>
public static partial class ViewFactory
{
    /// <summary>What a page's view is made of beside the page and its body: the pages it links to.</summary>
    /// <param name="Older">The next page of its section's list (older), shown as "previous".</param>
    public sealed record Neighbours(Page? Older, Page? Newer, ImmutableArray<Page> Related, ImmutableArray<Page> Series)
    {
        public static readonly Neighbours None = new(null, null, [], []);

        public bool Equals(Neighbours? other) =>
            other is not null && ReferenceEquals(Older, other.Older) && ReferenceEquals(Newer, other.Newer)
            && Related.AsSpan().SequenceEqual(other.Related.AsSpan(), ReferenceEqualityComparer.Instance)
            && Series.AsSpan().SequenceEqual(other.Series.AsSpan(), ReferenceEqualityComparer.Instance);

        public override int GetHashCode() => HashCode.Combine(Related.Length, Series.Length);
    }

    public static string? Iso(DateTimeOffset? d) => d?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    public static string? Display(DateTimeOffset? d) => d?.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    /// <summary>A page's view by name, for lists (see <see cref="PageView.Ref"/>).</summary>
    public static PageView Ref(Page page) => PageView.Ref(page.Source.Path);

    public static FeedLinks FeedsAt(SiteUrls urls, string sitePath) =>
        new(urls.Link(sitePath + "atom.xml"), urls.Link(sitePath + "index.xml"), urls.Link(sitePath + "feed.json"));

    public static PageView Make(SiteConfig config, SiteUrls urls, Page page, RenderedContent? rendered, Neighbours links, PageComments comments)
    {
        var fm = page.FrontMatter;
        var words = rendered?.WordCount ?? 0;
        var display = fm.Display.Over(config.Display);
        var toc = display.Toc ?? false;
        var summary = fm.Summary is { Length: > 0 } s ? "<p>" + WebUtility.HtmlEncode(s) + "</p>" : rendered?.SummaryHtml;
        PageLink Link(Page p) => new(p.Title, urls.Link(p.Url), Display(p.Date));
        return new PageView
        {
            Key = page.Source.Path,
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
            ReadingMinutes = System.Math.Max(1, (int)System.Math.Round(words / (double)config.WordsPerMinute)),
            Tags = Terms(config, urls, page, "tags"),
            Categories = Terms(config, urls, page, "categories"),
            Series = Series(config, urls, page, links.Series),
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
            Scripts = fm.Scripts.Select(s => Resource(urls, page, s)).ToArray(),
            Styles = fm.Styles.Select(s => Resource(urls, page, s)).ToArray(),
            ExternalUrl = fm.ExternalUrl,
            Cover = fm.Cover is { } c ? new CoverView(Resource(urls, page, c.Image), c.Alt, c.Caption, !c.Hidden) : null,
            Paper = fm.Paper is { } paper ? PaperView.From(paper) : null,
            HasMath = rendered?.HasMath ?? false,
            HasCode = rendered?.HasCode ?? false,
            // Sections list newest first, so the previous (older) post is the next in the list.
            Prev = links.Older is { } older ? Link(older) : null,
            Next = links.Newer is { } newer ? Link(newer) : null,
            Related = links.Related.Select(Link).ToArray(),
            Aliases = page.Aliases.Select(urls.Link).ToArray(),
            Params = fm.Raw,
            Comments = Thread(comments.Approved),
            CommentCount = comments.Approved.Length,
            CommentsOpen = comments.Open,
            CommentPost = page.Url,
        };
    }

    /// <summary>A page's approved comments and whether its form is open.</summary>
    public sealed record PageComments(ImmutableArray<ReaderComment> Approved, bool Open)
    {
        public static readonly PageComments None = new([], false);

        public bool Equals(PageComments? other) => other is not null && Open == other.Open && Approved.SequenceEqual(other.Approved);

        public override int GetHashCode() => Approved.Length;
    }

    /// <summary>Whether a page takes comments on <paramref name="today"/> (null: the site sets no <c>close_after</c>).</summary>
    public static bool CommentsOpen(SiteConfig config, Page page, DateTimeOffset? today) =>
        config.Comments.Enabled && page.Kind == PageKind.Post
        && !(page.FrontMatter.Raw.TryGetValue("comments", out var on) && on is false)
        && !(config.Comments.CloseAfterDays is { } days && today is { } day && page.Date is { } date && date.AddDays(days) <= day);

    /// <summary>Each comment after its parent (oldest first at each level); a reply whose parent is gone is shown at the top.</summary>
    private static IReadOnlyList<CommentView> Thread(ImmutableArray<ReaderComment> approved)
    {
        if (approved.IsEmpty) return [];
        var ids = approved.Select(c => c.Id).ToHashSet();
        var children = approved.Where(c => c.ParentId is { } p && ids.Contains(p)).ToLookup(c => c.ParentId!.Value);
        var views = new List<CommentView>(approved.Length);
        void Add(ReaderComment c, int depth)
        {
            var website = Uri.TryCreate(c.Website, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? c.Website : null;
            views.Add(new CommentView(c.Id, $"comment-{c.Id}", c.ParentId, c.Author, Initials(c.Author), website, c.Html, Iso(c.Created)!, Display(c.Created)!, depth, c.IsAuthor));
            foreach (var reply in children[c.Id].OrderBy(r => r.Created).ThenBy(r => r.Id)) Add(reply, depth + 1);
        }
        foreach (var root in approved.Where(c => c.ParentId is not { } p || !ids.Contains(p)).OrderBy(c => c.Created).ThenBy(c => c.Id)) Add(root, 0);
        return views;
    }

    /// <summary>"Ada Lovelace" gives "AL": a local avatar, with no request to a third party.</summary>
    private static string Initials(string name)
    {
        var letters = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetterOrDigit(w[0])).Take(2)
            .Select(w => char.ToUpperInvariant(w[0]));
        var initials = string.Concat(letters);
        return initials.Length > 0 ? initials : "?";
    }

    private static IReadOnlyList<TermLink> Terms(SiteConfig config, SiteUrls urls, Page page, string taxonomy) =>
        page.Terms.GetValueOrDefault(taxonomy, [])
            .Select(name => (name, slug: Slug.For(config, name)))
            .Where(t => t.slug.Length > 0)
            .Select(t => new TermLink(t.name, t.slug, urls.Link($"/{taxonomy}/{t.slug}/")))
            .ToArray();

    private static SeriesView? Series(SiteConfig config, SiteUrls urls, Page page, ImmutableArray<Page> pages)
    {
        if (page.FrontMatter.Series is not { } name || pages.IsEmpty) return null;
        var items = pages.Select(p => new SeriesItem(p.Title, urls.Link(p.Url), ReferenceEquals(p, page))).ToArray();
        var url = Permalinks.Series(config, name) is { } path ? urls.Link(path) : null;
        return new SeriesView(name, pages.IndexOf(page) + 1, pages.Length, items, url);
    }

    /// <summary>A bundle-relative resource ("cover.png") resolves against the page's URL; absolute ones stay.</summary>
    private static string Resource(SiteUrls urls, Page page, string target) =>
        target.Contains("://", StringComparison.Ordinal) ? target
        : target.StartsWith('/') ? urls.Link(target)
        : urls.Link(page.Url + target);

    /// <summary>
    /// A summary as plain text (meta description, og:description, JSON-LD, the JSON Feed summary). A formula is its TeX
    /// source between dollars, never the MathML's characters and the TeX run together ("eiπ+1=0e^{i\pi}+1=0").
    /// </summary>
    private static string PlainText(string html)
    {
        var text = FormulasAsTex(html, displayDollars: false);
        return Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(text, "")), " ").Trim();
    }

    /// <summary>
    /// Each formula (MathML with its TeX annotation) of <paramref name="html"/> as its TeX between dollars, still
    /// HTML-escaped as the annotation was; two dollars for a display formula when <paramref name="displayDollars"/>.
    /// </summary>
    internal static string FormulasAsTex(string html, bool displayDollars) =>
        Formula().Replace(html, m =>
        {
            if (Annotation().Match(m.Value) is not { Success: true } tex) return "";
            var dollars = displayDollars && m.Value.StartsWith("<math display=\"block\"", StringComparison.Ordinal) ? "$$" : "$";
            return dollars + tex.Groups[1].Value.Trim() + dollars;
        });

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("<math\\b.*?</math>", RegexOptions.Singleline)]
    private static partial Regex Formula();

    [GeneratedRegex("<annotation encoding=\"application/x-tex\">(.*?)</annotation>", RegexOptions.Singleline)]
    private static partial Regex Annotation();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
