using System.Collections.Immutable;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Markdown.Shortcodes;
using Lemma.Math;

namespace Lemma.Tests.Markdown.Shortcodes;

/// <summary>The site's own shortcode templates, run by the Go-template subset: template + call -> HTML.</summary>
public class GoTemplateTests
{
    private static MarkdownFormat With(string name, string template) => new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, false),
        shortcodes: new ShortcodeReader(new ShortcodeSite("https://example.org/blog/",
            ImmutableDictionary<string, object?>.Empty.Add("author", "Ada").Add("colors", new List<object?> { "red", "blue" }),
            ImmutableDictionary<string, (string, string)>.Empty.Add(name, ($"layouts/shortcodes/{name}.html", template)))));

    [Theory]
    [InlineData("<b>{{ .Get 0 }}</b>", "{{< sc \"x < y\" >}}", "<b>x &lt; y</b>")]
    [InlineData("<b>{{ .Get \"who\" }}</b>", "{{< sc who=\"Ada\" >}}", "<b>Ada</b>")]
    [InlineData("{{ .Get \"who\" | default \"nobody\" }}", "{{< sc >}}", "nobody")]
    [InlineData("<div class=\"note\">{{ .Inner }}</div>", "{{< sc >}}<i>raw</i>{{< /sc >}}", "<div class=\"note\"><i>raw</i></div>")]
    [InlineData("<div class=\"note\">{{ .Inner | markdownify }}</div>", "{{< sc >}}*md*{{< /sc >}}", "<div class=\"note\"><em>md</em></div>")]
    [InlineData("<aside>\n\n{{ .Inner }}\n\n</aside>", "{{% sc %}}\n*md*\n{{% /sc %}}", "<aside>\n<p><em>md</em></p>\n</aside>")]
    [InlineData("{{ if eq (.Get 0) \"a\" }}A{{ else if eq (.Get 0) \"b\" }}B{{ else }}C{{ end }}", "{{< sc b >}}", "B")]
    [InlineData("{{ with .Get \"x\" }}has {{ . }}{{ else }}none{{ end }}", "{{< sc x=1 >}}", "has 1")]
    [InlineData("{{- range $i, $c := .Site.Params.colors -}} {{ $i }}:{{ $c }} {{- end -}}", "{{< sc >}}", "0:red1:blue")]
    [InlineData("{{ $n := .Get 0 }}{{ printf \"%s has %d\" .Page.Title 3 }} {{ $n }}", "{{< sc z >}}", "P has 3 z")]
    [InlineData("{{ .Page.Params.topic }} {{ .Site.Params.author }} {{ .Ordinal }}", "{{< sc >}}{{< sc >}}", "<p>attention Ada 0attention Ada 1</p>")]
    [InlineData("[{{ .Ordinal }}{{ .Inner }}]", "{{% sc %}}{{< sc >}}{{< /sc >}} {{< sc />}}{{% /sc %}} {{< sc />}}", "<p>[0[0] [1]] [1]</p>")]
    [InlineData("{{ \"<i>ok</i>\" | safeHTML }}", "{{< sc >}}", "<i>ok</i>")]
    [InlineData("<img src=\"{{ .Get 0 | relURL }}\"><a href=\"{{ \"x/\" | absURL }}\">", "{{< sc /img/a.png >}}", "<img src=\"/blog/img/a.png\"><a href=\"https://example.org/blog/x/\">")]
    [InlineData("{{ if and (gt 3 2) (not false) (ne 1 2) (lt 1 2) }}yes{{ end }}{{ or \"\" \"b\" }}", "{{< sc >}}", "yesb")]
    [InlineData("{{/* a comment */}}{{ len .Params }}", "{{< sc a b >}}", "2")]
    public void A_site_shortcode_runs_as_Hugo_runs_it(string template, string body, string html) =>
        Assert.Equal(html, ShortcodeSpecTests.Render(body, With("sc", template)).Html.Trim());

    [Theory]
    [InlineData("{{ partial \"x.html\" . }}", "'partial' is not read")]
    [InlineData("{{ sha256 . }}", "Lemma does not know the template function 'sha256'")]
    [InlineData("{{ .Page.Resources.GetMatch \"a\" }}", ".Page.Resources is not read")]
    [InlineData("{{ if true }}no end", "'if' has no end")]
    [InlineData("{{ define \"x\" }}{{ end }}", "'define' is not read")]
    [InlineData("{{ range 1000000000 }}{{ end }}", "the template runs too long")]
    public void A_template_Lemma_cannot_run_is_a_warning_and_the_shortcode_stays_marked(string template, string problem)
    {
        var r = ShortcodeSpecTests.Render("Before {{< sc >}} after.", With("sc", template));
        Assert.Contains("<code class=\"unread\">{{&lt; sc &gt;}}</code>", r.Html);
        var warning = Assert.Single(r.Diagnostics);
        Assert.Contains("layouts/shortcodes/sc.html", warning.Message);
        Assert.Contains(problem, warning.Message);
    }

    [Fact]
    public void A_site_template_named_like_a_built_in_replaces_it_and_the_built_in_stands_in_when_it_cannot_run()
    {
        Assert.Equal("mine", ShortcodeSpecTests.Render("{{< youtube abc >}}", With("youtube", "mine")).Html.Trim());
        Assert.Contains("youtube.com/watch?v=abc", ShortcodeSpecTests.Render("{{< youtube abc >}}", With("youtube", "{{ partial \"x\" }}")).Html);
    }
}
