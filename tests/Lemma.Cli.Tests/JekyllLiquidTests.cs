namespace Lemma.Cli.Tests;

/// <summary>Liquid in a Jekyll site's page bodies runs before Markdown, as Jekyll runs it, through `lemma build`.</summary>
public sealed class JekyllLiquidTests
{
    private const string Config = "-- _config.yml --\ntitle: Notes\nurl: https://example.org\nbaseurl: /blog\nauthor_handle: ada\n";

    private static TempSite Site(string files) => TempSite.From(Config + files);

    [Fact]
    public void Site_and_page_variables_are_filled_in()
    {
        using var site = Site("""
            -- _data/team.yml --
            lead: Grace
            -- _posts/2020-01-02-first.md --
            ---
            title: First post
            mood: calm
            ---
            {{ site.title }} at {{ site.url }}{{ site.baseurl }} by {{ site.author_handle }}, led by {{ site.data.team.lead }}.

            This is "{{ page.title }}" ({{ page.mood }}) of {{ page.date | date_to_string }} at {{ page.url }}.
            -- _posts/2020-03-04-second.md --
            ---
            title: Second post
            ---
            {% for post in site.posts %}- {{ post.title }}
            {% endfor %}
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var first = site.Read(Output(site, "first"));
        Assert.Contains("Notes at https://example.org/blog by ada, led by Grace.", first);
        Assert.Matches("This is &quot;First post&quot; \\(calm\\) of 02 Jan 2020 at /[^ ]*first[^ ]*\\.", first);
        var second = site.Read(Output(site, "second"));
        Assert.Contains("<li>Second post</li>", second);
        Assert.Contains("<li>First post</li>", second);
    }

    [Fact]
    public void Includes_take_parameters_and_a_missing_one_is_a_warning_with_a_mark()
    {
        using var site = Site("""
            -- _includes/figure.html --
            <figure><img src="{{ include.src | relative_url }}" alt="{{ include.alt }}"></figure>
            -- about.md --
            ---
            title: About
            ---
            Intro.

            {% include figure.html src="/assets/cat.png" alt='A cat' %}

            {% include nothing.html %}
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/about/index.html");
        Assert.Contains("<figure><img src=\"/blog/assets/cat.png\" alt=\"A cat\"></figure>", html);
        Assert.Contains("class=\"liquid-error\"", html);
        Assert.Contains("{% include nothing.html %}", html);
        Assert.Contains("about.md:8:1: warning: Liquid: include 'nothing.html' is not a file in _includes/", run.Errors);
    }

    [Fact]
    public void Post_url_link_and_url_filters_answer_the_pages_urls_with_the_base_path_once()
    {
        using var site = Site("""
            -- _posts/2020-01-02-first.md --
            ---
            title: First
            ---
            Text.
            -- about.md --
            ---
            title: About
            ---
            [a]({% post_url 2020-01-02-first %}) [b]({% link about.md %}) [c]({{ "/x.html" | absolute_url }})

            Written for Jekyll 3: [d]({{ site.baseurl }}{% post_url 2020-01-02-first %}#part) [e]({{site.baseurl}}{% link about.md %})
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/about/index.html");
        var firstUrl = "/blog/" + Output(site, "first")["public/".Length..].Replace("index.html", "");
        Assert.Contains($"<a href=\"{firstUrl}\">a</a>", html);
        Assert.Contains("<a href=\"/blog/about/\">b</a>", html);
        Assert.Contains("<a href=\"https://example.org/blog/x.html\">c</a>", html);
        // The base path written before the tag is not written twice.
        Assert.Contains($"<a href=\"{firstUrl}#part\">d</a>", html);
        Assert.Contains("<a href=\"/blog/about/\">e</a>", html);
    }

    [Fact]
    public void Highlight_becomes_a_highlighted_code_block_and_raw_stays_as_written()
    {
        using var site = Site("""
            -- post.md --
            ---
            title: Code
            ---
            {% highlight python linenos %}
            def f(x):
                return x  # {{ page.title }}
            {% endhighlight %}

            {% raw %}Use {{ site.title }} in a template.{% endraw %}
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/post/index.html");
        Assert.Contains("data-linenos", html);
        Assert.Contains("data-lang=\"python\"", html);
        Assert.Contains("# Code", html);
        Assert.Contains("Use {{ site.title }} in a template.", html);
    }

    [Fact]
    public void Assign_capture_if_unless_and_filters_run()
    {
        using var site = Site("""
            -- post.md --
            ---
            title: Logic
            tags: [b, a]
            ---
            {% assign n = 3 %}{% capture greeting %}Hi {{ page.title | slugify }}{% endcapture %}{{ greeting }}
            {% if n > 2 %}big{% endif %} {% unless n > 2 %}small{% endunless %}
            {{ page.tags | sort | jsonify }} {{ "a < b" | xml_escape }} {{ "*x*" | markdownify }}
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/post/index.html");
        Assert.Contains("Hi logic", html);
        Assert.Contains("big", html);
        Assert.DoesNotContain("small", html);
        Assert.Contains("[&quot;a&quot;,&quot;b&quot;]", html);
        Assert.Contains("a &lt; b", html);
        Assert.Contains("<em>x</em>", html);
    }

    [Fact]
    public void A_liquid_error_is_a_warning_at_its_line_and_the_text_stays()
    {
        using var site = Site("""
            -- post.md --
            ---
            title: Broken
            ---
            Fine line.

            Then {% if %} broken.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"post\.md:6:\d+: warning: Liquid", run.Errors);
        Assert.Contains("Fine line.", site.Read("public/post/index.html"));
        Assert.Contains("broken.", site.Read("public/post/index.html"));
    }

    [Fact]
    public void Markdown_diagnostics_keep_their_file_line_after_an_include_adds_lines()
    {
        using var site = Site("""
            -- _includes/three.html --
            <p>one</p>
            <p>two</p>
            <p>three</p>
            -- post.md --
            ---
            title: Lines
            ---
            {% include three.html %}

            $$\frac{1}{$$
            """);
        var run = site.Lemma("build");
        Assert.Matches(@"post\.md:6:\d+: (error|warning): math", run.Errors);
    }

    [Fact]
    public void Render_with_liquid_false_files_without_front_matter_and_hugo_sites_leave_braces_alone()
    {
        using var jekyll = Site("""
            -- post.md --
            ---
            title: Plain
            render_with_liquid: false
            ---
            Write {{ site.title }} in a template.
            """);
        Assert.Equal(0, jekyll.Lemma("build").ExitCode);
        Assert.Contains("Write {{ site.title }} in a template.", jekyll.Read("public/post/index.html"));

        using var bare = Site("-- _posts/2020-01-01-bare.md --\nNo front matter: {{ site.title }} stays.\n");
        Assert.Equal(0, bare.Lemma("build").ExitCode);
        Assert.Contains("No front matter: {{ site.title }} stays.", bare.Read(Output(bare, "bare")));

        using var hugo = TempSite.From("-- hugo.toml --\ntitle = 'H'\nbaseURL = 'https://example.org/'\n-- content/posts/a.md --\n---\ntitle: A\n---\nWrite {{ site.title }} here.\n");
        Assert.Equal(0, hugo.Lemma("build").ExitCode);
        Assert.Contains("Write {{ site.title }} here.", hugo.Read("public/posts/a/index.html"));
    }

    /// <summary>The output file of the post whose slug is <paramref name="slug"/>, wherever its permalink puts it.</summary>
    private static string Output(TempSite site, string slug) =>
        "public/" + site.Files("public").Single(f => f.Contains(slug, StringComparison.Ordinal) && f.EndsWith(".html", StringComparison.Ordinal)
            && !f.StartsWith("tags/", StringComparison.Ordinal) && !f.StartsWith("categories/", StringComparison.Ordinal));
}
