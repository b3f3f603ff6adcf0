using System.Collections.Immutable;

namespace Lemma.Configuration;

/// <summary>Which tool a site was written for, known from its config file's name: it decides how the site's content is read.</summary>
public enum SiteKind { Lemma, Hugo, Jekyll, Quarto }

/// <summary>What site.yaml (or a Hugo/Jekyll config) says about the whole site.</summary>
public sealed record SiteConfig
{
    public SiteKind Kind { get; init; } = SiteKind.Lemma;
    public string Title { get; init; } = "Untitled site";
    public string Description { get; init; } = "";
    public string Tagline { get; init; } = "";
    public Author Author { get; init; } = new();
    /// <summary>Absolute base URL with a trailing slash, e.g. "https://example.org/blog/".</summary>
    public string BaseUrl { get; init; } = "http://localhost/";
    public string Language { get; init; } = "en";
    public ImmutableArray<MenuItem> Menu { get; init; } = [];
    public ImmutableArray<SocialLink> Social { get; init; } = [];
    public ImmutableArray<HomeSection> Home { get; init; } = [];
    /// <summary>Taxonomies by plural name (URL segment) to singular name, e.g. tags -> tag.</summary>
    public ImmutableDictionary<string, string> Taxonomies { get; init; } =
        ImmutableDictionary<string, string>.Empty.Add("tags", "tag").Add("categories", "category");
    /// <summary>Permalink patterns by section, e.g. posts -> "/:year/:slug/". Tokens: :year :month :day :slug :section :title.</summary>
    public ImmutableDictionary<string, string> Permalinks { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>A Jekyll site's <c>permalink</c> (a named style expanded to its pattern, "date" when unset); null for other sites.
    /// Its posts live there, and its root pages' old URLs (about.html) answer through redirects.</summary>
    public string? JekyllPermalink { get; init; }
    /// <summary>URLs made from file and folder names are lower-cased (Hugo, unless <c>disablePathToLower</c>); a front matter url keeps its case.</summary>
    public bool LowerCaseUrls { get; init; }
    /// <summary>Pages live at /section/name.html rather than /section/name/ (Hugo's <c>uglyURLs</c>).</summary>
    public bool UglyUrls { get; init; }
    /// <summary>What a date at the start of a file name (2021-05-24-name.md) means; see <see cref="Configuration.FileNameDate"/>.</summary>
    public FileNameDate FileNameDate { get; init; } = FileNameDate.Fallback;
    public int PageSize { get; init; } = 10;
    /// <summary>Items in each feed (<c>feeds.limit</c>, or the older <c>feed_size</c>).</summary>
    public int FeedSize { get; init; } = 20;
    /// <summary>What a feed entry carries (<c>feeds.content</c>): the whole post, or its summary alone.</summary>
    public FeedContent FeedContent { get; init; } = FeedContent.Full;
    /// <summary>llms.txt and llms-full.txt at the site root (<c>llms: false</c> turns them off).</summary>
    public bool Llms { get; init; } = true;
    /// <summary>The search index, the search page and the header's search box (<c>search: false</c> turns them off).</summary>
    public bool Search { get; init; } = true;
    public ImmutableDictionary<string, string> MathMacros { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>How the site's Markdown writes math, from the kind of config it has.</summary>
    public MathSyntax MathSyntax { get; init; } = new();
    public HighlightSettings Highlight { get; init; } = new();
    /// <summary>The site's defaults for what the theme shows around a page's text (params ShowToc, hidemeta, ...); pages may override them.</summary>
    public PageDisplay Display { get; init; } = PageDisplay.Unset;
    /// <summary>Words per minute for reading time.</summary>
    public int WordsPerMinute { get; init; } = 220;
    /// <summary>Reader comments, served by `lemma serve` (off unless site.yaml turns them on).</summary>
    public CommentSettings Comments { get; init; } = new();
    /// <summary>The newsletter's subscribers, served by `lemma serve` (off unless site.yaml turns it on).</summary>
    public NewsletterSettings Newsletter { get; init; } = new();
    /// <summary>The mail server the site's mail goes through; empty Host: none set in the config.</summary>
    public SmtpSettings Smtp { get; init; } = new();
    /// <summary>Sources site.yaml's <c>csp:</c> adds to the Content-Security-Policy, by directive (frame-src, script-src, ...):
    /// its named <c>embeds</c> as frame-src hosts, and each directive's own list.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> PolicySources { get; init; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;
    /// <summary>Every key of the config file as parsed, for templates (site.params.x).</summary>
    public ImmutableDictionary<string, object?> Params { get; init; } = ImmutableDictionary<string, object?>.Empty;
}

/// <summary>A feed entry's content: the whole body (absolute URLs, MathML, code coloured inline), or the summary alone.</summary>
public enum FeedContent { Full, Summary }

/// <summary>
/// A date at the start of a file name (2021-05-24-name.md). <see cref="Fallback"/> (Jekyll, Lemma): the page's date when
/// its front matter has none, and left out of its slug. <see cref="Ignored"/> (Hugo by default): part of the name and the
/// URL. <see cref="Preferred"/> (Hugo whose <c>frontmatter</c> date list starts with <c>:filename</c>): the page's date
/// over its front matter's, and left out of its slug.
/// </summary>
public enum FileNameDate { Fallback, Ignored, Preferred }

public sealed record Author
{
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string Avatar { get; init; } = "";
    public string Bio { get; init; } = "";
}

public sealed record MenuItem(string Name, string Url, int Weight = 0);

public sealed record SocialLink(string Name, string Url);

/// <summary>One block of the home page: a kind (intro, featured, category, research, data, recent, trending, connect), a title and its settings.</summary>
public sealed record HomeSection(string Kind, string Title, ImmutableDictionary<string, object?> Settings);

public sealed record HighlightSettings
{
    public bool LineNumbers { get; init; }
    public bool CopyButton { get; init; } = true;
}

/// <summary>
/// How a site writes math. <see cref="Kramdown"/>: a Jekyll site's kramdown ($$ inline in a paragraph, $ is text).
/// <see cref="Escapes"/>: math was found by MathJax/KaTeX after Markdown ran, so Markdown's backslash escapes apply inside
/// it. <see cref="PageFlags"/>: a page's <c>math</c>, <c>mathjax</c> or <c>katex</c> front matter turns escapes on (Hugo
/// without Goldmark's passthrough). <see cref="LayoutsDecide"/>: escapes are on when the site's or its theme's templates
/// load MathJax or KaTeX (Hugo without passthrough or flags). A page's <c>math_escapes: true|false</c> decides over all of these.
/// <see cref="Dollars"/>: on a kramdown site, a single <c>$…$</c> is inline math too, because the site's MathJax was set up
/// to find it (Chirpy's and al-folio's <c>inlineMath: [['$','$'], …]</c>).
/// </summary>
public sealed record MathSyntax(bool Kramdown = false, bool Escapes = false, bool PageFlags = false, bool LayoutsDecide = false, bool Dollars = false);
