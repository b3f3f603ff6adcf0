using System.Text.RegularExpressions;
using Lemma.Configuration;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Markdown.Math;
using Lemma.Math;

namespace Lemma.Tests.Markdown;

/// <summary>
/// Math as other tools' writers wrote it, one row per delimiter and site kind: the Markdown, the dialect, and what the
/// page shows, written as a short trace: [i:TeX] inline math, [d:TeX] display math, [n:TeX] a numbered equation,
/// [!TeX] a formula shown as marked source, the rest as text.
/// </summary>
public partial class MathSourceTests
{
    private static readonly MarkdownFormat Format = new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, false));

    public static TheoryData<string, string, string> Cases() => new()
    {
        // Lemma's own: TeX as written.
        { "lemma", "a $x_1$ b", "a [i:x_1] b" },
        { "lemma", "a $$x$$ b", "a [d:x] b" },
        { "lemma", @"a \(x_1\) b", "a [i:x_1] b" },
        { "lemma", @"a \[x\] b", "a [d:x] b" },
        { "lemma", "$$ x = 1 $$", "[d: x = 1 ]" },
        { "lemma", "$$\nx\n$$ so\n\nafter", "[d:\nx\n] so after" },
        { "lemma", "text\n$$\nx\n$$", "text [d:\nx\n]" },
        { "lemma", "$$\nx\n$$ with $y$ and **b**", "[d:\nx\n] with [i:y] and b" },
        { "lemma", "$$x$$ and $y$ more", "[d:x] and [i:y] more" },
        { "lemma", "\\begin{equation}\nx\n\\end{equation}", "[n:\\begin{equation}\nx\n\\end{equation}]" },
        { "lemma", "\\begin{align*}\na &= b \\\\\nc &= d\n\\end{align*}", "[d:\\begin{align*}\na &= b \\\\\nc &= d\n\\end{align*}]" },
        { "lemma", "\\begin{gather}\nx\n\\end{gather}", "[n:\\begin{gather}\nx\n\\end{gather}]" },
        { "lemma", @"a $x\_1$ b", @"a [i:x\_1] b" },
        { "lemma", "costs $5 and $10", "costs $5 and $10" },
        // $…$ may break across lines of its paragraph, as in Pandoc and MathJax.
        { "lemma", "a $g(X) >\n30)$. b", "a [i:g(X) >\n30)]. b" },
        { "lemma", "costs $5 and\nthen $10", "costs $5 and then $10" },
        { "lemma", "a $x \n$ b", "a $x $ b" },
        { "lemma", "so $V_t$$=v(t)$ here", "so [i:V_t][i:=v(t)] here" },
        { "lemma", "ends $a$$b$", "ends [i:a][i:b]" },
        { "lemma", @"a $x,\" + "\ny$ b", @"a [i:x,\" + "\ny] b" },
        // Hugo, math written for MathJax after Goldmark: Markdown's escapes apply inside math.
        { "escapes", @"a $x\_1$ b", "a [i:x_1] b" },
        { "escapes", @"$$a \\\\ b$$", @"[d:a \\ b]" },
        { "escapes", @"a \\(x\_1\\) b", "a [i:x_1] b" },
        { "escapes", @"a \\[x\\] b", "a [d:x] b" },
        { "escapes", @"see \[1\] and \(2\)", "see [1] and (2)" },
        { "escapes", @"$\\{x\\} \| y$", @"[i:\{x\} | y]" },
        { "escapes", "$$\na\\_b\n$$", "[d:\na_b\n]" },
        // Jekyll's kramdown: $$ inline in a paragraph, display alone; $ is a dollar sign; $$ is raw.
        { "kramdown", "a $$x$$ b", "a [i:x] b" },
        { "kramdown", "a $$ x_1 $$ b", "a [i: x_1 ] b" },
        { "kramdown", "a $$x\ny$$ b", "a [i:x\ny] b" },
        { "kramdown", "$$x$$", "[d:x]" },
        { "kramdown", "$$\nx\n$$", "[d:\nx\n]" },
        { "kramdown", "text\n$$x$$", "text [i:x]" },
        { "kramdown", "text\n$$\nx\n$$", "text [i:\nx\n]" },
        { "kramdown", "$$\n\\begin{align*}\na \\\\[2pt] b\n\\end{align*}\n$$", "[d:\n\\begin{align*}\na \\\\[2pt] b\n\\end{align*}\n]" },
        { "kramdown", "\\begin{align}\na \\\\\\\\ b\n\\end{align}", "[n:\\begin{align}\na \\\\ b\n\\end{align}]" },
        { "kramdown", "costs $5, $x$ is text", "costs $5, $x$ is text" },
        { "kramdown", @"a \$$x$$ b", "a $$x$$ b" },
        { "kramdown", @"a $$x\_1$$ b", @"a [i:x\_1] b" },
        { "kramdown", @"a \\(x\_1\\) b", "a [i:x_1] b" },
        // What cannot be read is shown as its source.
        { "lemma", @"a $\frac{1}{$ b", @"a [!\frac{1}{] b" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Math_is_read_as_the_site_kind_wrote_it(string kind, string markdown, string shown)
    {
        var dialect = kind switch { "kramdown" => MathDialect.Jekyll, "escapes" => new MathDialect(MarkdownEscapes: true), _ => MathDialect.Lemma };
        var rendered = Format.Render("content/posts/p.md", markdown, 1, dialect);
        Assert.Equal(shown, Trace(rendered.Html));
        Assert.DoesNotContain("<p></p>", rendered.Html);
        if (!shown.Contains("[!", StringComparison.Ordinal)) Assert.Empty(rendered.Diagnostics);
    }

    [Fact]
    public void A_subscript_escaped_for_mathjax_is_a_subscript()
    {
        var html = Format.Render("content/posts/p.md", @"Let $a\_b$ be.", 1, new MathDialect(MarkdownEscapes: true)).Html;
        Assert.Contains("<msub>", html);
    }

    [Fact]
    public void A_formula_that_cannot_be_read_is_a_warning_at_its_position_with_its_source_marked()
    {
        var rendered = Format.Render("content/posts/p.md", "x\n\nso $\\frac{1}{$ here", 4);
        var warning = Assert.Single(rendered.Diagnostics);
        Assert.Equal(Lemma.Diagnostics.Severity.Warning, warning.Severity);
        Assert.Equal(("content/posts/p.md", 6), (warning.Span.Path, warning.Span.Line));
        Assert.Contains("class=\"math-error\"", rendered.Html);
    }

    [Fact]
    public void Eqref_in_prose_links_to_the_numbered_equation_and_an_unknown_label_keeps_its_text()
    {
        var rendered = Format.Render("content/posts/p.md", "\\begin{equation}\\label{e:one}\nx\n\\end{equation}\n\nSee \\eqref{e:one} and \\ref{nope}.", 1);
        Assert.Contains("<a class=\"eqref\" href=\"#eq-e:one\">(1)</a>", rendered.Html);
        Assert.Contains(@"<code>\ref{nope}</code>", rendered.Html);
        var warning = Assert.Single(rendered.Diagnostics);
        Assert.Equal(Lemma.Diagnostics.Severity.Warning, warning.Severity);
        Assert.Equal(5, warning.Span.Line);
    }

    [Theory]
    [InlineData("hugo.toml", "baseURL = 'https://x.org/'\n[params]\nmath = true\n", false, true)]
    [InlineData("hugo.toml", "baseURL = 'https://x.org/'\n[markup.goldmark.extensions.passthrough]\nenable = true\n", false, false)]
    [InlineData("_config.yml", "title: x\n", true, true)]
    [InlineData("_config.yml", "markdown: CommonMarkGhPages\n", false, true)]
    [InlineData("site.yaml", "title: x\n", false, false)]
    [InlineData("site.yaml", "math:\n  escapes: true\n", false, true)]
    public void The_config_kind_decides_how_math_is_written(string file, string text, bool kramdown, bool escapes)
    {
        var root = Directory.CreateTempSubdirectory("lemma-math-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, file), text);
            var syntax = ConfigLoader.Load(root).Config.MathSyntax;
            Assert.Equal((kramdown, escapes), (syntax.Kramdown, syntax.Escapes));
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void A_hugo_page_with_math_in_its_front_matter_reads_markdown_escapes()
    {
        var format = new MarkdownFormat(new MathRenderer(), new PlainHighlighter(), new CodeSettings(false, false), mathSyntax: new MathSyntax(PageFlags: true));
        Assert.True(format.DialectOf(new Dictionary<string, object?> { ["math"] = true }).MarkdownEscapes);
        Assert.False(format.DialectOf(new Dictionary<string, object?> { ["title"] = "x" }).MarkdownEscapes);
        Assert.False(format.DialectOf(new Dictionary<string, object?> { ["math"] = true, ["math_escapes"] = false }).MarkdownEscapes);
    }

    private static string Trace(string html)
    {
        var formulas = new List<string>();
        string Keep(string trace) { formulas.Add(trace); return $"\uE000{formulas.Count - 1}\uE001"; }
        html = Numbered().Replace(html, m => Keep("[n:" + Annotation(m.Value) + "]"));
        html = MathElement().Replace(html, m => Keep((m.Groups[1].Success ? "[d:" : "[i:") + Annotation(m.Value) + "]"));
        html = Error().Replace(html, m => Keep("[!" + m.Groups[1].Value + "]"));
        html = Spaces().Replace(Tags().Replace(html, " "), " ").Trim();
        html = Kept().Replace(html, m => formulas[int.Parse(m.Groups[1].Value)]);
        return System.Net.WebUtility.HtmlDecode(html);
    }

    private static string Annotation(string math) => AnnotationText().Match(math).Groups[1].Value;

    [GeneratedRegex("""<div class="equation"[^>]*>.*?</div>""", RegexOptions.Singleline)] private static partial Regex Numbered();
    [GeneratedRegex("""<math( display="block")?>.*?</math>""", RegexOptions.Singleline)] private static partial Regex MathElement();
    [GeneratedRegex("""<annotation[^>]*>(.*?)</annotation>""", RegexOptions.Singleline)] private static partial Regex AnnotationText();
    [GeneratedRegex("""<span class="math-error"[^>]*><code>(.*?)</code></span>""", RegexOptions.Singleline)] private static partial Regex Error();
    [GeneratedRegex("<[^>]+>")] private static partial Regex Tags();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
    [GeneratedRegex("\uE000(\\d+)\uE001")] private static partial Regex Kept();
}
