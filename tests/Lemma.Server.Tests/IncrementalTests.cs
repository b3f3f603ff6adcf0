using Lemma.Build;
using Lemma.Model;
using Lemma.Server.Hosting;

namespace Lemma.Server.Tests;

/// <summary>
/// A rebuild that reuses the previous build's work gives exactly the bytes of a full build of the same files,
/// after any sequence of edits to any kind of input: posts, templates, data, bibliography, config, static files, assets.
/// </summary>
public sealed class IncrementalTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("lemma-incremental-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>What the test wrote since the last rebuild, as a watcher would report it.</summary>
    private readonly List<string> changed = [];

    private readonly Dictionary<string, Post> posts = [];
    // The approved comments the server told the build, by post URL.
    private readonly Dictionary<string, List<ReaderComment>> comments = [];

    /// <summary>The number of the next post created.</summary>
    private int next = 31;

    private bool Exists(string path) => File.Exists(Path.Combine(root, path));

    private void Write(string path, string text)
    {
        changed.Add(path);
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private void Delete(string path)
    {
        changed.Add(path);
        File.Delete(Path.Combine(root, path));
    }

    private void Save(string name, Post post)
    {
        posts[name] = post;
        Write($"content/posts/{name}.md", post.Text);
    }

    /// <summary>One post's front matter and body; an edit changes one of them at a time.</summary>
    private sealed record Post(string Title, int Day, string Tags, string Body)
    {
        public string Summary { get; init; } = "";
        public string Series { get; init; } = "";
        public bool Draft { get; init; }
        public bool Toc { get; init; }
        public string Slug { get; init; } = "";
        public string Aliases { get; init; } = "";
        public bool Featured { get; init; }
        public int Updated { get; init; } = 1;
        public int SeriesOrder { get; init; } = 1;
        public string Layout { get; init; } = "single";

        public string Text =>
            $"---\ntitle: \"{Title}\"\ndate: 2024-03-{Day:00}\ntags: [{Tags}]\n"
            + (Series.Length > 0 ? $"series: {Series}\n" : "")
            + (Summary.Length > 0 ? $"summary: \"{Summary}\"\n" : "")
            + (Draft ? "draft: true\n" : "")
            + (Toc ? "toc: true\n" : "")
            + (Slug.Length > 0 ? $"slug: {Slug}\n" : "")
            + (Aliases.Length > 0 ? $"aliases: [{Aliases}]\n" : "")
            // Always written, so that an edit changes a value and not the lines of the front matter's keys.
            + $"featured: {(Featured ? "true" : "false")}\nupdated: 2024-04-{Updated:00}\nseries_order: {SeriesOrder}\nlayout: {Layout}\n"
            + $"---\n\n{Body}\n";
    }

    private static readonly string[] Tags = ["python", "math", "cuda", "rust", "notes"];
    private static readonly string[] SeriesNames = ["Loops", "Trees"];
    private static readonly string[] Bodies =
    [
        "Plain text with a [link](/posts/p1/).",
        "Math $e^{i\\pi} + 1 = 0$ and more.\n\n$$\n\\sum_{i=1}^n i = \\frac{n(n+1)}{2}\n$$",
        "```python\ndef f(x: int) -> int:\n    return x + 1\n```",
        "A table:\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        "Footnote.[^1]\n\n[^1]: Note.",
        // A bare @lamport1994 is text while the bibliography lacks it, and a citation once it has it.
        "As [@knuth1984] shows, and as @lamport1994 adds.",
    ];

    private static string Bibliography(string knuthTitle, bool withLamport) =>
        $"@book{{knuth1984, author = {{Donald E. Knuth}}, title = {{{knuthTitle}}}, year = {{1984}}, publisher = {{Addison-Wesley}}}}\n"
        + (withLamport ? "@book{lamport1994, author = {Leslie Lamport}, title = {A Document Preparation System}, year = {1994}}\n" : "");

    private static string Config(int variant) =>
        $"title: Incremental {variant % 2}\nbase_url: https://example.org/\npage_size: {2 + variant % 3}\n"
        + $"comments: {(variant % 3 == 2 ? "{ close_after: 30 }" : "true")}\n"
        + $"citations: {{ style: {(variant % 2 == 0 ? "author-year" : "numeric")} }}\n"
        // The home page lists both data files: one always there, one that comes and goes.
        + "home:\n  - { kind: intro }\n  - { kind: featured, title: Featured, limit: 3 }\n  - { kind: recent, title: Recent, limit: 4 }\n"
        + "  - { kind: data, title: Recommendations, data: recommendations }\n  - { kind: data, title: Extra, data: extra }\n";

    private const string AuthorWithInclude = "<aside>{% include 'partials/colophon' %}</aside>";

    /// <summary>A site of 30 posts, some in a series, some citing the bibliography, with a data file; built once.</summary>
    private SiteHost Start(bool production, bool fills = true)
    {
        Write("site.yaml", Config(0));
        Write("data/recommendations.yaml", "- { kind: Book, title: SICP, link: https://example.org/sicp }\n");
        Write("references.bib", Bibliography("The TeXbook", withLamport: false));
        Write("layouts/partials/author.liquid", AuthorWithInclude);
        Write("layouts/partials/colophon.liquid", "<p>{{ page.title }}</p>");
        for (var i = 1; i <= 30; i++)
        {
            var day = 1 + i % 27;
            Save($"p{i}", new Post($"T{i}", day, Tags[i % Tags.Length], Bodies[i % Bodies.Length]) { Series = day % 5 == 0 ? "Loops" : "" });
        }
        var options = new ServerOptions { Source = root, Port = 0, Production = production };
        var host = fills ? new SiteHost(options) : new SiteHost(options, static (o, store) => SiteBuilder.Run(o, store: store), fills: false);
        host.Rebuild();
        changed.Clear();
        return host;
    }

    /// <summary>Output paths whose bytes differ between the host's last rebuild and a full build of the same files, or that
    /// only one of them has.</summary>
    private List<string> Differences(SiteHost host)
    {
        // A full build told the same comments as the server told the host.
        var store = new BuildStore();
        foreach (var (post, approved) in comments) store.SetComments(post, approved);
        var full = SiteBuilder.Run(host.BuildOptions() with { DeferPages = false }, store: store);
        Assert.True(full.Succeeded, string.Join("\n", full.Diagnostics));
        var expected = full.Files.ToDictionary(f => f.Path, f => f.Bytes ?? File.ReadAllBytes(f.CopyFrom!));
        // A file below a folder the preview left pending (the search index) is made as a browser would ask for it.
        var snapshot = host.Current;
        return expected.Keys.Union(snapshot.Files.Keys)
            .Where(path => !expected.TryGetValue(path, out var bytes) || snapshot.Find(path) is not { } file || !bytes.AsSpan().SequenceEqual(file.Bytes))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Rebuilds with the files written since the last rebuild, as the watcher reports them, and asserts that every
    /// output is a full build's.</summary>
    private void RebuildAndCompare(SiteHost host, string context)
    {
        host.Rebuild([.. changed]);
        changed.Clear();
        var differences = Differences(host);
        Assert.True(differences.Count == 0, $"{context}: {string.Join(", ", differences)} differ from a full build");
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    // `lemma serve --production` builds no drafts, so a draft toggled there leaves and rejoins the site.
    [InlineData(7, true)]
    [InlineData(8, true)]
    public void Random_edits_give_the_bytes_of_a_full_build(int seed, bool production)
    {
        var random = new Random(seed);
        var host = Start(production);
        var reusedPages = 0;
        for (var step = 0; step < 30; step++)
        {
            var op = Edit(random, step, host);
            RebuildAndCompare(host, $"seed {seed}, step {step} ({op})");
            reusedPages += host.ReusedPages;
        }
        Assert.True(host.ReusedContent > 0, "no page's content was ever reused");
        Assert.True(reusedPages > 0, "no rendered page was ever reused");
    }

    /// <summary>
    /// The preview renders a page when it is first asked for: a rebuild lists the pages an edit reached as changed without
    /// rendering one, so a new post that moves every list page costs the page a browser has open, not a thousand.
    /// </summary>
    [Fact]
    public void A_preview_rebuild_renders_no_page_and_each_reached_page_is_rendered_when_asked_for()
    {
        var host = Start(production: false, fills: false);
        var pending = host.Current.Unrendered.Select(f => f.Path).ToList();
        Assert.Contains("posts/p7/index.html", pending);
        Assert.Empty(Differences(host)); // reads every page, so renders them all

        Save("p40", new Post("The newest", 28, "loss", "Fresh."));
        host.Rebuild([.. changed]);
        changed.Clear();
        var reached = host.Current.Unrendered.Select(f => f.Path).ToList();
        Assert.Contains("posts/p40/index.html", reached);
        Assert.Contains("posts/index.html", reached); // the list of posts shows it first
        Assert.DoesNotContain("posts/p7/index.html", reached); // untouched: served as rendered before
        Assert.True(host.ReusedPages > 0);
        Assert.Equal(reached.Order(StringComparer.Ordinal), host.Current.Changed.Where(p => reached.Contains(p)).Order(StringComparer.Ordinal));

        Assert.Contains("Fresh.", System.Text.Encoding.UTF8.GetString(host.Current.Files["posts/p40/index.html"].Bytes));
        Assert.Empty(Differences(host));
        Assert.Empty(host.Current.Unrendered);
    }

    /// <summary>An edit that reaches a page a browser has open announces it; a page nobody has opened yet is not
    /// announced (no browser shows it, and a rebuild need not renew 16,000 pages still to be rendered) but shows the edit
    /// when asked for; a feed or the sitemap no change reached stays as it was, rendered or not.</summary>
    [Fact]
    public void An_edit_announces_the_pages_a_browser_opened_and_a_page_not_yet_rendered_shows_it_when_asked_for()
    {
        var host = Start(production: false, fills: false);
        Assert.Contains("posts/p7/index.html", host.Current.Unrendered.Select(f => f.Path));
        _ = host.Current.Files["posts/p8/index.html"].Bytes; // a browser opens p8
        Save("p7", new Post("Seventh, edited", 7, "loss", "A new body."));
        Save("p8", new Post("Eighth, edited", 8, "loss", "Another new body."));
        host.Rebuild([.. changed]);
        changed.Clear();
        Assert.Contains("posts/p8/index.html", host.Current.Changed);
        Assert.DoesNotContain("posts/p7/index.html", host.Current.Changed);
        Assert.DoesNotContain("sitemap.xml", host.Current.Changed);
        Assert.Contains("A new body.", System.Text.Encoding.UTF8.GetString(host.Current.Files["posts/p7/index.html"].Bytes));
        Assert.Contains("Another new body.", System.Text.Encoding.UTF8.GetString(host.Current.Files["posts/p8/index.html"].Bytes));
        Assert.Empty(Differences(host));
    }

    /// <summary>
    /// The comparison above is what catches a stale output: a rebuild told the wrong files (none, or another post than the
    /// one edited) keeps what a full build would change. Were this to pass with no difference, the property test could
    /// not fail when an engine drops a dependency.
    /// </summary>
    [Fact]
    public void A_rebuild_told_the_wrong_changed_paths_differs_from_a_full_build()
    {
        var host = Start(production: false);
        Save("p2", posts["p2"] with { Title = "Retitled, unannounced" });
        changed.Clear();
        host.Rebuild([]);
        Assert.Contains("posts/p2/index.html", Differences(host));

        Save("p3", posts["p3"] with { Title = "Retitled, announced as another post" });
        changed.Clear();
        host.Rebuild(["content/posts/p4.md"]);
        Assert.Contains("posts/p3/index.html", Differences(host));

        // Told the truth at last, the rebuild catches up with both edits.
        host.Rebuild(["content/posts/p2.md", "content/posts/p3.md"]);
        Assert.Empty(Differences(host));
    }

    /// <summary>
    /// Shortcodes are read in Hugo sites only (a Lemma site leaves <c>{{&lt;</c> as text), so the site's shortcode template,
    /// the params a shortcode reads and a <c>relref</c> to a page that moves are edited in a Hugo site of its own.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_edits_of_a_hugo_site_with_shortcodes_give_the_bytes_of_a_full_build(int seed)
    {
        var random = new Random(seed);
        Write("hugo.toml", HugoConfig("first"));
        Write("layouts/shortcodes/note.html", "<aside class=\"note\">{{ .Get 0 }}: {{ .Inner }}</aside>");
        for (var i = 1; i <= 12; i++) Write($"content/posts/h{i}.md", HugoPost($"H{i}", i));
        var host = new SiteHost(new ServerOptions { Source = root, Port = 0 });
        host.Rebuild();
        changed.Clear();
        var pages = Enumerable.Range(2, 11).ToList();
        for (var step = 0; step < 20; step++)
        {
            var op = EditHugoSite(random, step, pages);
            RebuildAndCompare(host, $"seed {seed}, step {step} ({op})");
        }
    }

    /// <summary>One random edit of the Hugo site; <paramref name="pages"/> are the numbers of its posts but h1.</summary>
    private string EditHugoSite(Random random, int step, List<int> pages)
    {
        var target = pages[random.Next(pages.Count)];
        switch (random.Next(7))
        {
            case 0: // a body edit beside the shortcodes
                Write($"content/posts/h{target}.md", HugoPost($"H{target}", target, more: $"More, step {step}."));
                return "body";
            case 1: // the title, which the shortcode template shows through .Page.Title once edited so
                Write($"content/posts/h{target}.md", HugoPost($"Retitled {step}", target));
                return "title";
            case 2: // the shortcode template edited: every page that uses it changes
                Write("layouts/shortcodes/note.html",
                    $"<aside class=\"note {step}\">{{{{ .Get 0 }}}} on {{{{ .Page.Title }}}}: {{{{ .Inner }}}} {{{{ .Site.Params.topic }}}}</aside>");
                return "shortcode template";
            case 3 when Exists("layouts/shortcodes/note.html"): // the template removed: the shortcode is unknown, its tags shown
                Delete("layouts/shortcodes/note.html");
                return "shortcode template removed";
            case 3:
                Write("layouts/shortcodes/note.html", $"<aside>{{{{ .Get 0 }}}} ({step})</aside>");
                return "shortcode template added";
            case 4: // the site params that `param` and the template read
                Write("hugo.toml", HugoConfig($"topic {step}"));
                return "params";
            case 5: // a new page that uses the shortcode
                pages.Add(next);
                Write($"content/posts/h{next}.md", HugoPost($"H{next}", next++));
                return "create";
            default: // the page every post's relref names moves: the links follow it
                Write("content/posts/h1.md", HugoPost("H1", 1, slug: $"first-{step}"));
                return "relref target moved";
        }
    }

    private static string HugoConfig(string topic) => $"baseURL = 'https://example.org/'\ntitle = 'Hugo'\n[params]\n  topic = '{topic}'\n";

    /// <summary>Post number <paramref name="n"/> of the Hugo site, with a shortcode of the site's, a built-in and a relref.</summary>
    private static string HugoPost(string title, int n, string more = "", string slug = "") =>
        $"---\ntitle: \"{title}\"\ndate: 2024-03-{1 + (n - 1) % 28:00}\n" + (slug.Length > 0 ? $"slug: {slug}\n" : "")
        + $"---\n\nOn {{{{< param topic >}}}}, {{{{< note \"N{n}\" >}}}}inside *{title}*{{{{< /note >}}}}, see [h1]({{{{< relref \"h1.md\" >}}}}).\n\n{more}\n";

    /// <summary>
    /// Quarto's <c>{{&lt; include &gt;}}</c> puts another file's Markdown in a page, and <c>var</c> reads
    /// <c>_variables.yml</c>: files that are no page, edited while pages read them, in a Quarto site of its own.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_edits_of_a_quarto_site_with_includes_give_the_bytes_of_a_full_build(int seed)
    {
        var random = new Random(seed);
        Write("_quarto.yml", "project:\n  type: website\nwebsite:\n  title: Quarto\n  site-url: https://example.org/\n");
        Write("_variables.yml", "topic: first\n");
        Write("_part.qmd", "Included *part*.\n");
        Write("posts/_metadata.yml", "categories: [shared]\n");
        for (var i = 1; i <= 12; i++) Write($"posts/q{i}/index.qmd", QuartoPost($"Q{i}", i));
        var host = new SiteHost(new ServerOptions { Source = root, Port = 0 });
        host.Rebuild();
        changed.Clear();
        var pages = Enumerable.Range(1, 12).ToList();
        for (var step = 0; step < 20; step++)
        {
            var op = EditQuartoSite(random, step, pages);
            RebuildAndCompare(host, $"seed {seed}, step {step} ({op})");
        }
    }

    /// <summary>One random edit of the Quarto site; <paramref name="pages"/> are the numbers of its posts.</summary>
    private string EditQuartoSite(Random random, int step, List<int> pages)
    {
        var target = pages[random.Next(pages.Count)];
        switch (random.Next(7))
        {
            case 0: // a body edit beside the shortcodes
                Write($"posts/q{target}/index.qmd", QuartoPost($"Q{target}", target, more: $"More, step {step}."));
                return "body";
            case 1: // the title, which `meta title` shows in the body
                Write($"posts/q{target}/index.qmd", QuartoPost($"Retitled {step}", target));
                return "title";
            case 2: // the included file: every page that includes it changes
                Write("_part.qmd", $"Included *part*, step {step}.\n\n## Included heading {step}\n");
                return "included file";
            case 3: // the variables `var` reads
                Write("_variables.yml", $"topic: topic {step}\n");
                return "variables";
            case 4: // the folder's metadata, which every page below takes as its own front matter
                Write("posts/_metadata.yml", $"categories: [shared, c{step % 3}]\n");
                return "folder metadata";
            case 5 or 6 when pages.Count > 3: // delete
                Delete($"posts/q{target}/index.qmd");
                pages.Remove(target);
                return "delete";
            default: // a new page that includes the file
                pages.Add(next);
                Write($"posts/q{next}/index.qmd", QuartoPost($"Q{next}", next++));
                return "create";
        }
    }

    /// <summary>Post number <paramref name="n"/> of the Quarto site, which reads a variable, its title and the included file.</summary>
    private static string QuartoPost(string title, int n, string more = "") =>
        $"---\ntitle: \"{title}\"\ndate: 2024-03-{1 + (n - 1) % 28:00}\n---\n\n"
        + $"On {{{{< var topic >}}}}, in {{{{< meta title >}}}}.\n\n{{{{< include /_part.qmd >}}}}\n\n{more}\n";

    /// <summary>Makes one random edit of one kind of input; returns the kind, for the failure message.</summary>
    private string Edit(Random random, int step, SiteHost host)
    {
        var names = posts.Keys.Order(StringComparer.Ordinal).ToList();
        var target = names[random.Next(names.Count)];
        var post = posts[target];
        // p1 keeps its URL and stays published: other posts link to it, and a broken link fails the full build.
        var movable = target != "p1";
        switch (random.Next(25))
        {
            case 0: // the body alone: lists that show only titles and summaries keep their output
                if (random.Next(3) == 0)
                {
                    // A body edit that breaks the build, then one that mends it: the errors come and go as a full build's.
                    Save(target, post with { Body = post.Body + $"\n\nA [broken link](/nowhere/{step}/)." });
                    host.Rebuild([.. changed]);
                    changed.Clear();
                    var broken = SiteBuilder.Run(host.BuildOptions() with { DeferPages = false });
                    Assert.False(broken.Succeeded);
                    Assert.Equal(broken.Diagnostics.Select(d => d.ToString()), host.Current.Errors.Select(d => d.ToString()));
                }
                Save(target, post with { Body = post.Body + $"\n\nAnother paragraph, step {step}." });
                return "body";
            case 1: // the title alone: lists, related posts, series and neighbours show it
                Save(target, post with { Title = $"R{step}" });
                return "title";
            case 2: // the date alone: lists reorder, neighbours change, series reorder
                Save(target, post with { Day = random.Next(1, 28) });
                return "date";
            case 3: // the tags alone: term pages gain and lose the post
                Save(target, post with { Tags = string.Join(", ", Tags.OrderBy(_ => random.Next()).Take(random.Next(1, 4))) });
                return "tags";
            case 4: // the summary alone: list cards show it
                Save(target, post with { Summary = post.Summary.Length > 0 && random.Next(3) == 0 ? "" : $"Summary {step}" });
                return "summary";
            case 5: // create
                Save($"p{next++}", new Post($"N{step}", random.Next(1, 28), Tags[random.Next(Tags.Length)], Bodies[random.Next(Bodies.Length)]));
                return "create";
            case 6 when posts.Count > 2 && movable: // delete
                Delete($"content/posts/{target}.md");
                posts.Remove(target);
                return "delete";
            case 7 when movable: // rename: the old URL goes, the new one comes
                var renamed = $"p{next++}";
                File.Move(Path.Combine(root, $"content/posts/{target}.md"), Path.Combine(root, $"content/posts/{renamed}.md"));
                changed.AddRange([$"content/posts/{target}.md", $"content/posts/{renamed}.md"]);
                posts.Remove(target);
                posts[renamed] = post;
                return "rename";
            case 8: // a site layout overriding the theme's, then edited, then removed
                if (Exists("layouts/term.liquid") && random.Next(2) == 0)
                {
                    Delete("layouts/term.liquid");
                    return "layout removed";
                }
                // Term pages that show their posts' word counts (a body member) through a partial.
                Write("layouts/term.liquid", $"<h1>{{{{ page.title }}}} ({step})</h1>{{% for p in paginator.items %}}{{% render 'partials/words', item: p %}}{{% endfor %}}");
                Write("layouts/partials/words.liquid", "<p>{{ item.title }}: {{ item.word_count }} words</p>");
                return "layout";
            case 9: // a partial of the site's own, edited on its own while a layout renders it (or, with no layout, unused)
                Write("layouts/partials/words.liquid", $"<p>{{{{ item.title }}}} ({step}): {{{{ item.reading_minutes }}}} min, {{{{ item.summary | raw }}}}</p>");
                return "partial";
            case 10: // a partial the theme has (its series box), overridden by the site, edited, then removed: the theme's returns
                if (Exists("layouts/partials/series.liquid") && random.Next(2) == 0)
                {
                    Delete("layouts/partials/series.liquid");
                    return "theme partial override removed";
                }
                Write("layouts/partials/series.liquid",
                    $"{{% if page.series %}}<p>{{{{ page.series.name }}}} {{{{ page.series.index }}}}/{{{{ page.series.total }}}} ({step}): {{% for part in page.series.pages %}}{{{{ part.title }}}} {{% endfor %}}</p>{{% endif %}}");
                return "theme partial override";
            case 11: // an include: the theme's author box is overridden by one that includes a site partial seeing the
                     // page; the included partial is edited alone, or the override removed and put back
                if (random.Next(4) == 0)
                {
                    if (Exists("layouts/partials/author.liquid")) Delete("layouts/partials/author.liquid");
                    else Write("layouts/partials/author.liquid", AuthorWithInclude);
                    return "include toggled";
                }
                // The included partial reads the page and a data file that may come and go.
                Write("layouts/partials/colophon.liquid",
                    $"<p>{{{{ page.title }}}}, {{{{ page.word_count }}}} words ({step}); {{% for r in site.data.extra %}}{{{{ r.title }}}} {{% endfor %}}</p>");
                return "included partial";
            case 12 when random.Next(2) == 0 || !Exists("static/notes.txt"): // a static file written
                Write("static/notes.txt", $"Notes, step {step}.\n");
                return "static";
            case 12: // a static file deleted
                Delete("static/notes.txt");
                return "static deleted";
            case 13 when random.Next(3) > 0 || !Exists("assets/css/site.css"): // the site's own stylesheet in place of the
                                                                              // theme's: every page links its new hash
                Write("assets/css/site.css", $"body {{ margin: {step}px; }}\n");
                return "asset";
            case 13: // the site's stylesheet removed: the theme's comes back, with its hash
                Delete("assets/css/site.css");
                return "asset deleted";
            case 14: // data: the home page's recommendations edited, or another data file added or removed
                switch (random.Next(3))
                {
                    case 0:
                        Write("data/recommendations.yaml", $"- {{ kind: Book, title: Book {step}, link: https://example.org/{step} }}\n");
                        return "data";
                    case 1 when Exists("data/extra.yaml"):
                        Delete("data/extra.yaml");
                        return "data deleted";
                    default:
                        Write("data/extra.yaml", $"- {{ kind: Note, title: Extra {step}, link: https://example.org/extra/{step} }}\n");
                        return "data added";
                }
            case 15: // series: a post joins, leaves or changes series; every member's series box lists the members
                Save(target, post with { Series = random.Next(3) == 0 ? "" : SeriesNames[random.Next(SeriesNames.Length)] });
                return "series";
            case 16: // the bibliography: an entry's title changes (citing posts' references show it), an entry comes and
                     // goes (a bare @lamport1994 becomes a citation, and back to text)
                Write("references.bib", Bibliography($"The Book {step}", withLamport: random.Next(2) == 0));
                return "bibliography";
            case 17 when Exists("content/posts/refs.bib") && random.Next(2) == 0: // the folder's own bibliography removed:
                                                                                 // the site's entries are cited again
                Delete("content/posts/refs.bib");
                return "folder bibliography removed";
            case 17: // a bibliography of the posts' folder, whose entries win over the site's for the posts below it
                Write("content/posts/refs.bib", Bibliography($"The Folder's Book {step}", withLamport: random.Next(2) == 0));
                return "folder bibliography";
            case 18: // the body's <!--more--> added or moved: the summary lists and feeds show changes
                var paragraphs = post.Body.Replace("\n\n<!--more-->", "").Split("\n\n").ToList();
                paragraphs.Insert(random.Next(1, paragraphs.Count + 1), "<!--more-->");
                Save(target, post with { Body = string.Join("\n\n", paragraphs) + $"\n\nAfter the fold, step {step}." });
                return "more";
            case 19: // a heading added to the body, with the table of contents on or off: the page's toc shows it
                Save(target, post with { Body = post.Body + $"\n\n## Heading {step}\n\nUnder it.", Toc = random.Next(2) == 0 });
                return "heading";
            case 20 when movable: // draft toggled: under preview the page is marked, in production it leaves every list
                Save(target, post with { Draft = !post.Draft });
                return "draft";
            case 21 when movable: // slug or aliases: the post's URL moves, and redirect pages come and go at old URLs
                Save(target, random.Next(2) == 0
                    ? post with { Slug = random.Next(3) == 0 ? "" : $"moved-{step}" }
                    : post with { Aliases = random.Next(3) == 0 ? "" : $"/old/{target}-{step}/" });
                return "slug or aliases";
            case 22: // reader comments: the server tells the build a post's approved comments, one more, or one fewer
                var url = $"/posts/{target}/";
                var approved = comments.GetValueOrDefault(url, []);
                approved = approved.Count > 0 && random.Next(3) == 0
                    ? [.. approved.Skip(1)]
                    : [.. approved, new ReaderComment(step + 1, approved.Count > 0 && random.Next(2) == 0 ? approved[^1].Id : null, $"Reader {step}",
                        random.Next(2) == 0 ? "https://reader.example/" : "", $"<p>Comment {step}</p>", new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero).AddHours(step))];
                comments[url] = approved;
                host.SetComments(url, approved);
                return "comments";
            case 23: // what places a post without moving it: featured on the home page, an updated date (recent changes,
                     // the sitemap), its place in its series, its own layout
                var which = random.Next(4);
                // The series order of a post in a series: every part's series box lists them in that order.
                if (which == 2 && posts.Where(p => p.Value.Series.Length > 0).Select(p => p.Key).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } parts)
                {
                    target = parts[random.Next(parts.Count)];
                    post = posts[target];
                }
                Save(target, which switch
                {
                    0 => post with { Featured = !post.Featured },
                    1 => post with { Updated = random.Next(1, 28) },
                    2 => post with { SeriesOrder = random.Next(1, 4) },
                    _ => post with { Layout = post.Layout == "single" ? "page" : "single" },
                });
                return "featured, updated, series order or layout";
            default: // config
                Write("site.yaml", Config(step));
                return "config";
        }
    }
}
