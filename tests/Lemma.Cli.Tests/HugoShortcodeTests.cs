namespace Lemma.Cli.Tests;

/// <summary>A Hugo blog's shortcodes: the built-ins rendered, a nested one, an unknown one warned about and kept.</summary>
public class HugoShortcodeTests
{
    private const string Site = """
        -- hugo.toml --
        baseURL = "https://blog.example.org/"
        title = "Shortcodes"
        [params]
        author = "Ada"
        -- content/posts/other.md --
        ---
        title: "Other"
        date: 2024-01-01
        ---
        The other post.
        -- content/posts/tour.md --
        ---
        title: "Tour"
        date: 2024-02-01
        topic: "attention"
        ---
        Intro by {{< param author >}} on {{< param topic >}}.

        {{< figure src="/images/a.png" alt="A plot" caption="The **loss** curve" link="/images/a.png" >}}

        {{< highlight python "linenos=table,hl_lines=2" >}}
        def f(x):
            return x + 1
        {{< /highlight >}}

        See [the other post]({{< ref "other.md" >}}) and [again]({{< relref "/posts/other" >}}).

        {{< youtube id="dQw4w9WgXcQ" title="A talk" >}}

        {{< x user="SanDiegoZoo" id="1453110110599868418" >}}

        {{< gist spf13 7896402 >}}

        {{% details summary="More" %}}
        Inside **details** with {{< param author >}}.
        {{% /details %}}

        Write {{</* figure src="x.png" */>}} to show a figure.

        {{% notice tip %}}
        Kept *text*.
        {{% /notice %}}

        Missing [page]({{< ref "nowhere.md" >}}).
        """;

    [Fact]
    public void Built_in_shortcodes_render_natively_and_an_unknown_one_is_a_warning_with_its_text_kept()
    {
        using var site = TempSite.From(Site);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var page = site.Read("public/posts/tour/index.html");
        Assert.DoesNotContain("LEMMASHORTCODE", page);
        Assert.DoesNotContain("lemma-ref", page);
        Assert.Contains("Intro by Ada on attention.", page);
        Assert.Contains("<figure class=\"figure\"><a href=\"/images/a.png\"><img src=\"/images/a.png\" alt=\"A plot\"", page);
        Assert.Contains("The <strong>loss</strong> curve", page);
        Assert.Contains("href=\"/posts/other/\">the other post</a>", page);
        Assert.Contains("href=\"/posts/other/\">again</a>", page);
        Assert.Contains("https://www.youtube.com/watch?v=dQw4w9WgXcQ", page);
        Assert.DoesNotContain("<iframe", page);
        Assert.Contains("https://x.com/SanDiegoZoo/status/1453110110599868418", page);
        Assert.Contains("https://gist.github.com/spf13/7896402", page);
        Assert.Contains("<details class=\"details\"><summary>More</summary>", page);
        Assert.Contains("Inside <strong>details</strong> with Ada.", page);
        Assert.Contains("Write {{&lt; figure src=&quot;x.png&quot; &gt;}} to show", page);
        // The unknown shortcode: marked, its inner Markdown kept and rendered.
        Assert.Contains("<code class=\"unread\">{{% notice tip %}}</code>", page);
        Assert.Contains("Kept <em>text</em>.", page);
        Assert.Contains(run.ErrorLines, l => l.Contains("content/posts/tour.md:29:1: warning: shortcode: Lemma does not know the shortcode 'notice'"));
        Assert.Contains(run.ErrorLines, l => l.Contains("content/posts/tour.md:33:16: warning: shortcode 'ref': no page is at 'nowhere.md'"));
        // lemma check sees the figure's image as it sees a Markdown image.
        var check = site.Lemma("check");
        Assert.Contains(check.ErrorLines, l => l.StartsWith("content/posts/tour.md:8:1:", StringComparison.Ordinal) && l.Contains("/images/a.png"));
    }

    [Fact]
    public void The_sites_and_its_themes_shortcode_templates_run_nested_inside_each_other()
    {
        using var site = TempSite.From("""
            -- config.toml --
            baseURL = "https://example.org/notes/"
            title = "Notes"
            theme = "paper"
            [params]
            greeting = "Hello"
            -- themes/paper/layouts/shortcodes/badge.html --
            <span class="badge">{{ .Get 0 | upper }}</span>
            -- themes/paper/layouts/shortcodes/note.html --
            <div class="theme-note">theme</div>
            -- layouts/shortcodes/note.html --
            {{- $kind := .Get "kind" | default "info" -}}
            <aside class="note note-{{ $kind }}">
            {{ with .Get "title" }}<strong>{{ . }}</strong>{{ end }}
            {{ .Inner | markdownify }}
            </aside>
            -- layouts/shortcodes/hi.html --
            {{ .Site.Params.greeting }}, {{ .Page.Params.reader | default "reader" }}{{ if gt .Ordinal 0 }} again{{ end -}}
            -- content/posts/p.md --
            ---
            title: "P"
            date: 2024-02-01
            reader: "Grace"
            ---
            {{< hi >}} and {{< hi >}}.

            {{< note kind="warn" title="Careful" >}}Use *this* {{< badge new >}}{{< /note >}}

            {{< fancy >}}
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        var page = site.Read("public/posts/p/index.html");
        Assert.Contains("Hello, Grace and Hello, Grace again.", page);
        Assert.Contains("<aside class=\"note note-warn\">\n<strong>Careful</strong>\nUse <em>this</em> <span class=\"badge\">NEW</span>\n</aside>", page);
        Assert.DoesNotContain("theme-note", page);
        Assert.Contains("<code class=\"unread\">{{&lt; fancy &gt;}}</code>", page);
        Assert.Contains(run.ErrorLines, l => l.Contains("content/posts/p.md:10:1: warning: shortcode: Lemma does not know the shortcode 'fancy'"));
    }
}
