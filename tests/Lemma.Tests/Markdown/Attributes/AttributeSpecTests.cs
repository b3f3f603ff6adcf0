using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Math;

namespace Lemma.Tests.Markdown.Attributes;

/// <summary>
/// The spec of attribute lists: where braces are attributes (Pandoc, kramdown and Markdig put them there) and where they
/// are text. Each row is Markdown and the HTML it must render to (code highlighting plain, copy buttons off).
/// </summary>
public class AttributeSpecTests
{
    private static readonly MarkdownFormat Format = new(new MathRenderer(), new PlainHighlighter(), new CodeSettings(LineNumbers: false, CopyButton: false));

    internal static RenderedContent Render(string body) => Format.Render("content/posts/p.md", body, 1);

    public static TheoryData<string, string> BracesThatAreText => new()
    {
        { "In Python, dict literal {x: y} is common.", "<p>In Python, dict literal {x: y} is common.</p>\n" },
        { "Use the format string {name}", "<p>Use the format string {name}</p>\n" },
        // \eqref{x} in prose is a reference to an equation (MathSourceTests); other TeX in prose keeps its braces.
        { "See \\emph{eq:ab} now.", "<p>See \\emph{eq:ab} now.</p>\n" },
        { "A set {a, b} in a sentence {#not-at-the-end} goes on.", "<p>A set {a, b} in a sentence {#not-at-the-end} goes on.</p>\n" },
        { "Ends with a key only {x=1}", "<p>Ends with a key only {x=1}</p>\n" },
        { "Templates {{ page.title }} and {% raw %} stay.", "<p>Templates {{ page.title }} and {% raw %} stay.</p>\n" },
        { "Shortcodes {{< figure src=\"a.png\" >}} stay.", "<p>Shortcodes {{&lt; figure src=&quot;a.png&quot; &gt;}} stay.</p>\n" },
        { "Empty {} and { } braces.", "<p>Empty {} and { } braces.</p>\n" },
        { "{name}", "<p>{name}</p>\n" },
        { "An array a[i]{x} and [b]{name}.", "<p>An array a[i]{x} and [b]{name}.</p>\n" },
        { "{#only-a-list}", "<p>{#only-a-list}</p>\n" },
        { "A word{.class} glued to text.", "<p>A word{.class} glued to text.</p>\n" },
        { "Escaped *x*\\{.y} brace.", "<p>Escaped <em>x</em>{.y} brace.</p>\n" },
        { "Numbers {.5} and {#1}", "<p>Numbers {.5} and {#1}</p>\n" },
        { "## The set {x} of all", "<h2 id=\"the-set-x-of-all\">The set {x} of all <a class=\"anchor\" href=\"#the-set-x-of-all\" aria-label=\"Link to this section\">#</a></h2>\n" },
    };

    [Theory]
    [MemberData(nameof(BracesThatAreText))]
    public void Braces_outside_the_places_of_attribute_lists_are_text(string markdown, string html)
    {
        var r = Render(markdown);
        Assert.Equal(html, r.Html);
        Assert.Empty(r.Diagnostics);
    }

    public static TheoryData<string, string> AttributePlacements => new()
    {
        // after a heading: Pandoc, kramdown and Markdig
        { "## Title {#given .wide}", "<h2 id=\"given\" class=\"wide\">Title <a class=\"anchor\" href=\"#given\" aria-label=\"Link to this section\">#</a></h2>\n" },
        { "# Hello #    {#hello}", "<h1 id=\"hello\">Hello <a class=\"anchor\" href=\"#hello\" aria-label=\"Link to this section\">#</a></h1>\n" },
        { "Setext{#s}\n-----", "<h2 id=\"s\">Setext <a class=\"anchor\" href=\"#s\" aria-label=\"Link to this section\">#</a></h2>\n" },
        // a block IAL below or above its block (kramdown)
        { "A paragraph.\n{: .lead #p1 data-x=\"1\"}", "<p id=\"p1\" class=\"lead\" data-x=\"1\">A paragraph.</p>\n" },
        { "![cat](cat.png)\n*A cat.*\n{:.image-caption}", "<p class=\"image-caption\"><img src=\"cat.png\" alt=\"cat\" />\n<em>A cat.</em></p>\n" },
        { "> A quote\n{:title=\"Quoted\"}\n{: #q}", "<blockquote id=\"q\" title=\"Quoted\">\n<p>A quote</p>\n</blockquote>\n" },
        { "{: .before}\nNext paragraph.", "<p class=\"before\">Next paragraph.</p>\n" },
        { "* one\n* two\n{: .plain}", "<ul class=\"plain\">\n<li>one</li>\n<li>two</li>\n</ul>\n" },
        { "## Contents\n{:.no_toc}", "<h2 id=\"contents\" class=\"no_toc\">Contents <a class=\"anchor\" href=\"#contents\" aria-label=\"Link to this section\">#</a></h2>\n" },
        // Markdig's list on the line before a block, and at a paragraph's end
        { "{.table}\n| a |\n|---|\n| 1 |", "<table class=\"table\">\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n" },
        { "A paragraph with an id. {#custom .lead}", "<p id=\"custom\" class=\"lead\">A paragraph with an id.</p>\n" },
        { "Two lines\nof text {.lead}", "<p class=\"lead\">Two lines\nof text</p>\n" },
        { "Two lines\n{.lead}", "<p class=\"lead\">Two lines</p>\n" },
        // a span IAL right after its span
        { "This *is*{:.underline} some `code`{:#id}{:.class}.", "<p>This <em class=\"underline\">is</em> some <code id=\"id\" class=\"class\">code</code>.</p>\n" },
        { "An ![img](a.png){: width=\"700\"} inline.", "<p>An <img src=\"a.png\" width=\"700\" alt=\"img\" /> inline.</p>\n" },
        { "A [link](u.html){:target=\"_blank\"} out.", "<p>A <a href=\"u.html\" target=\"_blank\">link</a> out.</p>\n" },
        { "Pandoc ![img](a.png){width=50%} size.", "<p>Pandoc <img src=\"a.png\" width=\"50%\" alt=\"img\" /> size.</p>\n" },
        { "A **bold**{.text-danger} word.", "<p>A <strong class=\"text-danger\">bold</strong> word.</p>\n" },
        { "This *is italic*{::}*marked*{:.special} text", "<p>This <em>is italic</em><em class=\"special\">marked</em> text</p>\n" },
        { "A [Small Caps]{.smallcaps} span.", "<p>A <span class=\"smallcaps\">Small Caps</span> span.</p>\n" },
        { "A [*styled* text]{#s .x} span.", "<p>A <span id=\"s\" class=\"x\"><em>styled</em> text</span> span.</p>\n" },
        { "<span>New (v0.4.0)</span>{: .label .label-green }\nText.", "<p><span class=\"label label-green\">New (v0.4.0)</span>\nText.</p>\n" },
        { "<span class=\"a\">x</span>{: .b #i}", "<p><span class=\"a\" id=\"i\">x</span></p>\n" },
        // a fence's info string
        { "```python {.numberLines #train}\nx = 1\n```", "<figure class=\"code\" id=\"train\"><pre data-lang=\"python\"><code><span class=\"line\">x = 1</span></code></pre></figure>\n" },
        { "``` {.python}\nx = 1\n```", "<figure class=\"code\"><pre data-lang=\"python\"><code><span class=\"line\">x = 1</span></code></pre></figure>\n" },
        { "```{python}\nx = 1\n```", "<figure class=\"code\"><pre data-lang=\"python\"><code><span class=\"line\">x = 1</span></code></pre></figure>\n" },
        { "~~~\nputs 1\n~~~\n{: .language-ruby}", "<figure class=\"code\"><pre data-lang=\"ruby\"><code><span class=\"line\">puts 1</span></code></pre></figure>\n" },
        // Pandoc fenced divs; Quarto's callouts are callouts
        { "::: {.callout-warning}\nCareful.\n:::", "<aside class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>Careful.</p>\n</aside>\n" },
        { "::: {.callout-tip title=\"Heads up\"}\nX.\n:::", "<aside class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Heads up</p>\n<p>X.</p>\n</aside>\n" },
        { "::: {.columns #c}\nX.\n:::", "<div id=\"c\" class=\"columns\">\n<p>X.</p>\n</div>\n" },
        { ":::: {#outer}\n::: {.inner}\nX.\n:::\n::::", "<div id=\"outer\">\n<div class=\"inner\">\n<p>X.</p>\n</div>\n</div>\n" },
        // kramdown definitions
        { "{:note: .note title=\"N\"}\n\nA paragraph.\n{: note}", "<p class=\"note\" title=\"N\">A paragraph.</p>\n" },
        // kramdown extensions
        { "Before.\n\n{::comment}\nThis text is a comment.\n{:/comment}\n\nAfter.", "<p>Before.</p>\n<p>After.</p>\n" },
        { "Do you see {::comment}this text{:/comment}?", "<p>Do you see ?</p>\n" },
        { "{::options parse_block_html=\"true\" /}\n\nText.", "<p>Text.</p>\n" },
        { "{::nomarkdown}\n<div class=\"raw\">*not emphasis*</div>\n{:/nomarkdown}", "<div class=\"raw\">*not emphasis*</div>\n" },
        { "Inline {::nomarkdown}<b>raw</b>{:/} here.", "<p>Inline <b>raw</b> here.</p>\n" },
    };

    public static TheoryData<string, string> Warnings => new()
    {
        { "A [link](u){onclick=\"alert(1)\" .ok}", "event handler" },
        { "![x](a.png){src=\"javascript:alert(1)\"}", "javascript:" },
        { "A *span*{style=\"background: url(x.png)\"}", "loads or runs" },
        { "Text with a stray {: .nothing} list.", "follows no span" },
        { "Para.\n\n{: .alone}\n\nPara.", "no block right above or below" },
        { "A paragraph.\n{: undefined-name}", "no attribute list definition is named 'undefined-name'" },
        { "{::unknownext}", "unknown extension '{::unknownext}'" },
        { "## Title {:toc}", "{:toc} applies to a list" },
    };

    [Theory]
    [MemberData(nameof(Warnings))]
    public void What_is_left_out_or_not_understood_is_a_warning_at_its_line(string markdown, string message)
    {
        var r = Render(markdown);
        var warning = Assert.Single(r.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Contains(message, warning.Message);
        var line = markdown.Split('\n').ToList().FindIndex(l => l.Contains('{')) + 1;
        Assert.Equal(line, warning.Span.Line);
    }

    [Fact]
    public void Braces_in_a_heading_that_are_not_a_list_keep_the_heading_in_the_toc_as_written()
    {
        var r = Render("## The set {x} of all\n\n## Kept {#k}\n\n## Left out {.no_toc}\n");
        Assert.Equal(["The set {x} of all", "Kept"], r.Toc.Select(e => e.Text));
        Assert.Equal("k", r.Toc[1].Id);
    }

    [Theory]
    [MemberData(nameof(AttributePlacements))]
    public void Attribute_lists_where_Pandoc_kramdown_or_Markdig_put_them_are_read(string markdown, string html)
    {
        var r = Render(markdown);
        Assert.Equal(html, r.Html);
        Assert.Empty(r.Diagnostics);
    }
}
