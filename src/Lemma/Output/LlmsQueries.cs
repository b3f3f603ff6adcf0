using System.Collections.Immutable;
using Lemma.Build;
using Lemma.Incremental;
using Lemma.Model;
using Lemma.Output.Views;

namespace Lemma.Output;

/// <summary>
/// llms.txt and llms-full.txt (<see cref="LlmsTxt"/>) as queries of the build's store. llms.txt reads its pages' titles,
/// URLs and descriptions, so a body edit leaves it as it was; llms-full.txt reads each post's text, made once per post,
/// so a body edit makes that post's text again and nothing else's.
/// </summary>
public static class LlmsQueries
{
    private const string One = "";

    /// <summary>Each section's title and its published pages' source paths, then the pages in no section ("Pages"):
    /// the same after an edit that moves no page. Drafts and future pages are never listed, even under <c>serve --drafts</c>.</summary>
    private static readonly Query<string, ImmutableArray<(string Title, ImmutableArray<string> Pages)>> Lists = new("llms lists", (q, _) =>
    {
        var site = q.Get(SiteQueries.Layout, One).Site;
        static bool Published(Page page) => !page.Draft && !page.Future;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var lists = new List<(string, ImmutableArray<string>)>();
        foreach (var section in site.Sections)
        {
            var pages = section.Pages.Where(Published).Select(p => p.Source.Path).ToImmutableArray();
            listed.UnionWith(pages);
            lists.Add((section.Title, pages));
        }
        var others = site.Pages.Where(p => Published(p) && !listed.Contains(p.Source.Path) && !ReferenceEquals(p, site.HomeIndex)).Select(p => p.Source.Path).ToImmutableArray();
        lists.Add(("Pages", others));
        return [.. lists];
    }, EqualityComparer<ImmutableArray<(string Title, ImmutableArray<string> Pages)>>.Create(
        (a, b) => a.Length == b.Length && a.Zip(b).All(p => p.First.Title == p.Second.Title && p.First.Pages.SequenceEqual(p.Second.Pages)), a => a.Length));

    /// <summary>The published posts, newest first, by source path (llms-full.txt takes the first <see cref="LlmsTxt.FullPosts"/>).</summary>
    private static readonly Query<string, ImmutableArray<string>> Posts = new("llms posts", (q, _) =>
        [.. q.Get(SiteQueries.Layout, One).Site.Posts.Where(p => !p.Draft && !p.Future).Select(p => p.Source.Path)], Equalities.Sequence<string>());

    /// <summary>A post's body as llms-full.txt holds it: Markdown made from its rendered HTML, with absolute URLs.</summary>
    private static readonly Query<string, string> Text = new("llms text", (q, path) =>
    {
        var html = q.Get(PageQueries.ViewMember, (path, nameof(PageView.Content)))?.ToString() ?? "";
        var url = (string)q.Get(PageQueries.ViewMember, (path, nameof(PageView.Permalink)))!;
        return MarkdownText.Of(html, url);
    });

    private static string Member(QueryContext q, string path, string member) => q.Get(PageQueries.ViewMember, (path, member)) as string ?? "";

    private static LlmsTxt.Header Header(QueryContext q)
    {
        var title = (string)q.Get(PageQueries.SiteMember, nameof(SiteView.Title))!;
        var description = (string)q.Get(PageQueries.SiteMember, nameof(SiteView.Description))!;
        var tagline = (string)q.Get(PageQueries.SiteMember, nameof(SiteView.Tagline))!;
        var author = ((Configuration.Author)q.Get(PageQueries.SiteMember, nameof(SiteView.Author))!).Name;
        var baseUrl = (string)q.Get(PageQueries.SiteMember, nameof(SiteView.BaseUrl))!;
        var details = (tagline.Length > 0 && tagline != description ? tagline.TrimEnd('.') + ". " : "")
            + (author.Length > 0 ? $"Written by {author}. " : "")
            + $"The newest posts' full text is in {new SiteUrls(baseUrl).Absolute("/" + LlmsTxt.FullFile)}.";
        return new LlmsTxt.Header(title, description, details);
    }

    /// <summary>A page's line of llms.txt: the same after a body edit, and whatever another page's edit.</summary>
    private static readonly Query<string, string> Link = new("llms link", (q, path) => LlmsTxt.Lines(
        [new LlmsTxt.Link(Member(q, path, nameof(PageView.Title)), Member(q, path, nameof(PageView.Permalink)), Member(q, path, nameof(PageView.Description)))]));

    /// <summary>llms.txt's items in order, a list's heading before its pages (a list with none is left out), in runs: a
    /// title edit or a new post makes one run's lines again, not the whole file's.</summary>
    private static readonly KeyRuns<(string Key, string? Heading)> Items = new("llms", q =>
        [.. q.Get(Lists, One).SelectMany((list, i) => list.Pages.IsEmpty ? []
            : list.Pages.Select(path => (path, (string?)null)).Prepend(($"\0{i}", list.Title)))], item => item.Key);

    private static readonly Query<string, string> Run = new("llms run", (q, start) =>
        string.Concat(q.Get(Items.Run, start).Select(item => item.Heading is { } heading ? LlmsTxt.Heading(heading) : q.Get(Link, item.Key))));

    /// <summary>The posts llms-full.txt holds: the same after an edit that leaves the newest ones as they were.</summary>
    private static readonly Query<string, ImmutableArray<string>> Newest = new("llms newest", (q, _) =>
        [.. q.Get(Posts, One).Take(LlmsTxt.FullPosts)], Equalities.Sequence<string>());

    private static readonly Query<string, OutputFile> Index = new("llms index", (q, _) =>
        LlmsTxt.Index(Header(q), q.Get(Items.Starts, One).Select(start => q.Get(Run, start))));

    private static readonly Query<string, OutputFile> Full = new("llms full", (q, _) =>
        LlmsTxt.Full(Header(q), q.Get(Newest, One).Select(path => new LlmsTxt.Post(
            Member(q, path, nameof(PageView.Title)), Member(q, path, nameof(PageView.Permalink)),
            q.Get(PageQueries.ViewMember, (path, nameof(PageView.Date))) is string date ? date[..System.Math.Min(10, date.Length)] : null,
            q.Get(Text, path)))));

    /// <summary>The paths of llms.txt and llms-full.txt: none with <c>llms: false</c>, and none where the site has its own
    /// (static/llms.txt, or a Jekyll site's llms.txt): the writer's file is published as it is.</summary>
    public static readonly Query<string, ImmutableArray<string>> Paths = new("llms paths", (q, _) =>
    {
        if (!SiteQueries.SiteConfig(q).Llms) return [];
        var own = q.Get(SiteQueries.Files, FileGroup.Static).Concat(q.Get(SiteQueries.Files, FileGroup.Site)).ToHashSet(StringComparer.Ordinal);
        return [.. ((string[])[LlmsTxt.FullFile, LlmsTxt.IndexFile]).Where(file => !own.Contains("static/" + file) && !own.Contains(file))];
    }, Equalities.Sequence<string>());

    /// <summary>llms.txt or llms-full.txt by its path: a preview asking for one does not make the other.</summary>
    public static OutputFile File(QueryContext q, string path) => q.Get(path == LlmsTxt.FullFile ? Full : Index, One);

    /// <summary>llms.txt and llms-full.txt, as <see cref="Paths"/> lists them.</summary>
    public static readonly Query<string, ImmutableArray<OutputFile>> Files = new("llms files", (q, _) =>
        [.. q.Get(Paths, One).Select(path => File(q, path))]);
}
