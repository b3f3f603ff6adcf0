using Lemma.Markdown.Blocks;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Markdown.Figures;

/// <summary>
/// Numbered figures: <c>&lt;figure class="figure" id="fig-N"&gt;…&lt;figcaption&gt;&lt;span class="figure-label"&gt;Figure
/// N:&lt;/span&gt; caption&lt;/figcaption&gt;&lt;/figure&gt;</c>, counted per page. A <c>{#label}</c> replaces the id "fig-N"
/// and names the figure for <c>[](#label)</c> links.
/// </summary>
internal static class FigureNumbers
{
    /// <param name="cls">"figure", or "figure figure-block" for a <c>:::figure</c>, whose content (a wide table) needs scholarly.css.</param>
    public static void Open(HtmlRenderer renderer, PageContext page, Block block, string? label, string cls, out string name)
    {
        var n = page.Numbers.Next("figure");
        name = $"Figure {n}";
        var id = label ?? $"fig-{n}";
        if (!page.Numbers.Define(id, name))
            page.Diagnostics.Add(Lemma.Diagnostics.Diagnostic.Error(page.At(block.Line, block.Column), $"reference: the label '{id}' is used twice on this page"));
        renderer.EnsureLine();
        renderer.Write("<figure class=\"").Write(cls).Write("\" id=\"").WriteEscape(id).WriteLine("\">");
    }

    public static void CaptionStart(HtmlRenderer renderer, string name, bool hasCaption)
    {
        renderer.EnsureLine();
        renderer.Write("<figcaption><span class=\"figure-label\">").Write(name).Write(hasCaption ? ":</span> " : "</span>");
    }

    public static void Close(HtmlRenderer renderer) => renderer.WriteLine("</figcaption>").WriteLine("</figure>");
}

/// <summary>A <c>:::figure[Caption]</c> block: its content, then its numbered caption.</summary>
public sealed class FigureHtml(PageContext page) : HtmlObjectRenderer<FigureBlock>
{
    protected override void Write(HtmlRenderer renderer, FigureBlock block)
    {
        FigureNumbers.Open(renderer, page, block, ColonFence.LabelOf(block), "figure figure-block", out var name);
        renderer.WriteChildren(block);
        FigureNumbers.CaptionStart(renderer, name, block.Count > 0 && block[0] is BlockTitle);
        ColonFence.WriteTitle(renderer, block);
        FigureNumbers.Close(renderer);
    }
}

/// <summary>
/// A captioned lone image: <c>&lt;img src alt loading="lazy"&gt;</c> with the image's other attributes (width, height,
/// classes) and a caption from its title, else from its alt text (with its Markdown).
/// </summary>
public sealed class ImageFigureHtml(PageContext page) : HtmlObjectRenderer<ImageFigureBlock>
{
    protected override void Write(HtmlRenderer renderer, ImageFigureBlock block)
    {
        var image = block.Image;
        var attributes = image.TryGetAttributes();
        FigureNumbers.Open(renderer, page, block, attributes?.Id is { Length: > 0 } id ? id : null, "figure", out var name);
        renderer.Write("<img src=\"").WriteEscapeUrl(image.GetDynamicUrl?.Invoke() ?? image.Url).Write("\" alt=\"")
            .WriteEscape(Headings.HeadingHtml.PlainText(image)).Write('"');
        if (attributes?.Classes is { Count: > 0 } classes) renderer.Write(" class=\"").WriteEscape(string.Join(' ', classes)).Write('"');
        foreach (var (key, value) in attributes?.Properties ?? [])
        {
            if (key is "loading" or "src" or "alt") continue;
            renderer.Write(' ').Write(key);
            if (value is not null) renderer.Write("=\"").WriteEscape(value).Write('"');
        }
        renderer.WriteLine(" loading=\"lazy\">");
        var title = string.IsNullOrWhiteSpace(image.Title) ? null : image.Title.Trim();
        FigureNumbers.CaptionStart(renderer, name, title is not null || image.FirstChild is not null);
        if (title is not null) renderer.WriteEscape(title);
        else renderer.WriteChildren(image);
        FigureNumbers.Close(renderer);
    }
}
