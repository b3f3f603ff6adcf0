using System.Net;
using System.Text;
using Lemma.Highlight;
using Lemma.Math;
using Lemma.Markdown.Math;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Markdown.Code;

/// <summary>Site-wide code block settings.</summary>
/// <param name="Echo">Whether Quarto cells show their code when neither they nor their page say (_quarto.yml's <c>execute: echo</c>).</param>
public sealed record CodeSettings(bool LineNumbers, bool CopyButton, bool Echo = true);

/// <summary>
/// Fenced and indented code blocks, highlighted at build time into
/// <c>figure.code &gt; [figcaption] [button.copy] pre[data-lang] &gt; code &gt; span.line</c>.
/// A ```math block is display math. A language the highlighter does not know is shown escaped and noted once per build.
/// </summary>
public sealed class CodeBlockHtml(IHighlighter highlighter, MathRenderer math, CodeSettings settings, PageContext page) : HtmlObjectRenderer<CodeBlock>
{
    /// <summary>Names that mean "no highlighting" and are not worth a warning.</summary>
    private static readonly HashSet<string> PlainNames = new(StringComparer.OrdinalIgnoreCase) { "", "text", "plain", "plaintext", "txt", "none", "output", "log" };

    /// <summary>
    /// The info string's first word; else Pandoc's first class (<c>```{.python}</c>) or kramdown's <c>language-ruby</c> class
    /// (<c>{: .language-ruby}</c>); Quarto's and R Markdown's <c>```{python}</c> cell is its language.
    /// </summary>
    private static string Language(string? info, HtmlAttributes? attributes)
    {
        var language = (info ?? "").Trim();
        if (language is ['{', .., '}'])
            return language[1..^1].Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (language.Length > 0 || attributes?.Classes is not { Count: > 0 } classes) return language;
        var named = classes.FirstOrDefault(c => c.StartsWith("language-", StringComparison.Ordinal));
        return named is not null ? named["language-".Length..] : classes[0];
    }

    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        var fenced = block as FencedCodeBlock;
        var language = Language(fenced?.Info, block.TryGetAttributes());
        var code = block.Lines.ToString();
        renderer.EnsureLine();
        (bool Open, string Summary)? fold = null;
        if (CellOptions.IsCell(fenced?.Info))
        {
            var cell = CellOptions.Split(code);
            if (cell.Hidden || (cell.Echo ?? page.Echo ?? settings.Echo) == false) return;
            code = cell.Code;
            fold = cell.Fold;
        }

        if (language.Equals("math", StringComparison.OrdinalIgnoreCase))
        {
            var first = block.Lines.Count > 0 ? block.Lines.Lines[0] : default;
            var html = MathHtml.Render(math, page, code, display: true, offset => MathHtml.Locate(page, code, offset, first.Line, first.Column));
            if (html.StartsWith("<div", StringComparison.Ordinal)) renderer.WriteLine(html);
            else renderer.Write("<div class=\"math-display\">").Write(html).WriteLine("</div>");
            return;
        }

        page.HasCode = true;
        var attributes = block.TryGetAttributes();
        var options = CodeOptions.Parse(fenced?.Arguments, attributes?.Properties ?? []);
        HighlightedCode highlighted;
        if (PlainNames.Contains(language)) highlighted = new PlainHighlighter().Highlight(code, language);
        else
        {
            highlighted = highlighter.Highlight(code, language);
            if (!highlighted.Recognized) page.UnknownLanguages.Add(new LanguageUse(language, page.At(block.Line, block.Column)));
        }

        var html2 = new StringBuilder(code.Length * 2 + 200);
        html2.Append("<figure class=\"code\"");
        if (attributes?.Id is { Length: > 0 } id) html2.Append(" id=\"").Append(WebUtility.HtmlEncode(id)).Append('"');
        html2.Append('>');
        if (options.Title is { Length: > 0 } title) html2.Append("<figcaption>").Append(WebUtility.HtmlEncode(title)).Append("</figcaption>");
        if (settings.CopyButton) html2.Append("<button class=\"copy\" type=\"button\" hidden>Copy</button>");
        html2.Append("<pre");
        if (language.Length > 0) html2.Append(" data-lang=\"").Append(WebUtility.HtmlEncode(language.ToLowerInvariant())).Append('"');
        if (options.LineNumbers ?? settings.LineNumbers)
        {
            html2.Append(" data-linenos");
            if (options.Start != 1) html2.Append(" style=\"--start: ").Append(options.Start).Append('"');
        }
        html2.Append("><code>");
        for (var i = 0; i < highlighted.Lines.Count; i++)
        {
            if (i > 0) html2.Append('\n');
            html2.Append(options.HighlightedLines.Contains(i + 1) ? "<span class=\"line hl\">" : "<span class=\"line\">");
            html2.Append(highlighted.Lines[i]).Append("</span>");
        }
        html2.Append("</code></pre></figure>");
        if (fold is { } folded)
            html2.Insert(0, $"<details class=\"code-fold\"{(folded.Open ? " open" : "")}><summary>{WebUtility.HtmlEncode(folded.Summary)}</summary>").Append("</details>");
        renderer.WriteLine(html2.ToString());
    }
}
