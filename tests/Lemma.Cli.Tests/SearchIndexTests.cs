using Lemma.Search;

namespace Lemma.Cli.Tests;

/// <summary>The search index `lemma build` writes under /search/ (issue #18): what it holds, and how a query ranks over it.</summary>
public class SearchIndexTests
{
    private const string Site = """
        -- site.yaml --
        title: Gradients
        base_url: https://x.example/
        search: true
        -- content/posts/attention.md --
        ---
        title: Attention from scratch
        date: 2024-03-01
        tags: [transformers]
        ---
        We build `nn.Linear` layers and a softmax over the scores, then the KL divergence. Sorting costs O(n log n).

        ## Schrödinger's cat

        A heading with a diacritic.
        -- content/posts/adam.md --
        ---
        title: Adam, the optimizer
        date: 2024-02-01
        ---
        Adam keeps running averages of gradients. The attention paid to attention is little here.
        -- content/posts/secret.md --
        ---
        title: Secret draft
        date: 2024-01-03
        draft: true
        ---
        Hiddenword in a draft.
        -- content/posts/later.md --
        ---
        title: Secret future
        date: 2099-01-01
        ---
        Hiddenword in a future post.
        -- content/posts/private.md --
        ---
        title: Unlisted
        date: 2024-01-04
        search: false
        ---
        Hiddenword on a page kept out of search.
        -- content/about.md --
        ---
        title: About
        ---
        Who writes this.
        """;

    private static IndexFormat.Fragment[] Fragments(TempSite site) =>
        [.. site.Files("public/search/d").Order().Select(f => IndexFormat.ReadDoc(File.ReadAllBytes(Path.Combine(site.Root, "public/search/d", f))))];

    private static string[] Titles(TempSite site, string query)
    {
        byte[]? Read(string path) => site.Exists("public/" + path) ? File.ReadAllBytes(Path.Combine(site.Root, "public", path)) : null;
        return [.. Searcher.Run(query, Read, 10).Select(h => IndexFormat.ReadDoc(Read(IndexFormat.DocPath(h.Doc))!).Title)];
    }

    private static Shard ShardOf(TempSite site, string word) =>
        IndexFormat.ReadShard(File.ReadAllBytes(Path.Combine(site.Root, "public", IndexFormat.ShardPath(IndexFormat.Key(word)))));

    [Fact]
    public void Each_published_page_has_a_fragment_with_its_title_url_date_section_and_text()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var fragments = Fragments(site);
        Assert.Equal(["About", "Adam, the optimizer", "Attention from scratch"], fragments.Select(f => f.Title).Order());
        var attention = fragments.Single(f => f.Title == "Attention from scratch");
        Assert.Equal(("/posts/attention/", "2024-03-01", "posts"), (attention.Url, attention.Date, attention.Section));
        Assert.StartsWith("We build nn.Linear layers", attention.Text);
    }

    [Fact]
    public void Drafts_future_posts_and_pages_with_search_false_are_never_indexed()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.DoesNotContain(Fragments(site), f => f.Title.Contains("Secret") || f.Title == "Unlisted");
        Assert.False(site.Exists("public/" + IndexFormat.ShardPath("hid")));
        Assert.Empty(Titles(site, "hiddenword"));
    }

    [Fact]
    public void Code_and_math_terms_are_findable_whole_and_by_their_parts()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Contains(ShardOf(site, "nn.linear").Words, w => w.Word == "nn.linear");
        Assert.Equal(["Attention from scratch"], Titles(site, "nn.Linear"));
        Assert.Equal(["Attention from scratch"], Titles(site, "linear"));
        Assert.Equal(["Attention from scratch"], Titles(site, "softmax"));
        Assert.Equal(["Attention from scratch"], Titles(site, "KL"));
        Assert.Equal(["Attention from scratch"], Titles(site, "O(n log n)"));
        Assert.Equal(["Adam, the optimizer"], Titles(site, "Adam"));
    }

    [Fact]
    public void Diacritics_are_folded_and_english_words_are_stemmed()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Equal(["Attention from scratch"], Titles(site, "schrodinger"));
        Assert.Equal(["Attention from scratch"], Titles(site, "Schrödinger"));
        // "averages" is in the index, and leads to the stem "averag"; "gradient" to "gradients".
        Assert.Equal(["Adam, the optimizer"], Titles(site, "averages"));
        Assert.Contains(ShardOf(site, "running").Words, w => w.Word == "running");
    }

    [Fact]
    public void A_title_word_ranks_its_page_above_a_page_that_only_mentions_it()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Equal(["Attention from scratch", "Adam, the optimizer"], Titles(site, "attention"));
    }

    [Fact]
    public void A_page_named_by_its_title_and_one_of_its_headings_comes_first_among_pages_that_say_the_words_more()
    {
        // Twenty posts of one title say "masking" and "future" again and again, in their text and in two headings;
        // one, as long, says them once, in one heading: the reader who types the title and that heading means that one.
        var posts = string.Concat(Enumerable.Range(1, 20).Select(i => $"""
            -- content/posts/attention-{i}.md --
            ---
            title: Attention from scratch
            date: 2024-03-{i:00}
            ---
            ## Masking

            {string.Concat(Enumerable.Repeat("Masking the future, masking again. ", 12))}

            ## The future

            More on what is to come.

            """));
        using var site = TempSite.From($"""
            -- site.yaml --
            title: Gradients
            {posts}
            -- content/posts/named.md --
            ---
            title: Attention from scratch
            date: 2023-01-01
            ---
            ## Masking the future

            A causal mask, once. {string.Concat(Enumerable.Repeat("Other words fill the page as long. ", 12))}
            """);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        byte[]? Read(string path) => site.Exists("public/" + path) ? File.ReadAllBytes(Path.Combine(site.Root, "public", path)) : null;
        var first = Searcher.Run("attention scratch masking future", Read, 3)[0];
        Assert.Equal("/posts/named/", IndexFormat.ReadDoc(Read(IndexFormat.DocPath(first.Doc))!).Url);
        Assert.Equal((4, 2), (first.Cover, first.Pairs));
    }

    [Fact]
    public void A_word_being_typed_finds_the_words_it_begins()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Equal(["Adam, the optimizer"], Titles(site, "optim"));
        Assert.Equal(["Attention from scratch"], Titles(site, "softm"));
        Assert.Equal(["Attention from scratch"], Titles(site, "transfor"));
    }

    [Fact]
    public void Every_page_has_a_search_box_that_submits_to_the_search_page_without_loading_the_client()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var post = site.Read("public/posts/adam/index.html");
        Assert.Contains("<form class=\"site-search\" role=\"search\" action=\"/search/\" method=\"get\"", post);
        Assert.DoesNotContain("<script src=\"/assets/js/search.js", post);
        var page = site.Read("public/search/index.html");
        Assert.Contains("<script src=\"/assets/js/search.js", page);
        Assert.Contains("<!--search-results-->", page);
        Assert.DoesNotContain("/search/", site.Read("public/sitemap.xml"));
    }

    [Fact]
    public void Search_false_in_site_yaml_turns_the_index_the_page_and_the_box_off()
    {
        using var site = TempSite.From(Site + "\n-- site.yaml --\ntitle: T\nbase_url: https://x.example/\nsearch: false\n");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "public/search")));
        Assert.DoesNotContain("site-search", site.Read("public/posts/adam/index.html"));
    }

    [Fact]
    public void A_search_setting_that_is_not_true_or_false_is_an_error_at_its_line()
    {
        using var site = TempSite.From(Site + "\n-- site.yaml --\ntitle: T\nsearch: maybe\n");
        var run = site.Lemma("build");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("site.yaml:2:1: error: search must be true or false; got 'maybe'", run.Errors);
    }
}
