namespace Lemma.Cli.Tests;

/// <summary>A build with many warnings prints a count of each kind and its first few, so a migration stays readable.</summary>
public sealed class WarningSummaryTests
{
    /// <summary>A Hugo site with 30 unknown shortcodes and 3 code blocks in languages Lemma does not know.</summary>
    private static TempSite Noisy() => TempSite.From($"""
        -- hugo.toml --
        title = "T"
        -- content/posts/a.md --
        ---
        title: "A"
        ---
        {string.Join("\n\n", Enumerable.Range(1, 30).Select(i => $"Para {i} {{{{< nope{i} >}}}}"))}

        ```klingon
        x
        ```

        ```vulcan
        y
        ```

        ```romulan
        z
        ```
        """);

    [Fact]
    public void Past_twenty_warnings_each_kind_is_counted_with_its_first_three()
    {
        using var site = Noisy();
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("33 warnings of 2 kinds", run.Errors);
        Assert.Contains("30 × shortcode", run.Errors);
        Assert.Contains("3 × unknown code language '…'", run.Errors);
        // Three examples of each kind, each a whole compiler-style line.
        Assert.Equal(6, run.ErrorLines.Count(l => l.StartsWith("content/posts/a.md:", StringComparison.Ordinal)));
        Assert.Contains("nope1'", run.Errors);
        Assert.DoesNotContain("nope4'", run.Errors);
        Assert.Contains("33 warnings", run.Output);
    }

    [Fact]
    public void Verbose_prints_every_warning()
    {
        using var site = Noisy();
        var run = site.Lemma("build", "--verbose");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(33, run.ErrorLines.Count(l => l.Contains(": warning: ", StringComparison.Ordinal)));
        Assert.DoesNotContain(" × ", run.Errors);
    }

    [Fact]
    public void Strict_still_fails_on_summarised_warnings_and_writes_nothing()
    {
        using var site = Noisy();
        var run = site.Lemma("build", "--strict");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("30 × shortcode", run.Errors);
        Assert.False(site.Exists("public/index.html"));
    }

    [Fact]
    public void A_few_warnings_are_printed_one_by_one()
    {
        using var site = TempSite.From("""
            -- hugo.toml --
            title = "T"
            -- content/posts/a.md --
            ---
            title: "A"
            ---
            One {{< nope >}}.
            """);
        var run = site.Lemma("build");
        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.ErrorLines, l => l.StartsWith("content/posts/a.md:", StringComparison.Ordinal));
        Assert.DoesNotContain(" × ", run.Errors);
    }
}
