using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Lemma.Build;
using Lemma.Configuration;
using Lemma.Content;
using Lemma.Diagnostics;
using SourceSpan = Lemma.Diagnostics.SourceSpan;
using Lemma.Highlight;
using Lemma.Markdown.Attributes;
using Lemma.Markdown.Blocks;
using Lemma.Markdown.Callouts;
using Lemma.Markdown.Citations;
using Lemma.Markdown.Details;
using Lemma.Markdown.Figures;
using Lemma.Markdown.Theorems;
using Lemma.Markdown.Code;
using Lemma.Markdown.Headings;
using Lemma.Markdown.KramdownHtml;
using Lemma.Markdown.Math;
using Lemma.Markdown.Sidenotes;
using Lemma.Markdown.TableCaptions;
using Lemma.Markdown.SourceLinks;
using Lemma.Math;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Lemma.Markdown;

/// <summary>
/// Markdown pages: CommonMark and GFM through Markdig, math to MathML, code highlighted, headings linked,
/// and what templates and checks need (summary, TOC, words, links, anchors). Built once per build; thread-safe.
/// </summary>
public sealed partial class MarkdownFormat(MathRenderer math, IHighlighter highlighter, CodeSettings code, CitationSettings? citations = null,
    bool sidenotes = true, MathSyntax? mathSyntax = null, Shortcodes.ShortcodeReader? shortcodes = null) : IContentFormat
{
    private readonly MathSyntax mathSyntax = mathSyntax ?? new MathSyntax();

    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseFootnotes()
        .UseSidenotes(sidenotes)
        .UseDefinitionLists()
        .UseTableCaptions()
        .UseSourceLinks()
        .UseTexMath()
        .UsePandocCitations()
        .UseCallouts()
        .UseTheorems()
        .UseNumberedFigures()
        .UseDetails()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UsePreciseSourceLocation()
        .UseKramdownHtml()
        .UseAttributes() // last: it hooks the heading and fence parsers the others added
        .Build();

    public bool Accepts(PageSource page) => page.Format == ContentFormat.Markdown;

    /// <summary>
    /// The most HTML a summary drawn from the body may hold. Lists, the home page and every feed repeat a summary, so a
    /// first paragraph of 200,000 formulas would be copied a dozen times over; past this the page has none, with a warning.
    /// </summary>
    public const int MaxSummaryLength = 64 * 1024;

    public RenderedContent Render(PageSource page)
    {
        var expanded = shortcodes?.Expand(page);
        var lines = expanded is null ? page.BodyLines : FileLines(page, expanded.Lines);
        var rendered = Render(page.Path, expanded?.Markdown ?? page.Body, page.BodyLine, DialectOf(page.FrontMatter.Raw), lines, EchoOf(page.FrontMatter.Raw));
        if (expanded is not null) rendered = expanded.Apply(rendered);
        if (rendered.SummaryHtml is not { Length: > MaxSummaryLength } summary) return rendered;
        var warning = Diagnostic.Warning(new SourceSpan(page.Path, page.BodyLine, 1),
            $"the summary drawn from the body (its first paragraph, or the text before <!--more-->) is {summary.Length / 1024:N0} KB of HTML; "
            + "lists and feeds show none for this page: write a shorter one in the front matter's 'summary'");
        return rendered with
        {
            SummaryHtml = null,
            Diagnostics = page.FrontMatter.Summary is null ? rendered.Diagnostics.Add(warning) : rendered.Diagnostics,
        };
    }

    /// <summary>The file line of each line of a body whose shortcodes were expanded, from the body line each came from.</summary>
    private static ImmutableArray<int> FileLines(PageSource page, IReadOnlyList<int> fromBodyLines) =>
        [.. fromBodyLines.Select(i => i < page.BodyLines.Length ? page.BodyLines[i] : page.BodyLine + i)];

    /// <summary>Renders a Markdown body found at <paramref name="bodyLine"/> of the file <paramref name="path"/>.</summary>
    /// <param name="lines">The file line of each body line, where Liquid or shortcodes moved them; else counted from <paramref name="bodyLine"/>.</param>
    /// <param name="echo">Whether the page's Quarto cells show their code (its <c>execute: echo</c>); null when it does not say.</param>
    public RenderedContent Render(string path, string body, int bodyLine, MathDialect? dialect = null, ImmutableArray<int> lines = default, bool? echo = null)
    {
        var context = new PageContext(path, bodyLine) { MathDialect = dialect ?? DialectOf(null), Lines = lines.IsDefault ? [] : lines, Echo = echo };
        var (part, partHtml) = RenderPart(context, body, bodyLine);
        var (html, summary) = Resolve(context, partHtml + References(context), part.SummaryHtml);
        return part with
        {
            Html = html, SummaryHtml = summary, Toc = [.. context.Toc], Anchors = AnchorsIn(html),
            Diagnostics = [.. context.Diagnostics.Distinct()], // a sidenote renders its note's text a second time
        };
    }

    /// <summary>
    /// Renders one part of a page (a notebook's Markdown cell) into the page's <paramref name="context"/>: equation,
    /// theorem and figure numbers run on from the parts before, and references wait, as placeholders, for
    /// <see cref="Resolve"/> once every part is rendered. What the result reports (TOC, diagnostics...) is this part's own.
    /// </summary>
    public RenderedContent Render(PageContext context, string body, int bodyLine)
    {
        var (part, html) = RenderPart(context, body, bodyLine);
        return part with { Html = html, Anchors = AnchorsIn(html) };
    }

    /// <summary>A part as <see cref="Render(PageContext, string, int)"/> renders it, with its HTML beside it rather than in it
    /// (which holds HTML as UTF-8): a whole page goes on working on the text.</summary>
    private (RenderedContent Part, string Html) RenderPart(PageContext context, string body, int bodyLine)
    {
        context.BodyLine = bodyLine;
        context.Sources.Add((body, bodyLine));
        var (diagnostics, toc, languages) = (context.Diagnostics.Count, context.Toc.Count, context.UnknownLanguages.Count);
        var unread = (new RenderedContent { Html = "" }, "");
        if (Parse(context, body) is not { } document) return (unread.Item1 with { Diagnostics = [.. context.Diagnostics.Skip(diagnostics)] }, "");
        AttributeNotes.Report(document, context);
        var settings = citations ?? CitationSettings.None;
        context.Citations ??= new PageCitations(settings.Library.For(context.Path), settings.Style);
        context.Citations.Add(document);
        context.Numbers.Collect(document, context);
        context.Footnotes.Continue(document);
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        Install(renderer, context, writer);
        try
        {
            renderer.Render(document);
        }
        catch (ArgumentException e) when (TooDeep(e))
        {
            context.Diagnostics.Add(NestedTooDeep(context));
            return (unread.Item1 with { Diagnostics = [.. context.Diagnostics.Skip(diagnostics)] }, "");
        }
        writer.Flush();

        var html = writer.ToString();
        var summary = SidenoteHtml.Strip(MoreMark.SummaryOf(html) ?? context.FirstParagraphHtml ?? "");
        return (new RenderedContent
        {
            Html = "",
            SummaryHtml = summary is { Length: > 0 } ? summary : null,
            Toc = [.. context.Toc.Skip(toc)],
            WordCount = CountWords(document),
            HasMath = context.HasMath,
            HasCode = context.HasCode,
            Links = [.. Links(document, context)],
            Diagnostics = [.. context.Diagnostics.Skip(diagnostics).Distinct()], // a sidenote renders its note's text a second time
            UnknownLanguages = [.. context.UnknownLanguages.Skip(languages)],
        }, html);
    }

    /// <summary>Front matter fields that change how a page's math is read.</summary>
    public static readonly ImmutableArray<string> MathFlags = ["math", "mathjax", "katex", "math_escapes"];

    /// <summary>Front matter that changes a body's rendering: the math flags, and Quarto's echo for its cells.</summary>
    public static readonly ImmutableArray<string> RenderingKeys = [.. MathFlags, "echo", "execute"];

    /// <summary>How a page with this front matter writes math, on this site (see <see cref="MathSyntax"/>).</summary>
    public MathDialect DialectOf(IReadOnlyDictionary<string, object?>? frontMatter)
    {
        var escapes = mathSyntax.Escapes;
        if (mathSyntax.PageFlags && frontMatter is not null)
            escapes |= MathFlags[..3].Any(key => frontMatter.TryGetValue(key, out var v) && ConfigLoader.Truthy(v));
        if (frontMatter?.GetValueOrDefault("math_escapes") is bool page) escapes = page;
        return new MathDialect(mathSyntax.Kramdown, escapes, mathSyntax.Dollars);
    }

    /// <summary>The body's syntax tree, or null and an error in <paramref name="context"/> when it nests past what can be read.</summary>
    private MarkdownDocument? Parse(PageContext context, string body)
    {
        if (BlockNesting.FindTooDeep(body) is var (line, column))
        {
            context.Diagnostics.Add(Diagnostic.Error(context.At(line, column),
                $"quotes and lists nest deeper than {BlockNesting.MaxDepth} levels here; the page is not rendered"));
            return null;
        }
        try
        {
            var parsing = new MarkdownParserContext();
            parsing.Properties[MathDialect.Key] = context.MathDialect;
            return Markdig.Markdown.Parse(body, pipeline, parsing);
        }
        catch (ArgumentException e) when (TooDeep(e))
        {
            context.Diagnostics.Add(NestedTooDeep(context));
            return null;
        }
    }

    // Markdig's own depth limit, met by nesting the line scan does not count (emphasis, links, tables), while parsing or rendering.
    private static bool TooDeep(ArgumentException e) => e.Message.Contains("too deeply nested", StringComparison.Ordinal);

    private static Diagnostic NestedTooDeep(PageContext context) =>
        Diagnostic.Error(context.At(0, 0), "Markdown nested too deeply to be read (emphasis, links or blocks); the page is not rendered");

    /// <summary>Quarto's <c>execute: { echo: false }</c> (or a top-level <c>echo</c>) in front matter.</summary>
    private static bool? EchoOf(IReadOnlyDictionary<string, object?> frontMatter) =>
        (frontMatter.GetValueOrDefault("execute") as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("echo") as bool?
        ?? frontMatter.GetValueOrDefault("echo") as bool?;

    /// <summary>The ids an HTML fragment defines, and the names of its &lt;a name="x"&gt; (which browsers scroll to as well), each once.</summary>
    public static ImmutableArray<string> AnchorsIn(string html) =>
        [.. Ids().Matches(html).Select(m => m.Groups[1].Value)
            .Concat(html.Contains("name=", StringComparison.Ordinal) ? NamedAnchors().Matches(html).Select(m => m.Groups[2].Value) : [])
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The page's reference list, once, after its last part (empty when it cites nothing); adds it to the TOC.</summary>
    public static string References(PageContext context)
    {
        if (context.Citations is null) return "";
        var references = CitationHtml.References(context.Citations);
        if (references.Length > 0) context.Toc.Add(new TocEntry(2, "references", "References"));
        return references;
    }

    /// <summary>
    /// Fills a whole page's references (\eqref and \ref, text-less links to theorems, figures and equations) in its HTML
    /// and summary; a reference to nothing is an error added to <paramref name="context"/>'s diagnostics.
    /// </summary>
    public static (string Html, string? Summary) Resolve(PageContext context, string html, string? summary)
    {
        html = context.Math.ResolveReferences(html);
        summary = summary is null ? null : context.Math.ResolveReferences(summary);
        foreach (var label in context.Math.UnknownLabels)
        {
            // The reference as written, marked like a formula that could not be read.
            foreach (var kind in (string[])["eqref", "ref"])
            {
                var shown = kind == "eqref" ? "(??)" : "??";
                var link = $"<a class=\"{kind}\" href=\"#{System.Net.WebUtility.HtmlEncode(MathDocument.AnchorId(label))}\">{shown}</a>";
                var source = $"<span class=\"math-error\" title=\"no equation is labelled this\"><code>\\{kind}{{{System.Net.WebUtility.HtmlEncode(label)}}}</code></span>";
                html = html.Replace(link, source, StringComparison.Ordinal);
                summary = summary?.Replace(link, source, StringComparison.Ordinal);
            }
            context.Diagnostics.Add(Diagnostic.Warning(Locate(context, label), $"math: no equation is labelled '{label}'; the reference is shown as written"));
        }
        var anchors = Ids().Matches(html).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        context.Numbers.Check(context, anchors);
        html = context.Numbers.Fill(html, context);
        html = context.Numbers.FillCrossReferences(html, context, report: true);
        html = TocList.Fill(html, context.Toc);
        summary = summary?.Replace(TocList.Marker, "", StringComparison.Ordinal); // a list of headings is no summary
        summary = summary is null ? null : context.Numbers.FillCrossReferences(context.Numbers.Fill(summary, context), context, report: false);
        return (html, summary);
    }

    private void Install(HtmlRenderer renderer, PageContext context, StringWriter writer)
    {
        Replace<MathInline>(renderer, new MathInlineHtml(math, context));
        Replace<MathBlock>(renderer, new MathBlockHtml(math, context));
        Replace<CodeBlock>(renderer, new CodeBlockHtml(highlighter, math, code, context));
        Replace<HeadingBlock>(renderer, new HeadingHtml(context));
        Replace<ParagraphBlock>(renderer, new FirstParagraphHtml(context, writer));
        Replace<Markdig.Extensions.TaskLists.TaskList>(renderer, new TaskLists.TaskListHtml());
        Replace<CitationInline>(renderer, new CitationHtml(context));
        Replace<Markdown.CrossReferences.CrossReferenceInline>(renderer, new Markdown.CrossReferences.CrossReferenceHtml(context));
        Replace<TheoremBlock>(renderer, new TheoremHtml(context));
        Replace<FigureBlock>(renderer, new FigureHtml(context));
        Replace<ImageFigureBlock>(renderer, new ImageFigureHtml(context));
        Replace<TableFigureBlock>(renderer, new TableFigureHtml(context));
        Replace<UnknownContainer>(renderer, new UnknownContainerHtml(context));
    }

    /// <summary>Puts <paramref name="replacement"/> where the renderer for <typeparamref name="T"/> was, keeping the order.</summary>
    private static void Replace<T>(HtmlRenderer renderer, IMarkdownObjectRenderer replacement) where T : MarkdownObject
    {
        var renderers = renderer.ObjectRenderers;
        // A type test, not reflection: this runs for every part of every page.
        var index = renderers.FindIndex(r => r is MarkdownObjectRenderer<HtmlRenderer, T>);
        if (index >= 0) renderers[index] = replacement;
        else renderers.Insert(0, replacement);
    }

    private static IEnumerable<LinkReference> Links(MarkdownDocument document, PageContext context)
    {
        foreach (var inline in document.Descendants<Inline>())
        {
            switch (inline)
            {
                case LinkInline { Url: { Length: > 0 } url } link:
                    yield return new LinkReference(url, link.IsImage, context.At(link.Line, link.Column));
                    break;
                case AutolinkInline { IsEmail: false } auto:
                    yield return new LinkReference(auto.Url, false, context.At(auto.Line, auto.Column));
                    break;
            }
        }
    }

    /// <summary>
    /// Words a reader reads: words of prose and inline code, every whitespace-separated token of code blocks,
    /// and one word per formula.
    /// </summary>
    private static int CountWords(MarkdownDocument document)
    {
        var words = 0;
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case LiteralInline literal: words += Words(literal.Content.AsSpan()); break;
                case CodeInline codeInline: words += Words(codeInline.Content.AsSpan()); break;
                case MathInline: words += 1; break;
                case MathBlock: words += 1; break;
                case CodeBlock block: words += Words(block.Lines.ToString().AsSpan()); break;
            }
        }
        return words;
    }

    /// <summary>Whitespace-separated words: how prose, code and notebook cells are counted alike.</summary>
    internal static int Words(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (true)
        {
            var start = text.IndexOfAnyExcept(WhiteSpace);
            if (start < 0) return count;
            count++;
            text = text[start..];
            var end = text.IndexOfAny(WhiteSpace);
            if (end < 0) return count;
            text = text[end..];
        }
    }

    // Every char that char.IsWhiteSpace takes, searched for a run at a time rather than tested one by one.
    private static readonly System.Buffers.SearchValues<char> WhiteSpace = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace).ToArray());

    /// <summary>Where a label is referenced, for an unknown \eqref: the first line naming it, else the page's start.</summary>
    private static SourceSpan Locate(PageContext context, string label)
    {
        foreach (var (body, bodyLine) in context.Sources)
        {
            var lines = body.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var col = lines[i].IndexOf("{" + label + "}", StringComparison.Ordinal);
                if (col >= 0 && (lines[i].Contains("ref", StringComparison.Ordinal))) return new SourceSpan(context.Path, bodyLine + i, col + 2);
            }
        }
        return new SourceSpan(context.Path, context.Sources.Count > 0 ? context.Sources[0].BodyLine : context.BodyLine, 1);
    }

    [GeneratedRegex(""" \sid="([^"]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Ids();

    [GeneratedRegex("""<a\s[^>]*?\bname\s*=\s*(["'])([^"'>]+)\1""", RegexOptions.IgnoreCase)]
    private static partial Regex NamedAnchors();
}
