namespace Lemma.Cli.Tests;

/// <summary>Which files of a Jekyll site are pages, and where they live, as Jekyll decides it: front matter, folders,
/// collections, <c>include:</c>, <c>defaults:</c>; and the front matter shapes themes write.</summary>
public sealed class JekyllPagesTests
{
    [Fact]
    public void A_markdown_file_without_front_matter_is_copied_as_it_is_and_an_excluded_one_not_at_all()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            exclude: [FAQ.md]
            -- GUIDE.md --
            # Guide

            No front matter, no title.
            -- FAQ.md --
            # FAQ
            -- docs/notes.md --
            plain notes
            -- about.md --
            ---
            title: About
            ---
            Hello.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("# Guide\n\nNo front matter, no title.\n", site.Read("public/GUIDE.md"));
        Assert.Equal("plain notes\n", site.Read("public/docs/notes.md"));
        Assert.False(site.Exists("public/FAQ.md"));
        Assert.False(site.Exists("public/GUIDE/index.html"));
        Assert.Contains("Hello.", site.Read("public/about/index.html"));
    }

    [Fact]
    public void Pages_in_folders_live_at_their_folder_and_their_old_html_urls_redirect()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            -- tag/attention.md --
            ---
            title: "Tag: attention"
            tag: attention
            ---
            Posts about attention.
            -- docs/index.md --
            ---
            ---
            The docs.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Posts about attention.", site.Read("public/tag/attention/index.html"));
        Assert.Contains("/tag/attention/", site.Read("public/tag/attention.html"));
        Assert.Contains("The docs.", site.Read("public/docs/index.html"));
        // A page, not a post: no section list appears for its folder.
        Assert.False(site.Exists("public/tag/index.html"));
    }

    [Fact]
    public void Collections_with_output_included_folders_and_front_matter_defaults_place_pages_as_jekyll_does()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            include: [_pages]
            collections:
              tabs:
                output: true
              books:
                output: true
              notes:
                output: false
            defaults:
              - scope:
                  path: ""
                  type: posts
                values:
                  permalink: /posts/:title/
                  mood: calm
              - scope:
                  path: ""
                  type: tabs
                values:
                  permalink: /:title/
            -- _posts/2020-01-02-First-Post.md --
            ---
            title: First
            ---
            Mood {{ page.mood }}.
            -- _tabs/about.md --
            ---
            title: About me
            ---
            Me.
            -- _books/dune.md --
            ---
            title: Dune
            ---
            A book.
            -- _notes/hidden.md --
            ---
            title: Hidden
            ---
            Not published.
            -- _pages/blog.md --
            ---
            title: Blog
            permalink: /blog/
            ---
            The blog.
            -- _pages/cv.md --
            ---
            title: CV
            permalink: /
            ---
            My CV.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Mood calm.", site.Read("public/posts/First-Post/index.html"));
        Assert.Contains("Me.", site.Read("public/about/index.html"));
        Assert.Contains("A book.", site.Read("public/books/dune.html"));
        Assert.Contains("The blog.", site.Read("public/blog/index.html"));
        // A page whose permalink is the root is the home page.
        Assert.Contains("My CV.", site.Read("public/index.html"));
        Assert.DoesNotContain(site.Files("public"), f => f.Contains("hidden", StringComparison.Ordinal));
    }

    [Fact]
    public void Folders_above_a_posts_folder_are_the_posts_categories()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            permalink: /:categories/:year/:title/
            -- ml/_posts/2021-05-06-attention.md --
            ---
            title: Attention
            categories: [deep]
            ---
            Text.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Text.", site.Read("public/ml/deep/2021/attention/index.html"));
    }

    [Fact]
    public void A_page_where_lemma_draws_its_own_list_gives_way_with_a_warning_when_it_has_text()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            -- _posts/2020-01-02-first.md --
            ---
            title: First
            tags: [ml]
            ---
            Text.
            -- tags.md --
            ---
            layout: tags
            permalink: /tags/
            ---
            -- categories.md --
            ---
            permalink: /categories/
            ---
            My categories, explained.
            -- 404.md --
            ---
            permalink: /404.html
            ---
            You will be redirected.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("categories.md:2:1: warning: /categories/ is Lemma's own list; this page's text is not shown", run.Errors);
        Assert.DoesNotContain("tags.md", run.Errors);
        Assert.DoesNotContain("404.md", run.Errors);
        Assert.Contains("/tags/ml/", site.Read("public/tags/index.html"));
    }

    [Fact]
    public void A_page_with_no_text_whose_layout_is_a_list_redirects_to_lemmas_list()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            collections:
              tabs:
                output: true
            -- _posts/2020-01-02-first.md --
            ---
            title: First
            ---
            Text.
            -- _tabs/archives.md --
            ---
            layout: archives
            icon: fas fa-archive
            ---
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("https://example.org/archive/", site.Read("public/tabs/archives.html"));
        Assert.Contains("First", site.Read("public/archive/index.html"));
    }

    [Fact]
    public void An_image_map_and_a_toc_list_are_read_as_the_themes_write_them()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            -- _posts/2020-01-02-chirpy.md --
            ---
            title: Chirpy
            image:
              path: /assets/cover.png
              alt: A cover
              lqip: data:image/webp;base64,AAAA
            ---
            Text.
            -- _posts/2020-01-03-distill.md --
            ---
            title: Distill
            toc:
              - name: Intro
              - name: Method
            ---
            ## Intro

            Text.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("https://example.org/assets/cover.png", site.Read("public/" + site.Files("public").Single(f => f.EndsWith("chirpy.html", StringComparison.Ordinal))));
        // The list of sections turns the table of contents on.
        Assert.Contains("class=\"toc\"", site.Read("public/" + site.Files("public").Single(f => f.EndsWith("distill.html", StringComparison.Ordinal))));
    }

    [Fact]
    public void An_html_page_with_front_matter_is_run_through_liquid_and_kept_as_html()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            baseurl: /blog
            -- FAQ.html --
            ---
            layout: default
            ---
            <div class="qa">

            	<p class="question">Q: Is there a feed?</p>

                <p>A: <a href="{{ site.baseurl }}/feed.xml">yes</a>, at *{{ site.title }}*.</p>
            </div>
            -- plain.html --
            <p>{{ not liquid }}</p>
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/FAQ/index.html");
        Assert.Contains("<p>A: <a href=\"/blog/feed.xml\">yes</a>, at *T*.</p>", html);
        Assert.DoesNotContain("<pre", html);
        Assert.Contains("/blog/FAQ/", site.Read("public/FAQ.html"));
        Assert.Equal("<p>{{ not liquid }}</p>", site.Read("public/plain.html").TrimEnd());
    }

    [Fact]
    public void Jekyll_scholar_cite_is_a_citation_of_the_sites_bibliography_and_an_unknown_key_a_warning()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            plugins: [jekyll-scholar]
            scholar:
              source: ./_bibliography
            -- _bibliography/papers.bib --
            @article{vaswani2017, author = {Vaswani, Ashish}, title = {Attention Is All You Need}, year = {2017}}
            @article{vaswani2017, author = {Someone, Else}, title = {A repeat}, year = {2018}}
            -- _posts/2020-01-02-notes.md --
            ---
            title: Notes
            ---
            Transformers {% cite vaswani2017 --file papers %} changed things; {% cite nobody2000 %} did not.

            {% bibliography --cited --file papers %}
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/" + site.Files("public").Single(f => f.EndsWith("notes.html", StringComparison.Ordinal)));
        Assert.Contains("data-cites=\"vaswani2017\"", html);
        Assert.Contains("Attention Is All You Need", html);
        Assert.Contains("{% cite nobody2000 %}</code>", html);
        Assert.DoesNotContain("bibliography --cited", html);
        Assert.Contains("_posts/2020-01-02-notes.md:4:67: warning: Liquid: cite 'nobody2000' names no entry of the site's bibliography", run.Errors);
        Assert.Contains("_bibliography/papers.bib:2:10: warning: bibliography: key 'vaswani2017' is defined twice", run.Errors);
    }

    [Fact]
    public void Jekyll_scholar_bibliography_without_cited_lists_the_whole_file()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            include: [_pages]
            scholar:
              source: /_bibliography/
              bibliography: papers.bib
            -- _bibliography/papers.bib --
            @article{first2020, author = {First, Ada}, title = {My First Paper}, year = {2020}}
            @inproceedings{second2021, author = {Second, Bo}, title = {A Second Result}, year = {2021}}
            -- _bibliography/talks.bib --
            @misc{talk2022, author = {First, Ada}, title = {A Talk}, year = {2022}}
            -- _pages/publications.md --
            ---
            title: Publications
            permalink: /publications/
            ---
            My papers:

            {% bibliography %}
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/publications/index.html");
        Assert.Contains("My First Paper", html);
        Assert.Contains("A Second Result", html);
        Assert.DoesNotContain("A Talk", html);
    }

    [Fact]
    public void Without_a_scholar_bibliography_cite_stays_an_unknown_tag()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            -- about.md --
            ---
            title: About
            ---
            See {% cite vaswani2017 %}.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("about.md:4:5: warning: Liquid: unknown tag 'cite'", run.Errors);
        Assert.Contains("{% cite vaswani2017 %}</code>", site.Read("public/about/index.html"));
    }

    [Fact]
    public void Jekyll_archives_and_paginate_urls_redirect_to_lemmas_lists()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: T
            url: https://example.org
            paginate: 1
            jekyll-archives:
              posts:
                enabled: [year, tags, categories]
                permalinks:
                  year: "/blog/:year/"
                  tags: "/blog/:type/:name/"
                  categories: "/blog/:type/:name/"
            -- _posts/2021-03-04-first.md --
            ---
            title: First
            tags: [Deep Learning]
            categories: notes
            ---
            Text.
            -- _posts/2021-03-05-second.md --
            ---
            title: Second
            ---
            Text.
            -- tags.html --
            ---
            layout: tags
            ---
            {% for tag in site.tags %}{{ tag[0] }}{% endfor %}
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("https://example.org/tags/deep-learning/", site.Read("public/blog/tag/deep-learning/index.html"));
        Assert.Contains("https://example.org/categories/notes/", site.Read("public/blog/category/notes/index.html"));
        Assert.Contains("https://example.org/archive/", site.Read("public/blog/2021/index.html"));
        // jekyll-paginate's second page of posts leads to the posts' list.
        Assert.Contains("https://example.org/posts/", site.Read("public/page2/index.html"));
        // The theme's tags page gives way to Lemma's, and its old URL leads there.
        Assert.Contains("https://example.org/tags/", site.Read("public/tags.html"));
    }
}
