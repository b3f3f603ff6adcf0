namespace Lemma.Cli.Tests;

/// <summary>A Quarto website (_quarto.yml, .qmd pages in folders) builds as it is, its pages at the URLs Quarto gave them.</summary>
public sealed class QuartoSiteTests
{
    private const string Blog = """
        -- _quarto.yml --
        project:
          type: website
          output-dir: _site
        website:
          title: "Notes on Learning"
          site-url: "https://example.org/blog"
          description: "What I learn"
          navbar:
            left:
              - text: Home
                href: index.qmd
              - text: Notes
                href: notes/index.qmd
              - about.qmd
            right:
              - icon: github
                href: https://github.com/someone
        author: "Ada Writer"
        format:
          html:
            theme: cosmo
        execute:
          freeze: auto
        -- index.qmd --
        ---
        title: "Notes on Learning"
        listing:
          contents: posts
          sort: "date desc"
        ---
        -- about.qmd --
        ---
        title: "About"
        ---
        Who writes here.
        -- posts/_metadata.yml --
        freeze: true
        -- posts/first-steps/index.qmd --
        ---
        title: "First steps"
        subtitle: "A beginning"
        author:
          - name: Ada Writer
        date: "June 2, 2023"
        categories: [python, setup]
        description: "How it began."
        image: cover.png
        ---
        ![A cover](cover.png)

        ::: callout-note
        A plain note.
        :::

        ::: {.callout-tip title="Tip"}
        A tip with a title.
        :::

        ```{python}
        #| echo: true
        #| label: setup
        import numpy as np
        ```

        ```{python}
        #| echo: false
        secret_plot_code()
        ```
        -- posts/first-steps/cover.png --
        PNG
        -- notes/index.qmd --
        ---
        title: "Notes"
        ---
        All my notes.
        -- notes/tools/index.qmd --
        ---
        title: "Tools"
        ---
        Tools I use.
        -- notes/tools/cheatsheet.qmd --
        ---
        title: "Cheatsheet"
        ---
        Commands.
        -- notes/python.qmd --
        Untitled notes on Python.
        -- _freeze/posts/x.json --
        {}
        -- data/prices.json --
        { "not": "site data for templates", broken
        -- static/old.txt --
        a folder like any other
        -- README.md --
        Repository notes.
        """;

    [Fact]
    public void A_quarto_site_takes_its_title_base_url_menu_and_author_from_quarto_yml()
    {
        using var site = TempSite.From(Blog);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("no config file", run.Errors);
        var about = site.Read("public/about.html");
        Assert.Contains("Notes on Learning", about);
        Assert.Contains("https://github.com/someone", site.Read("public/posts/first-steps/index.html"));
        Assert.Contains("Ada Writer", site.Read("public/posts/first-steps/index.html"));
        Assert.Contains("/blog/notes/", about);
        Assert.Contains("/blog/about.html", about);
        Assert.Contains("https://example.org/blog/about.html", site.Read("public/sitemap.xml"));
    }

    [Fact]
    public void A_website_key_of_the_wrong_type_is_an_error_at_its_line_and_unknown_keys_are_ignored()
    {
        using var site = TempSite.From("""
            -- _quarto.yml --
            project:
              type: website
              preview:
                port: 4200
            website:
              favicon: logo.png
              title: [not, text]
              page-navigation: true
            -- index.qmd --
            Home.
            """);
        var run = site.Lemma("build");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("_quarto.yml:7:1: error: title must be text", run.Errors);
        Assert.DoesNotContain("favicon", run.Errors);
    }

    [Fact]
    public void Metadata_files_give_front_matter_to_the_pages_below_them_and_a_page_s_own_wins()
    {
        using var site = TempSite.From("""
            -- _quarto.yml --
            project:
              type: website
            website:
              title: Drafts
            -- ideas/_metadata.yml --
            draft: true
            categories: [idea]
            -- ideas/half/index.qmd --
            ---
            title: "Half an idea"
            ---
            Not yet.
            -- ideas/ready/index.qmd --
            ---
            title: "A ready idea"
            draft: false
            ---
            Ready.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(site.Exists("public/ideas/half/index.html"));
        Assert.True(site.Exists("public/ideas/ready/index.html"));
        Assert.True(site.Exists("public/tags/idea/index.html"));
    }

    [Fact]
    public void A_metadata_file_that_is_not_yaml_is_an_error_at_its_line()
    {
        using var site = TempSite.From("""
            -- _quarto.yml --
            project:
              type: website
            -- posts/_metadata.yml --
            toc: [unclosed
            -- posts/a/index.qmd --
            ---
            title: A
            ---
            Text.
            -- posts/b/index.qmd --
            ---
            title: B
            ---
            Text.
            """);
        var run = site.Lemma("build");
        Assert.NotEqual(0, run.ExitCode);
        // Once, not once per page it applies to.
        Assert.Single(run.ErrorLines, l => l.StartsWith("posts/_metadata.yml:1:", StringComparison.Ordinal));
    }

    [Fact]
    public void Echo_false_in_the_project_or_the_page_hides_cells_that_do_not_say_otherwise()
    {
        using var site = TempSite.From("""
            -- _quarto.yml --
            project:
              type: website
            execute:
              echo: false
            -- posts/a/index.qmd --
            ---
            title: A
            ---
            ```{python}
            hidden_by_project()
            ```

            ```{python}
            #| echo: true
            shown_by_cell()
            ```
            -- posts/b/index.qmd --
            ---
            title: B
            execute:
              echo: true
            ---
            ```{python}
            shown_by_page()
            ```
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var a = site.Read("public/posts/a/index.html");
        Assert.DoesNotContain("hidden_by_project", a);
        Assert.Contains("shown_by_cell", a);
        Assert.Contains("shown_by_page", site.Read("public/posts/b/index.html"));
    }

    [Fact]
    public void The_home_page_lists_what_the_listing_of_index_qmd_names()
    {
        using var site = TempSite.From(Blog);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var home = site.Read("public/index.html");
        Assert.Contains("First steps", home);
        Assert.DoesNotContain("Cheatsheet", home);
    }

    [Fact]
    public void Every_qmd_page_is_published_at_the_url_quarto_gave_it()
    {
        using var site = TempSite.From(Blog);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var page in new[] { "index.html", "about.html", "posts/first-steps/index.html", "notes/index.html",
                     "notes/tools/index.html", "notes/tools/cheatsheet.html", "notes/python.html" })
            Assert.True(site.Exists("public/" + page), page);
        Assert.Equal("PNG\n", site.Read("public/posts/first-steps/cover.png"));
        // data/ and static/ are folders of the project like any other, published at their paths, not read as Lemma's.
        Assert.True(site.Exists("public/data/prices.json"));
        Assert.True(site.Exists("public/static/old.txt"));
        Assert.Contains("<img src=\"cover.png\"", site.Read("public/posts/first-steps/index.html"));
        // Quarto's own folders and files, and the repository's README, are not published.
        Assert.False(site.Exists("public/_freeze/posts/x.json"));
        Assert.False(site.Exists("public/posts/_metadata.yml"));
        Assert.False(site.Exists("public/README/index.html"));
        // A page without a title is named after its file.
        Assert.Contains("Python", site.Read("public/notes/python.html"));
        // A top folder's index.qmd is its section's page: its title and text head the section's list.
        Assert.Contains("All my notes.", site.Read("public/notes/index.html"));
        Assert.Contains("Cheatsheet", site.Read("public/notes/index.html"));
        Assert.DoesNotContain("All my notes.", site.Read("public/index.html"));
    }

    [Fact]
    public void Quarto_front_matter_gives_date_categories_as_tags_and_description()
    {
        using var site = TempSite.From(Blog);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var post = site.Read("public/posts/first-steps/index.html");
        Assert.Contains("2023-06-02", post);
        Assert.True(site.Exists("public/tags/python/index.html"));
        Assert.Contains("How it began.", site.Read("public/index.xml") + site.Read("public/index.html"));
    }

    [Fact]
    public void Callouts_show_as_callouts_and_code_cells_as_code_without_their_options()
    {
        using var site = TempSite.From(Blog);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("unknown block", run.Errors);
        var post = site.Read("public/posts/first-steps/index.html");
        Assert.Contains("callout callout-note", post);
        Assert.Contains("callout callout-tip", post);
        Assert.Contains("data-lang=\"python\"", post);
        Assert.Contains("numpy", post);
        Assert.DoesNotContain("#|", post);
        Assert.DoesNotContain("secret_plot_code", post);
    }

    [Fact]
    public void Cross_references_number_equations_figures_tables_and_sections_through_lemma_build()
    {
        using var site = TempSite.From("""
            -- _quarto.yml --
            project:
              type: website
            website:
              title: Maths
            -- posts/proof/index.qmd --
            ---
            title: "A proof"
            ---
            ## Setting {#sec-setting}

            The loss in @eq-loss is convex; @fig-curve plots it and @tbl-values lists it (see @sec-setting).
            Write to someone@example.org or ping @someone.

            $$
            L(\theta) = \sum_i (y_i - \theta x_i)^2
            $$ {#eq-loss}

            ![The loss](curve.png){#fig-curve}

            | x | L |
            |---|---|
            | 0 | 1 |

            : Values of the loss {#tbl-values}

            And @fig-nowhere is not on this page.
            -- posts/proof/curve.png --
            PNG
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/proof/index.html");
        Assert.Contains("<a class=\"xref\" href=\"#eq-loss\">Equation 1</a>", html);
        Assert.Contains("<a class=\"xref\" href=\"#fig-curve\">Figure 1</a>", html);
        Assert.Contains("<a class=\"xref\" href=\"#tbl-values\">Table 1</a>", html);
        Assert.Contains("<a class=\"xref\" href=\"#sec-setting\">Section 1</a>", html);
        Assert.Contains("id=\"eq-loss\"", html);
        Assert.Contains("someone@example.org or ping @someone.", html);
        Assert.Contains("@fig-nowhere", html);
        Assert.Contains("posts/proof/index.qmd:21:5: warning: reference: no figure is labelled 'fig-nowhere'", run.Errors);
    }

    [Fact]
    public void Quarto_shortcodes_include_files_read_meta_and_vars_and_keep_unknown_ones_as_text()
    {
        using var site = TempSite.From("""
            -- _quarto.yml --
            project:
              type: website
            website:
              title: Shortcodes
            -- _variables.yml --
            version: 2.1
            contact:
              email: me@example.org
            -- posts/demo/index.qmd --
            ---
            title: "Demo"
            course: Linear algebra
            ---
            Version {{< var version >}}, mail {{< var contact.email >}}, course {{< meta course >}}.

            {{< include _part.qmd >}}

            {{< video https://www.youtube.com/embed/abc123 >}}

            Press {{< kbd Ctrl-C >}}.

            {{< pagebreak >}}

            An icon {{< iconify mdi home >}} here.
            -- posts/demo/_part.qmd --
            ---
            title: ignored
            ---
            Included **text**.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/demo/index.html");
        Assert.Contains("Version 2.1, mail me@example.org, course Linear algebra.", html);
        Assert.Contains("Included <strong>text</strong>.", html);
        Assert.DoesNotContain("ignored", html);
        Assert.Contains("href=\"https://www.youtube.com/embed/abc123\"", html);
        Assert.Contains("<kbd>Ctrl-C</kbd>", html);
        Assert.Contains("{{&lt; iconify mdi home &gt;}}", html);
        Assert.Contains("posts/demo/index.qmd:15:9: warning: shortcode: Lemma does not know the shortcode 'iconify'", run.Errors);
        Assert.False(site.Exists("public/posts/demo/_part.html"));
    }
}
