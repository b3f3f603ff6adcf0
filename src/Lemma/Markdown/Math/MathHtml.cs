using Lemma.Math;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Lemma.Diagnostics;

namespace Lemma.Markdown.Math;

/// <summary>
/// $...$ and $$...$$ (and ```math blocks) through Lemma.Math to MathML, at build time. A formula that does not
/// convert is an error at its position in the file, and the page shows its source in a visible box.
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
            page.Diagnostics.Add(Diagnostic.Error(positionOf(error.Offset), $"math: {error.Message}"));
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
        var display = inline.DelimiterCount >= 2;
        var html = MathHtml.Render(math, page, tex, display,
            offset => MathHtml.Locate(page, tex, offset, inline.Line, inline.Column + inline.DelimiterCount));
        renderer.Write(html);
    }
}

public sealed class MathBlockHtml(MathRenderer math, PageContext page) : HtmlObjectRenderer<MathBlock>
{
    protected override void Write(HtmlRenderer renderer, MathBlock block)
    {
        renderer.EnsureLine();
        var tex = block.Lines.ToString();
        var first = block.Lines.Count > 0 ? block.Lines.Lines[0] : default;
        var html = MathHtml.Render(math, page, tex, display: true,
            offset => MathHtml.Locate(page, tex, offset, block.Lines.Count > 0 ? first.Line : block.Line, first.Column));
        // Numbered equations come wrapped in their own div.equation; others get one to centre and scroll.
        if (html.StartsWith("<div", StringComparison.Ordinal)) renderer.WriteLine(html);
        else renderer.Write("<div class=\"math-display\">").Write(html).WriteLine("</div>");
    }
}
