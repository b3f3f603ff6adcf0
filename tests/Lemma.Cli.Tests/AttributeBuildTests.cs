namespace Lemma.Cli.Tests;

/// <summary>Braces through `lemma build`: prose keeps them, kramdown's lists and extensions do what they did under Jekyll.</summary>
public class AttributeBuildTests
{
    private const string Site = """
        -- site.yaml --
        title: Test Site
        base_url: https://example.org/

        -- content/posts/braces.md --
        ---
        title: Braces
        date: 2024-01-01
        ---

        In Python, dict literal {x: y} is common.

        Use the format string {name}

        ## Contents
        {:.no_toc}

        * TOC
        {:toc}

        ## First part

        A *styled*{: .hl} word and a [link](https://example.org/){:target="_blank" onclick="steal()"}.

        ### Inner

        {::comment}
        A note to myself.
        {:/comment}

        {::nomarkdown}
        <div class="raw-box">kept</div>
        {:/nomarkdown}

        ## Second part {#second}

        Text, then a stray {: .nothing} list and {::unknown} text.

        """;

    [Fact]
    public void A_kramdown_post_builds_with_its_toc_attributes_and_extensions_and_keeps_every_brace_of_its_prose()
    {
        using var site = TempSite.From(Site);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = site.Read("public/posts/braces/index.html");
        Assert.Contains("<p>In Python, dict literal {x: y} is common.</p>", html);
        Assert.Contains("<p>Use the format string {name}</p>", html);
        Assert.Contains("<ul id=\"markdown-toc\" class=\"toc\"><li><a href=\"#first-part\">First part</a><ul><li><a href=\"#inner\">Inner</a></li></ul></li><li><a href=\"#second\">Second part</a></li></ul>", html);
        Assert.DoesNotContain("TOC", html);
        Assert.Contains("<em class=\"hl\">styled</em>", html);
        Assert.Contains("<a href=\"https://example.org/\" target=\"_blank\">link</a>", html);
        Assert.DoesNotContain("steal", html);
        Assert.DoesNotContain("A note to myself", html);
        Assert.Contains("<div class=\"raw-box\">kept</div>", html);
        Assert.Contains("{::unknown} text.", html);
        Assert.DoesNotContain("{: .nothing}", html);
        // each thing left out or not understood is a warning at its line
        Assert.Contains(run.ErrorLines, l => l.Contains("content/posts/braces.md:18:", StringComparison.Ordinal) && l.Contains("onclick", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.Contains("content/posts/braces.md:32:", StringComparison.Ordinal) && l.Contains("{: .nothing}", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.Contains("content/posts/braces.md:32:", StringComparison.Ordinal) && l.Contains("{::unknown}", StringComparison.Ordinal));
    }
}
