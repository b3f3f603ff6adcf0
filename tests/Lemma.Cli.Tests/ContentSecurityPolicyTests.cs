using System.Net;
using System.Text.RegularExpressions;
using Lemma.Output;
using Lemma.Server.Publishing;

namespace Lemma.Cli.Tests;

/// <summary>One policy: what every built page carries in a &lt;meta&gt; and what `serve --production` sends.</summary>
public partial class ContentSecurityPolicyTests
{
    [Fact]
    public void Every_page_carries_the_policy_first_in_its_head()
    {
        using var site = TempSite.From("""
            -- site.yaml --
            title: Test Site
            base_url: https://example.org/
            -- content/posts/hello.md --
            ---
            title: Hello
            date: 2024-05-01
            ---
            Hello.
            """);
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var page in new[] { "public/index.html", "public/posts/hello/index.html", "public/404.html" })
        {
            var meta = MetaAfterCharset().Match(site.Read(page));
            Assert.True(meta.Success, page + " has no Content-Security-Policy <meta> right after its charset");
            Assert.Equal(ContentSecurityPolicy.Meta, WebUtility.HtmlDecode(meta.Groups[1].Value));
        }
    }

    [Fact]
    public void The_header_is_the_meta_policy_plus_what_only_a_header_can_carry()
    {
        Assert.Equal(ContentSecurityPolicy.Header, SiteFiles.ContentSecurityPolicy);
        Assert.Equal(ContentSecurityPolicy.Meta + "; frame-ancestors 'none'", ContentSecurityPolicy.Header);
        // A <meta> policy ignores these, and Chromium warns about them on every page.
        foreach (var directive in new[] { "frame-ancestors", "report-uri", "report-to", "sandbox" })
            Assert.DoesNotContain(directive, ContentSecurityPolicy.Meta);
        var directives = ContentSecurityPolicy.Meta.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ') + 1)..]);
        Assert.Equal("'self'", directives["script-src"]); // no inline script, no eval
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'self'", directives["base-uri"]);
    }

    [Fact]
    public void Site_yaml_adds_named_embeds_and_https_hosts_to_the_policy_and_nothing_else()
    {
        using var site = TempSite.From("""
            -- site.yaml --
            title: T
            base_url: https://example.org/
            csp:
              embeds: [youtube, codepen]
              script-src: [https://cdn.example.net/lib/]
            -- content/posts/hello.md --
            ---
            title: Hello
            date: 2024-05-01
            ---
            Hello.
            """);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var policy = WebUtility.HtmlDecode(MetaAfterCharset().Match(site.Read("public/posts/hello/index.html")).Groups[1].Value);
        Assert.Equal(ContentSecurityPolicy.Meta.Replace("script-src 'self'", "script-src 'self' https://cdn.example.net/lib/")
            + "; frame-src 'self' https://www.youtube-nocookie.com https://www.youtube.com https://codepen.io", policy);

        // A keyword, a source with a space or a semicolon, an unknown embed or directive: each an error at its line.
        site.WriteFile("site.yaml", """
            title: T
            base_url: https://example.org/
            csp:
              embeds: [myspace]
              script-src: ["'unsafe-inline'", "https://a.example; script-src *"]
              sandbox: [allow-scripts]
            """);
        var run = site.Lemma("build");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("site.yaml:3:1: error: csp.embeds: unknown embed 'myspace'", run.Errors);
        Assert.Contains("csp.script-src: ''unsafe-inline'' must be one https origin", run.Errors);
        Assert.Contains("csp.script-src: 'https://a.example; script-src *' must be one https origin", run.Errors);
        Assert.Contains("csp.sandbox is not a directive a site may add to", run.Errors);
    }

    [Fact]
    public void A_posts_own_scripts_and_styles_load_after_the_themes_and_check_warns_of_markup_the_policy_refuses()
    {
        using var site = TempSite.From("""
            -- site.yaml --
            title: T
            base_url: https://example.org/
            -- content/posts/demo/index.md --
            ---
            title: Demo
            date: 2024-05-01
            scripts: [demo.js, "https://cdn.example.net/d3.js"]
            styles: [demo.css]
            ---
            <div id="plot"></div>

            <button onclick="go()">Go</button>

            <script>alert(1)</script>

            <iframe src="https://www.youtube.com/embed/x"></iframe>
            -- content/posts/demo/demo.js --
            document.getElementById("plot").textContent = "drawn";
            -- content/posts/demo/demo.css --
            #plot { min-height: 4rem; }
            """);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var page = site.Read("public/posts/demo/index.html");
        Assert.Contains("<link rel=\"stylesheet\" href=\"/posts/demo/demo.css\">", page);
        Assert.Contains("<script src=\"/posts/demo/demo.js\" defer></script>", page);
        Assert.True(page.IndexOf("/posts/demo/demo.js", StringComparison.Ordinal) > page.IndexOf("theme.", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(site.Root, "public/posts/demo/demo.js")));

        var check = site.Lemma("check");
        Assert.Contains("content/posts/demo/index.md:4:1: warning: scripts: https://cdn.example.net/d3.js is refused by the site's Content-Security-Policy (script-src)", check.Errors);
        Assert.Contains("onclick= does not run under the site's Content-Security-Policy", check.Errors);
        Assert.Contains("an inline <script> does not run", check.Errors);
        Assert.Contains("<iframe src=\"https://www.youtube.com/embed/x\"> is refused", check.Errors);

        // Naming the embed and the script's host leaves only what no policy setting allows.
        site.WriteFile("site.yaml", "title: T\nbase_url: https://example.org/\ncsp: { embeds: [youtube], script-src: [\"https://cdn.example.net\"] }\n");
        check = site.Lemma("check");
        Assert.DoesNotContain("<iframe", check.Errors);
        Assert.DoesNotContain("d3.js", check.Errors);
        Assert.Contains("onclick=", check.Errors);

        site.WriteFile("content/posts/demo/index.md", "---\ntitle: Demo\ndate: 2024-05-01\nscripts: [\"javascript:alert(1)\"]\n---\nHi.\n");
        var bad = site.Lemma("build");
        Assert.Contains("content/posts/demo/index.md:4:1: error: scripts: 'javascript:alert(1)' must be a file of the page's bundle", bad.Errors);
    }

    [GeneratedRegex("""<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">""")]
    private static partial Regex MetaAfterCharset();
}
