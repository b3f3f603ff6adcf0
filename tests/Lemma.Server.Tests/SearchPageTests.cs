using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Lemma.Build;
using Lemma.Search;
using Lemma.Server.Hosting;
using Lemma.Server.Publishing;

namespace Lemma.Server.Tests;

/// <summary>
/// /search/?q= under `serve --production` (issue #18): the search page with results the server rendered from the index
/// the build wrote, so search works with JavaScript off; and under `serve`, an edit remaking only the index files its
/// words touch, under preview only when a browser asks for them.
/// </summary>
public class SearchPageTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["site.yaml"] = "title: Gradients\nsearch: true\n",
        ["content/posts/attention.md"] = "---\ntitle: Attention from scratch\ndate: 2024-03-01\ntags: [transformers]\n---\nWe build `nn.Linear` layers and a softmax over the scores.\n",
        ["content/posts/adam.md"] = "---\ntitle: Adam, the optimizer\ndate: 2024-02-01\n---\nAdam keeps running averages of gradients; a quokka watches.\n",
        ["content/posts/draft.md"] = "---\ntitle: Draft\ndate: 2024-01-01\ndraft: true\n---\nA softmax draft.\n",
    };

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public async Task Search_page_shows_results_the_server_rendered_with_title_date_section_and_marked_snippet()
    {
        await using var site = await ServedSite.Start(Files, production: true);
        var response = await site.Http.GetAsync("search/?q=softmax");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        var page = Parse(await response.Content.ReadAsStringAsync());
        var results = page.QuerySelectorAll("#search-results li");
        var only = Assert.Single(results);
        Assert.Equal("Attention from scratch", only.QuerySelector("a")!.TextContent);
        Assert.Equal("/posts/attention/", only.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("2024-03-01 · posts", only.QuerySelector(".search-meta")!.TextContent);
        Assert.Equal("softmax", only.QuerySelector("p mark")!.TextContent);
        Assert.Equal("softmax", page.QuerySelector("#search-q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Search_page_without_a_query_is_the_page_the_build_wrote()
    {
        await using var site = await ServedSite.Start(Files, production: true);
        var page = Parse(await site.Get("search/"));
        Assert.Empty(page.QuerySelectorAll("#search-results *"));
        Assert.NotNull(page.QuerySelector("form.search-form[action='/search/'][method=get] input[name=q]"));
    }

    [Fact]
    public async Task A_word_being_typed_finds_the_words_it_begins_and_a_query_with_no_match_says_so()
    {
        await using var site = await ServedSite.Start(Files, production: true);
        Assert.Equal("Adam, the optimizer", Parse(await site.Get("search/?q=optim")).QuerySelector("#search-results li a")!.TextContent);
        Assert.Equal("No results for “zebra”.", Parse(await site.Get("search/?q=zebra")).QuerySelector("#search-results .search-none")!.TextContent);
    }

    [Fact]
    public async Task A_word_every_text_says_still_ranks_first_the_page_with_it_in_its_title()
    {
        // Each post says "quantized" many times; only one has it in its title. BM25 over the text alone gives the word
        // no weight at all; among titles it is rare, and names the page.
        var files = new Dictionary<string, string> { ["site.yaml"] = "title: Kernels\nsearch: true\n" };
        for (var i = 0; i < 6; i++)
            files[$"content/posts/post-{i}.md"] = $"---\ntitle: Kernel notes {i}\ndate: 2024-03-0{i + 1}\n---\n" + string.Concat(Enumerable.Repeat("Quantized matmuls, quantized weights. ", 4 - i % 3)) + "\n";
        files["content/posts/target.md"] = "---\ntitle: Quantized kernels\ndate: 2024-01-01\n---\nOnce, in passing: quantized.\n";
        await using var site = await ServedSite.Start(files, production: true);
        Assert.Equal("Quantized kernels", Parse(await site.Get("search/?q=quantized")).QuerySelector("#search-results li a")!.TextContent);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("softmax <b>&amp;</b> '\"")]
    [InlineData("!!! ... ??? (( )) [[ ]] ^$*+?.|\\")]
    [InlineData("")]
    public async Task Html_metacharacters_punctuation_and_regex_syntax_come_back_escaped(string query)
    {
        await using var site = await ServedSite.Start(Files, production: true);
        var html = await site.Get("search/?q=" + Uri.EscapeDataString(query));
        var page = Parse(html);
        Assert.Equal(query, page.QuerySelector("#search-q")!.GetAttribute("value"));
        Assert.Empty(page.QuerySelectorAll("img, b, #search-results script"));
        Assert.DoesNotContain("<script>alert", html);
    }

    [Fact]
    public async Task A_long_query_is_answered_with_its_first_two_hundred_characters_and_one_past_the_request_line_limit_is_refused()
    {
        await using var site = await ServedSite.Start(Files, production: true);
        // The box sends at most 200 characters; a hand-made URL fits Kestrel's 8 KB request line up to about this long.
        var query = string.Concat(Enumerable.Repeat("softmax <x> ", 400))[..4_000];
        var response = await site.Http.GetAsync("search/?q=" + Uri.EscapeDataString(query).Replace("%20", "+"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(query[..Searcher.MaxQuery], page.QuerySelector("#search-q")!.GetAttribute("value"));
        Assert.Equal("Attention from scratch", page.QuerySelector("#search-results li a")!.TextContent);

        var tooLong = await site.Http.GetAsync("search/?q=" + new string('a', 10_000));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
    }

    [Fact]
    public async Task No_vector_of_the_xss_corpus_as_a_query_adds_an_element_or_an_attribute_to_the_page()
    {
        await using var site = await ServedSite.Start(Files, production: true);
        static string Outside(IDocument page) => string.Join('\n', page.All.Where(e => e.Closest("#search-results") is null)
            .Select(e => e.LocalName + " " + string.Join(' ', e.Attributes.Select(a => a.Name))));
        var baseline = Outside(Parse(await site.Get("search/?q=x")));
        var failures = new List<string>();
        foreach (var vector in XssCorpusTests.Corpus())
        {
            var page = Parse(await site.Get("search/?q=" + Uri.EscapeDataString(vector.Text)));
            if (Outside(page) != baseline) failures.Add($"{vector.Id}: the page around the results changed");
            foreach (var e in page.QuerySelectorAll("#search-results *"))
                if (e.LocalName is not ("ol" or "li" or "a" or "span" or "p" or "mark") || e.Attributes.Any(a => a.Name is not ("href" or "class")))
                    failures.Add($"{vector.Id}: <{e.LocalName}> in the results");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task The_search_page_is_not_rendered_by_the_preview_server()
    {
        await using var site = await ServedSite.Start(Files);
        Assert.Empty(Parse(await site.Get("search/?q=softmax")).QuerySelectorAll("#search-results *"));
    }

    [Fact]
    public void A_body_edit_under_serve_production_remakes_that_pages_fragment_and_the_shards_of_its_words_only()
    {
        var root = Directory.CreateTempSubdirectory("lemma-search-").FullName;
        try
        {
            foreach (var (path, text) in Files) Write(root, path, text);
            for (var i = 0; i < 12; i++) Write(root, $"content/posts/p{i}.md", $"---\ntitle: Post {i}\ndate: 2024-01-{i + 2:00}\n---\nWords of post {i}: walrus{i} and narwhal.\n");
            var host = new SiteHost(new ServerOptions { Source = root, Port = 0, Production = true });
            host.Rebuild();
            Write(root, "content/posts/adam.md", Files["content/posts/adam.md"].Replace("a quokka watches", "a zeppelin passes"));
            host.Rebuild(["content/posts/adam.md"]);
            var changed = host.Current.Changed.Where(p => p.StartsWith("search/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
            Assert.Contains("search/t/zep.json", changed);
            Assert.Contains("search/t/quo.json", changed); // gone, with the word
            Assert.DoesNotContain("search/t/wal.json", changed);
            Assert.DoesNotContain("search/t/nar.json", changed);
            Assert.Single(changed, p => p.StartsWith("search/d/", StringComparison.Ordinal));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void A_new_post_under_serve_production_adds_its_fragment_and_remakes_the_shards_of_its_words_only()
    {
        var root = Directory.CreateTempSubdirectory("lemma-search-").FullName;
        try
        {
            foreach (var (path, text) in Files) Write(root, path, text);
            for (var i = 0; i < Posts; i++) Write(root, $"content/posts/p{i}.md", $"---\ntitle: Walrus{i}\ndate: 2023-01-01T{i / 60:00}:{i % 60:00}:00Z\n---\nWords of post {i}: walrus{i} and narwhal.\n");
            var host = new SiteHost(new ServerOptions { Source = root, Port = 0, Production = true });
            host.Rebuild();
            var pages = host.Current.Files.Keys.Count(p => p.StartsWith("search/d/", StringComparison.Ordinal));
            // The page count BM25 reads is rounded: one more page reads the same, and scores no other shard again.
            Assert.Equal(Ranking.Rounded(pages), Ranking.Rounded(pages + 1));
            Write(root, "content/posts/ocelot.md", "---\ntitle: Ocelots\ndate: 2024-06-01\n---\nAn ocelot, newest of all.\n");
            host.Rebuild(["content/posts/ocelot.md"]);
            var changed = host.Current.Changed.Where(p => p.StartsWith("search/", StringComparison.Ordinal)).ToArray();
            Assert.Contains("search/t/oce.json", changed);
            Assert.DoesNotContain("search/t/wal.json", changed);
            Assert.DoesNotContain("search/t/nar.json", changed);
            // Pages are numbered oldest first: the new post takes the next number, every other page keeps its own.
            Assert.Equal([$"search/d/{pages}.json"], changed.Where(p => p.StartsWith("search/d/", StringComparison.Ordinal)));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    // Posts beside Files in the test above: a page count where one more rounds the same.
    private const int Posts = 52;

    [Fact]
    public void Under_preview_the_index_is_made_when_a_browser_asks_for_it_and_shows_each_edit()
    {
        var store = new BuildStore();
        var root = Directory.CreateTempSubdirectory("lemma-search-").FullName;
        try
        {
            foreach (var (path, text) in Files) Write(root, path, text);
            var host = new SiteHost(new ServerOptions { Source = root, Port = 0 }, static (o, s) => SiteBuilder.Run(o, store: s), store, fills: false);
            host.Rebuild();
            // Listed as a folder: no build (and so no edit) makes a page's words before a browser searches.
            Assert.DoesNotContain(host.Current.Files.Keys, p => p.StartsWith("search/t/", StringComparison.Ordinal) || p.StartsWith("search/d/", StringComparison.Ordinal));
            Assert.Equal(0, store.Memo.Counts.Computed(SearchQueries.Doc.Name));
            Write(root, "content/posts/adam.md", Files["content/posts/adam.md"].Replace("a quokka watches", "a zeppelin passes"));
            host.Rebuild(["content/posts/adam.md"]);
            Assert.Equal(0, store.Memo.Counts.Computed(SearchQueries.Doc.Name));

            var (shard, _) = SiteFiles.Resolve(host.Current, "/search/t/zep.json");
            Assert.Contains("zeppelin", System.Text.Encoding.UTF8.GetString(shard!.Bytes));
            Assert.Null(SiteFiles.Resolve(host.Current, "/search/t/quo.json").File); // the word is gone, and its shard
            Assert.Null(SiteFiles.Resolve(host.Current, "/search/t/zzz.json").File);
            Assert.Null(SiteFiles.Resolve(host.Current, "/search/d/99.json").File);
            var made = store.Memo.Counts.Computed(SearchQueries.Doc.Name);
            Assert.True(made > 0);

            // The next edit remakes that page's words only, when the index is next asked for.
            Write(root, "content/posts/adam.md", Files["content/posts/adam.md"].Replace("a quokka watches", "a quokka returns"));
            host.Rebuild(["content/posts/adam.md"]);
            Assert.Null(SiteFiles.Resolve(host.Current, "/search/t/zep.json").File);
            Assert.Contains("quokka", System.Text.Encoding.UTF8.GetString(SiteFiles.Resolve(host.Current, "/search/t/quo.json").File!.Bytes));
            Assert.Equal(made + 1, store.Memo.Counts.Computed(SearchQueries.Doc.Name));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    private static void Write(string root, string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
