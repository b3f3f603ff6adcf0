using System.Collections.Immutable;
using Lemma.Diagnostics;
using Lemma.Math;

namespace Lemma.Markdown;

/// <summary>A code block in a language the highlighter does not know, where it was met.</summary>
public sealed record LanguageUse(string Language, SourceSpan Span);

/// <summary>
/// What the renderers of one page share while it is rendered: where the body sits in its file (to turn Markdig's
/// body positions into file positions), the post's math state, its theorem and figure numbers, and what they found.
/// One per page, not shared between pages; a notebook renders all its Markdown cells into one, so that numbers run on
/// and references resolve across cells.
/// </summary>
public sealed class PageContext(string path, int bodyLine)
{
    public string Path { get; } = path;
    /// <summary>The file line where the body being rendered starts (a notebook moves it from cell to cell).</summary>
    public int BodyLine { get; set; } = bodyLine;
    public MathDocument Math { get; } = new();
    /// <summary>How the page writes math: Lemma's TeX as written, kramdown's dollars, Markdown's escapes inside math.</summary>
    public Math.MathDialect MathDialect { get; set; } = Lemma.Markdown.Math.MathDialect.Lemma;
    /// <summary>Theorem and figure numbers, labels and the text-less links waiting for them.</summary>
    public CrossReferences.PageNumbers Numbers { get; } = new();
    /// <summary>Footnote numbers, which run on from part to part like the others.</summary>
    public Sidenotes.FootnoteNumbers Footnotes { get; } = new();
    /// <summary>The bodies rendered into this page so far, with their first file lines (to locate an unknown \eqref).</summary>
    public List<(string Body, int BodyLine)> Sources { get; } = [];
    public List<Diagnostic> Diagnostics { get; } = [];
    public List<TocEntry> Toc { get; } = [];
    public List<LanguageUse> UnknownLanguages { get; } = [];
    /// <summary>The page's citations and the entries it may cite; set before rendering.</summary>
    public Citations.PageCitations? Citations { get; set; }
    public bool HasMath { get; set; }
    /// <summary>Formulas rendered so far, to bound how many one page converts.</summary>
    public int Formulas { get; set; }
    public bool HasCode { get; set; }
    /// <summary>Headings also carry Jupyter's id (their text with spaces as '-'): a notebook's, which other notebooks link to.</summary>
    public bool JupyterAnchors { get; init; }

    /// <summary>The page's <c>execute: echo</c> (or <c>echo</c>) for Quarto cells that do not say; null when it does not say either.</summary>
    public bool? Echo { get; set; }
    /// <summary>HTML of the first top-level paragraph, the summary when there is no &lt;!--more--&gt;.</summary>
    public string? FirstParagraphHtml { get; set; }

    /// <summary>File position of a 0-based body line and column.</summary>
    public SourceSpan At(int bodyLineIndex, int column0)
    {
        var index = System.Math.Max(0, bodyLineIndex);
        return new(Path, index < Lines.Length ? Lines[index] : BodyLine + index, column0 + 1);
    }

    /// <summary>The file line of each body line, where Liquid or Hugo shortcodes moved them (see <see cref="Content.PageSource.BodyLines"/>).</summary>
    public System.Collections.Immutable.ImmutableArray<int> Lines { get; set; } = [];
}
