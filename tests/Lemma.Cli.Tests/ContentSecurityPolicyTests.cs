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

    [GeneratedRegex("""<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">""")]
    private static partial Regex MetaAfterCharset();
}
