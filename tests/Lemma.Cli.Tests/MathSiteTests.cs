namespace Lemma.Cli.Tests;

/// <summary>Math written for other tools builds as its writers saw it, with no error: a Hugo site with MathJax, a Jekyll site with kramdown.</summary>
public class MathSiteTests
{
    [Fact]
    public void A_hugo_site_with_math_true_reads_markdown_escapes_inside_math()
    {
        using var site = TempSite.From("""
            -- hugo.toml --
            baseURL = "https://blog.example.org/"
            title = "Hugo math"
            -- content/posts/attention.md --
            ---
            title: "Attention"
            date: 2024-01-01
            math: true
            ---
            The weight $a\_b$ and the block

            $$
            \begin{aligned} x &= 1 \\\\ y &= 2 \end{aligned}
            $$

            and inline \\(c\_d\\), an unreadable $\frac{1}{$ formula.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/attention/index.html");
        Assert.Contains("<msub><mi>a</mi><mi>b</mi></msub>", html);
        Assert.Contains("<msub><mi>c</mi><mi>d</mi></msub>", html);
        Assert.Contains("<mtr>", html); // \\\\ became a row break
        Assert.Contains("class=\"math-error\"", html);
        Assert.Contains("content/posts/attention.md:12:", run.ToString());
        Assert.Contains("warning: math:", run.ToString());
        Assert.NotEqual(0, site.Lemma("build", "--strict").ExitCode);
    }

    [Fact]
    public void A_hugo_theme_that_loads_mathjax_makes_every_page_read_markdown_escapes()
    {
        using var site = TempSite.From("""
            -- hugo.toml --
            baseURL = "https://blog.example.org/"
            theme = "paper"
            -- themes/paper/layouts/partials/math.html --
            <script src="https://cdn.example.org/mathjax/tex-mml-chtml.js"></script>
            -- content/posts/plain.md --
            ---
            title: "Plain"
            date: 2024-01-01
            ---
            The weight $a\_b$.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("<msub><mi>a</mi><mi>b</mi></msub>", site.Read("public/posts/plain/index.html"));
    }

    [Fact]
    public void A_hugo_site_with_goldmark_passthrough_keeps_math_raw()
    {
        using var site = TempSite.From("""
            -- hugo.toml --
            baseURL = "https://blog.example.org/"
            [params]
            math = true
            [markup.goldmark.extensions.passthrough]
            enable = true
            -- content/posts/raw.md --
            ---
            title: "Raw"
            date: 2024-01-01
            math: true
            ---
            A literal underscore $a\_b$ and \(x\).
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/raw/index.html");
        Assert.DoesNotContain("<msub>", html);
        Assert.Contains("<annotation encoding=\"application/x-tex\">x</annotation>", html);
    }

    [Fact]
    public void A_jekyll_site_reads_kramdown_dollars_as_inline_and_display_math()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: Jekyll math
            url: https://example.github.io
            -- _posts/2024-01-01-notes.md --
            ---
            title: Notes
            layout: post
            ---
            The loss $$L_\theta$$ is small, and it costs $5 or $10.

            $$
            L = \sum_i x_i
            $$

            See \eqref{missing} here.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        // Jekyll's default permalink style, date: /2024/01/01/notes.html
        var page = site.Files("public").Single(f => f.EndsWith("/notes.html", StringComparison.Ordinal));
        var html = site.Read("public/" + page);
        Assert.Contains("<p>The loss <math><semantics>", html);
        Assert.Contains("<math display=\"block\">", html);
        Assert.Contains("costs $5 or $10", html);
        Assert.Contains(@"<code>\eqref{missing}</code>", html);
        Assert.Contains("warning: math: no equation is labelled 'missing'", run.ToString());
    }

    [Fact]
    public void A_jekyll_site_whose_mathjax_finds_single_dollars_reads_them_as_math()
    {
        using var site = TempSite.From("""
            -- _config.yml --
            title: Jekyll math
            url: https://example.github.io
            -- assets/js/mathjax-setup.js --
            window.MathJax = {
              tex: {
                inlineMath: [
                  ["$", "$"],
                  ["\\(", "\\)"],
                ],
              },
            };
            -- _posts/2024-01-01-notes.md --
            ---
            title: Notes
            ---
            With $p_0$ and $a\_b$ and $$L_\theta$$, it costs $5 or $10.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/" + site.Files("public").Single(f => f.EndsWith("/notes.html", StringComparison.Ordinal)));
        Assert.Contains("<annotation encoding=\"application/x-tex\">p_0</annotation>", html);
        // Found by MathJax after kramdown's escapes: a\_b was a_b to it.
        Assert.Contains("<annotation encoding=\"application/x-tex\">a_b</annotation>", html);
        Assert.Contains("<annotation encoding=\"application/x-tex\">L_\\theta</annotation>", html);
        Assert.Contains("costs $5 or $10", html);
    }
}
