namespace Lemma.Cli.Tests;

/// <summary>llms.txt and llms-full.txt (llmstxt.org) at the site root (issue #19, Outputs).</summary>
public class LlmsTxtTests
{
    private const string Site = """
        -- site.yaml --
        title: Loss [Landscapes]
        description: Notes on machine learning.
        tagline: ML and numerics
        author: { name: Ada }
        base_url: https://x.example/sub/
        -- content/posts/a.md --
        ---
        title: Euler [draft 2]
        date: 2024-01-02
        description: Where $e^{i\pi}$ comes from.
        ---
        Inline $e^{i\pi}+1=0$ and [B](../b/), `x < y` in code.

        ## A heading

        - one
        - two

        ```python
        if a < b:
            print("<b>")
        ```

        $$
        x > 0
        $$
        -- content/posts/b.md --
        ---
        title: B
        date: 2024-01-01
        ---
        B's body.
        -- content/posts/c.md --
        ---
        title: Structures
        date: 2023-12-31
        ---
        1. First step
           - a detail
           - another, with `code`
        2. Second step

        > A quote with a list:
        >
        > - quoted item

        | Model | Loss |
        | --- | --- |
        | MLP | 0.31 |
        | a \| b | **0.2** |
        -- content/posts/draft.md --
        ---
        title: Secret draft
        date: 2024-01-03
        draft: true
        ---
        Not yet.
        -- content/posts/later.md --
        ---
        title: Secret future
        date: 2099-01-01
        ---
        Not yet either.
        -- content/notes/n.md --
        ---
        title: A note
        date: 2023-05-05
        ---
        Note body.
        -- content/about.md --
        ---
        title: About
        description: Who writes this.
        ---
        About body.
        """;

    [Fact]
    public void Llms_txt_lists_each_sections_published_pages_with_absolute_urls_and_descriptions()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build", "--drafts").ExitCode);
        Assert.Equal("""
            # Loss [Landscapes]

            > Notes on machine learning.

            ML and numerics. Written by Ada. The newest posts' full text is in https://x.example/sub/llms-full.txt.

            ## Notes

            - [A note](https://x.example/sub/notes/n/): Note body.

            ## Posts

            - [Euler \[draft 2\]](https://x.example/sub/posts/a/): Where $e^{i\pi}$ comes from.
            - [B](https://x.example/sub/posts/b/): B's body.
            - [Structures](https://x.example/sub/posts/c/)

            ## Pages

            - [About](https://x.example/sub/about/): Who writes this.

            """.ReplaceLineEndings("\n"), site.Read("public/llms.txt"));
    }

    [Fact]
    public void Llms_full_txt_holds_every_published_post_as_markdown_with_math_as_its_tex()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build", "--drafts").ExitCode);
        var full = site.Read("public/llms-full.txt");
        Assert.StartsWith("# Loss [Landscapes]\n\n> Notes on machine learning.\n", full);
        Assert.Contains("""
            ---

            # Euler [draft 2]

            URL: https://x.example/sub/posts/a/
            Date: 2024-01-02

            Inline $e^{i\pi}+1=0$ and [B](https://x.example/sub/posts/b/), `x < y` in code.

            ## A heading

            - one
            - two

            ```python
            if a < b:
                print("<b>")
            ```

            $$x > 0$$

            ---

            # B
            """.ReplaceLineEndings("\n"), full);
        Assert.Contains("# A note\n\nURL: https://x.example/sub/notes/n/\nDate: 2023-05-05\n\nNote body.\n", full);
        Assert.DoesNotContain("Secret", full);
        Assert.DoesNotContain("Not yet", full);
        // A plain page is listed in llms.txt, but only posts are in the full text.
        Assert.DoesNotContain("About body", full);
    }

    [Fact]
    public void Llms_full_txt_keeps_nested_lists_quotes_and_tables_as_markdown()
    {
        using var site = TempSite.From(Site);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Contains("""
            1. First step
               - a detail
               - another, with `code`
            2. Second step

            > A quote with a list:
            >
            > - quoted item

            | Model | Loss |
            | --- | --- |
            | MLP | 0.31 |
            | a \| b | **0.2** |
            """.ReplaceLineEndings("\n"), site.Read("public/llms-full.txt"));
    }

    [Fact]
    public void Llms_false_turns_both_files_off()
    {
        using var site = TempSite.From(Site + "\n-- site.yaml --\ntitle: T\nbase_url: https://x.example/\nllms: false\n");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.False(site.Exists("public/llms.txt"));
        Assert.False(site.Exists("public/llms-full.txt"));
    }

    [Fact]
    public void A_sites_own_llms_txt_is_published_as_it_is()
    {
        using var site = TempSite.From(Site + "\n-- static/llms.txt --\n# Mine\n");
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.Equal("# Mine\n", site.Read("public/llms.txt"));
        Assert.True(site.Exists("public/llms-full.txt"));
    }
}
