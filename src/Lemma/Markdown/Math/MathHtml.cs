using Lemma.Math;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Lemma.Diagnostics;

namespace Lemma.Markdown.Math;

/// <summary>
/// Math (and ```math blocks) through Lemma.Math to MathML, at build time. A formula that does not convert is a warning
/// at its position in the file (a reader can live with it; --strict fails on it), and the page shows its source marked.
/// </summary>
public static class MathHtml
{
    /// <summary>
    /// Formulas one page converts to MathML; the rest show their TeX. The densest real posts hold a few thousand, and each
    /// formula's MathML is many times its source, repeated in every copy of the page's HTML.
    /// </summary>
    public const int MaxFormulas = 10_000;

    public static string Render(MathRenderer math, PageContext page, string tex, bool display, Func<int, SourceSpan> positionOf)
    {
        page.HasMath = true;
        if (++page.Formulas > MaxFormulas)
        {
            if (page.Formulas == MaxFormulas + 1)
                page.Diagnostics.Add(Diagnostic.Warning(positionOf(0),
                    $"math: more than {MaxFormulas:N0} formulas in one page; from here on they are shown as TeX, not converted"));
            return "<code class=\"math-source\">" + System.Net.WebUtility.HtmlEncode(tex) + "</code>";
        }
        var result = math.Render(tex, display, page.Math);
        foreach (var error in result.Errors)
            page.Diagnostics.Add(Diagnostic.Warning(positionOf(error.Offset), $"math: {error.Message}; its TeX is shown instead"));
        return result.Html;
    }

    /// <summary>The file position of an offset inside a formula that starts at a known line and column.</summary>
    public static SourceSpan Locate(PageContext page, string tex, int offset, int line0, int column0)
    {
        offset = System.Math.Clamp(offset, 0, tex.Length);
        var before = tex.AsSpan(0, offset);
        var newlines = before.Count('\n');
        if (newlines == 0) return page.At(line0, column0 + offset);
        return page.At(line0 + newlines, offset - before.LastIndexOf('\n') - 1);
    }
}

public sealed class MathInlineHtml(MathRenderer math, PageContext page) : HtmlObjectRenderer<MathInline>
{
    protected override void Write(HtmlRenderer renderer, MathInline inline)
    {
        var tex = inline.Content.ToString();
        var (display, unescape, offset) = inline is TexMathInline own
            ? (own.Display || (page.MathDialect.Kramdown && own.Delimiter == '$' && AloneInParagraph(own)), own.Unescape, own.Offset)
            : (inline.DelimiterCount >= 2,
                // A single $ that kramdown left as text was read by MathJax after kramdown's escapes.
                inline.DelimiterCount == 1 && page.MathDialect.Kramdown ? page.MathDialect.MarkdownEscapes : page.MathDialect.Unescapes(dollars: true),
                inline.DelimiterCount);
        if (unescape) tex = MarkdownEscapes.Apply(tex, page.MathDialect.Kramdown);
        var html = MathHtml.Render(math, page, tex, display,
            at => MathHtml.Locate(page, tex, at, inline.Line, inline.Column + offset));
        renderer.Write(html);
    }

    // kramdown: $$…$$ that is all of its paragraph is display math.
    private static bool AloneInParagraph(MathInline inline) =>
        inline.Parent is { ParentBlock: Markdig.Syntax.ParagraphBlock } parent
        && parent.All(i => i == inline || i is Markdig.Syntax.Inlines.LineBreakInline
            || (i is Markdig.Syntax.Inlines.LiteralInline literal && literal.Content.IsEmptyOrWhitespace()));
}

public sealed class MathBlockHtml(MathRenderer math, PageContext page) : HtmlObjectRenderer<MathBlock>
{
    private static string AnnotationText(string tex) => tex.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    protected override void Write(HtmlRenderer renderer, MathBlock block)
    {
        renderer.EnsureLine();
        string tex;
        Func<int, SourceSpan> positionOf;
        if (block is DisplayMathBlock own)
        {
            var source = own.Unescape ? MarkdownEscapes.Apply(own.Tex, page.MathDialect.Kramdown) : own.Tex;
            // A labelled equation is numbered as an equation environment is, and its \label names it.
            var opening = own.Label is null ? "" : @"\begin{equation}";
            tex = own.Label is null ? source : opening + source + @"\label{" + own.Label + @"}\end{equation}";
            positionOf = at => MathHtml.Locate(page, source, System.Math.Clamp(at - opening.Length, 0, source.Length), own.TexLine, own.TexColumn);
        }
        else
        {
            tex = block.Lines.ToString();
            var first = block.Lines.Count > 0 ? block.Lines.Lines[0] : default;
            positionOf = at => MathHtml.Locate(page, tex, at, block.Lines.Count > 0 ? first.Line : block.Line, first.Column);
        }
        var html = MathHtml.Render(math, page, tex, display: true, positionOf);
        // The annotation keeps the TeX as the writer wrote it, not the environment put around a labelled equation.
        if (block is DisplayMathBlock { Label: not null } labelled)
            html = html.Replace(AnnotationText(tex) + "</annotation>", AnnotationText(labelled.Unescape ? MarkdownEscapes.Apply(labelled.Tex, page.MathDialect.Kramdown) : labelled.Tex) + "</annotation>", StringComparison.Ordinal);
        // Numbered equations come wrapped in their own div.equation; others get one to centre and scroll.
        if (html.StartsWith("<div", StringComparison.Ordinal)) renderer.WriteLine(html);
        else renderer.Write("<div class=\"math-display\">").Write(html).WriteLine("</div>");
    }
}
