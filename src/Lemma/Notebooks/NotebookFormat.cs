using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lemma.Build;
using Lemma.Content;
using Lemma.Diagnostics;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Math;

namespace Lemma.Notebooks;

/// <summary>Site-wide notebook settings: <c>notebooks: { trusted: true }</c> keeps notebooks' HTML as written, as a Markdown
/// page's is; otherwise it goes through <see cref="NotebookHtml"/>.</summary>
public sealed record NotebookSettings(bool Trusted)
{
    public static NotebookSettings From(IReadOnlyDictionary<string, object?> config)
    {
        var section = config.GetValueOrDefault("notebooks") as IReadOnlyDictionary<string, object?>
            ?? (config.GetValueOrDefault("params") as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("notebooks") as IReadOnlyDictionary<string, object?>;
        return new NotebookSettings(section?.GetValueOrDefault("trusted") is true);
    }
}

/// <summary>
/// Jupyter notebooks as pages. Markdown cells go through <see cref="MarkdownFormat"/> (math, highlighting, links) as
/// parts of one page: equations, theorems and figures are numbered across cells and references resolve across them;
/// code cells are highlighted in the kernel's language with their execution counts; outputs are streams, rich data
/// (HTML, Markdown, SVG, LaTeX, PNG, JPEG, plain text, in that order of preference) and errors with their ANSI
/// colours. Images are files beside the page (<see cref="RenderedContent.Resources"/>), named
/// "&lt;slug&gt;-cell&lt;n&gt;-&lt;k&gt;.&lt;ext&gt;" from the cell's and output's 1-based numbers. Cell tags follow Jupyter Book:
/// remove-cell, remove-input, remove-output drop parts; hide-cell, hide-input, hide-output fold them into &lt;details&gt;.
/// </summary>
public sealed partial class NotebookFormat(MarkdownFormat markdown, IHighlighter highlighter, MathRenderer math, CodeSettings code,
    NotebookSettings settings) : IContentFormat
{
    /// <summary>Rich outputs in order of preference (nbconvert's HTML order, without scripts and widgets).</summary>
    private static readonly string[] Preference = ["text/html", "text/markdown", "image/svg+xml", "text/latex", "image/png", "image/jpeg", "image/gif", "text/plain"];

    public bool Accepts(PageSource page) => page.Format == ContentFormat.Notebook;

    public RenderedContent Render(PageSource page)
    {
        var (notebook, error) = NotebookReader.Read(page.Path, page.Body, titleHeading: !page.IsSectionIndex);
        if (notebook is null) return new RenderedContent { Html = "", Diagnostics = [error!] };
        var state = new RenderState(page.Path, page.FileSlug.Length > 0 ? page.FileSlug : "notebook");
        var html = new StringBuilder();
        foreach (var cell in notebook.Cells)
        {
            if (cell.Index == notebook.FrontMatterCell || cell.Tags.Contains("remove-cell")) continue;
            var cellHtml = cell.Type switch
            {
                "markdown" => MarkdownCell(cell, state),
                "code" => CodeCell(cell, notebook.Language, state),
                _ => RawCell(cell, state),
            };
            if (cellHtml.Length == 0) continue;
            if (cell.Tags.Contains("hide-cell")) cellHtml = Fold(cellHtml, "nb-hidden-cell", "Show cell");
            html.Append(cellHtml).Append('\n');
        }
        // One reference list for the whole notebook, after its last cell.
        var tocBefore = state.Page.Toc.Count;
        var references = MarkdownFormat.References(state.Page);
        html.Append(references);
        state.Anchors.AddRange(MarkdownFormat.AnchorsIn(references));
        state.Toc.AddRange(state.Page.Toc.Skip(tocBefore));
        // References resolve once every cell is rendered: a cell may cite an equation or figure of a later one.
        var before = state.Page.Diagnostics.Count;
        var (resolved, summary) = MarkdownFormat.Resolve(state.Page, html.ToString(), state.Summary);
        state.Diagnostics.AddRange(state.Page.Diagnostics.Skip(before));
        return new RenderedContent
        {
            Html = resolved,
            SummaryHtml = summary,
            Toc = [.. state.Toc],
            WordCount = state.Words,
            HasMath = state.HasMath,
            HasCode = state.HasCode,
            Links = [.. state.Links],
            Anchors = [.. state.Anchors.Distinct(StringComparer.Ordinal)],
            Diagnostics = [.. state.Diagnostics],
            UnknownLanguages = [.. state.UnknownLanguages],
            Resources = [.. state.Resources],
        };
    }

    private sealed class RenderState(string path, string slug)
    {
        public string Path { get; } = path;
        public string Slug { get; } = slug;
        /// <summary>The page all Markdown cells render into, so that equations, theorems and figures are numbered across cells.</summary>
        public PageContext Page { get; } = new(path, 1) { JupyterAnchors = true };
        public string? Summary { get; set; }
        public List<TocEntry> Toc { get; } = [];
        public int Words { get; set; }
        public bool HasMath { get; set; }
        public bool HasCode { get; set; }
        public List<LinkReference> Links { get; } = [];
        public List<string> Anchors { get; } = [];
        public List<Diagnostic> Diagnostics { get; } = [];
        public List<LanguageUse> UnknownLanguages { get; } = [];
        public List<PageResource> Resources { get; } = [];

        public void Merge(RenderedContent r, bool forSummary)
        {
            if (forSummary) Summary ??= r.SummaryHtml;
            Toc.AddRange(r.Toc);
            Words += r.WordCount;
            HasMath |= r.HasMath;
            HasCode |= r.HasCode;
            Links.AddRange(r.Links);
            Anchors.AddRange(r.Anchors);
            Diagnostics.AddRange(r.Diagnostics);
            UnknownLanguages.AddRange(r.UnknownLanguages);
        }

        /// <summary>Adds a file beside the page and returns its name.</summary>
        public string AddResource(NotebookCell cell, string key, string extension, byte[] bytes)
        {
            var name = $"{Slug}-cell{cell.Index + 1}-{key}.{extension}";
            Resources.Add(new PageResource(name, bytes));
            return name;
        }
    }

    private string MarkdownCell(NotebookCell cell, RenderState state)
    {
        var source = cell.Source;
        // Nothing to show (a cell that held only the title's heading) makes no empty box.
        if (string.IsNullOrWhiteSpace(source)) return "";
        // attachment:name references become files beside the page.
        foreach (var (name, (mime, base64)) in cell.Attachments.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (Extension(mime) is not { } ext || Decode(base64) is not { } bytes) continue;
            // SVG stays in the page as a data URI, for the reason SVG outputs do (see RichOutput).
            var file = ext == "svg"
                ? "data:image/svg+xml;base64," + System.Convert.ToBase64String(bytes)
                : state.AddResource(cell, Path.GetFileNameWithoutExtension(SafeName(name)), ext, bytes);
            source = source.Replace("attachment:" + name, file, StringComparison.Ordinal);
        }
        var rendered = markdown.Render(state.Page, source, cell.SourceLine);
        rendered = Unique(rendered with
        {
            Html = Safe(rendered.Html, cell, "Markdown cell", state),
            SummaryHtml = rendered.SummaryHtml is { } summary ? Safe(summary, cell, null, state) : null,
        }, state);
        state.Merge(rendered, forSummary: true);
        return $"<div class=\"nb-cell nb-markdown\">\n{rendered.Html}</div>";
    }

    /// <summary>
    /// Each Markdown cell is its own document, so two cells can name the same heading id; a repeated id gets
    /// "-1", "-2"... (as one Markdown page would), in the cell's HTML, links to it and the TOC.
    /// </summary>
    private static RenderedContent Unique(RenderedContent cell, RenderState state)
    {
        var html = cell.Html;
        var toc = cell.Toc;
        var anchors = cell.Anchors;
        foreach (var id in cell.Anchors)
        {
            if (!state.Anchors.Contains(id)) continue;
            var n = 1;
            while (state.Anchors.Contains($"{id}-{n}") || cell.Anchors.Contains($"{id}-{n}")) n++;
            var renamed = $"{id}-{n}";
            html = html.Replace($" id=\"{id}\"", $" id=\"{renamed}\"", StringComparison.Ordinal)
                .Replace($"href=\"#{id}\"", $"href=\"#{renamed}\"", StringComparison.Ordinal);
            toc = [.. toc.Select(t => t.Id == id ? t with { Id = renamed } : t)];
            anchors = anchors.Replace(id, renamed);
        }
        return cell with { Html = html, Toc = toc, Anchors = anchors };
    }

    private string RawCell(NotebookCell cell, RenderState state) =>
        cell.RawFormat is "text/html" or "html" && cell.Source.Trim().Length > 0
            ? $"<div class=\"nb-cell nb-raw\">{Safe(cell.Source, cell, "raw HTML cell", state)}</div>"
            : "";

    private string CodeCell(NotebookCell cell, string language, RenderState state)
    {
        if (cell.Source.Trim().Length == 0 && cell.Outputs.Length == 0) return "";
        var html = new StringBuilder();
        html.Append("<div class=\"nb-cell nb-code\" id=\"cell-").Append(cell.Index + 1).Append("\">\n");
        state.Anchors.Add($"cell-{cell.Index + 1}");
        if (!cell.Tags.Contains("remove-input") && cell.Source.Length > 0)
        {
            var input = Input(cell, language, state);
            html.Append(cell.Tags.Contains("hide-input") ? Fold(input, "nb-input", "Show code") : input).Append('\n');
        }
        if (!cell.Tags.Contains("remove-output") && cell.Outputs.Length > 0)
        {
            var outputs = new StringBuilder();
            for (var k = 0; k < cell.Outputs.Length; k++) outputs.Append(Output(cell, cell.Outputs[k], k + 1, state));
            if (outputs.Length > 0)
            {
                var block = $"<div class=\"nb-output\">\n{outputs}</div>";
                html.Append(cell.Tags.Contains("hide-output") ? Fold(block, "nb-output", "Show output") : block).Append('\n');
            }
        }
        html.Append("</div>");
        return html.ToString();
    }

    private string Input(NotebookCell cell, string language, RenderState state)
    {
        state.HasCode = true;
        var source = cell.Source.TrimEnd('\n');
        state.Words += MarkdownFormat.Words(source);
        var highlighted = highlighter.Highlight(source, language);
        if (!highlighted.Recognized && language.Length > 0)
            state.UnknownLanguages.Add(new LanguageUse(language, new SourceSpan(state.Path, cell.SourceLine, 1)));
        var html = new StringBuilder(source.Length * 2 + 200);
        html.Append("<div class=\"nb-input\"><span class=\"nb-prompt\">In [").Append(cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ").Append("]:</span>");
        html.Append("<figure class=\"code\">");
        if (code.CopyButton) html.Append("<button class=\"copy\" type=\"button\" hidden>Copy</button>");
        html.Append("<pre");
        if (language.Length > 0) html.Append(" data-lang=\"").Append(WebUtility.HtmlEncode(language.ToLowerInvariant())).Append('"');
        if (code.LineNumbers) html.Append(" data-linenos");
        html.Append("><code>");
        for (var i = 0; i < highlighted.Lines.Count; i++)
        {
            if (i > 0) html.Append('\n');
            html.Append("<span class=\"line\">").Append(highlighted.Lines[i]).Append("</span>");
        }
        html.Append("</code></pre></figure></div>");
        return html.ToString();
    }

    private string Output(NotebookCell cell, NotebookOutput output, int number, RenderState state)
    {
        switch (output.OutputType)
        {
            case "stream":
                var cls = output.Name == "stderr" ? "nb-stderr" : "nb-stdout";
                return $"<pre class=\"{cls}\">{AnsiHtml.Convert(Overwritten(output.Text ?? ""))}</pre>\n";
            case "error":
                var traceback = output.Traceback.Length > 0 ? string.Join('\n', output.Traceback) : $"{output.ErrorName}: {output.ErrorValue}";
                return $"<pre class=\"nb-error\">{AnsiHtml.Convert(traceback)}</pre>\n";
            case "execute_result" or "display_data":
                var body = RichOutput(cell, output, number, state);
                if (body is null) return "";
                var prompt = output.OutputType == "execute_result"
                    ? $"<span class=\"nb-prompt\">Out [{output.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " "}]:</span>"
                    : "";
                return $"<div class=\"nb-result\">{prompt}{body}</div>\n";
            default:
                return "";
        }
    }

    private string? RichOutput(NotebookCell cell, NotebookOutput output, int number, RenderState state)
    {
        foreach (var mime in Preference)
        {
            if (!output.Data.TryGetValue(mime, out var value)) continue;
            switch (mime)
            {
                case "text/html":
                    return $"<div class=\"nb-html\">{Safe(value, cell, $"text/html output {number}", state)}</div>";
                case "text/markdown":
                    var md = markdown.Render(state.Page, value, cell.SourceLine);
                    state.Merge(md with { Toc = [] }, forSummary: false);
                    return $"<div class=\"nb-markdown-output\">\n{Safe(md.Html, cell, $"text/markdown output {number}", state)}</div>";
                case "text/latex":
                    var latex = Latex(value, state);
                    if (latex is null) continue; // not convertible: the next format (an image or plain text) stands in
                    return latex;
                case "image/svg+xml":
                    // An SVG file beside the page would run its scripts in the site's origin when opened on its own; as
                    // an image's data URI it never runs script and has no origin to run in.
                    var svg = System.Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
                    return $"<img class=\"nb-image\" src=\"data:image/svg+xml;base64,{svg}\" alt=\"Output {number} of cell {cell.Index + 1}\"{Size(output, mime)} loading=\"lazy\">";
                case "image/png" or "image/jpeg" or "image/gif":
                    var bytes = Decode(value);
                    if (bytes is null)
                    {
                        state.Diagnostics.Add(Diagnostic.Warning(new SourceSpan(state.Path, cell.SourceLine, 1),
                            $"notebook: cell {cell.Index + 1} has a {mime} output that is not valid base64; it is left out"));
                        continue;
                    }
                    var name = state.AddResource(cell, number.ToString(System.Globalization.CultureInfo.InvariantCulture), Extension(mime)!, bytes);
                    state.Links.Add(new LinkReference(name, true, new SourceSpan(state.Path, cell.SourceLine, 1)));
                    var size = Size(output, mime);
                    return $"<img class=\"nb-image\" src=\"{name}\" alt=\"Output {number} of cell {cell.Index + 1}\"{size} loading=\"lazy\">";
                case "text/plain":
                    return $"<pre class=\"nb-text\">{AnsiHtml.Convert(value)}</pre>";
            }
        }
        return null;
    }

    /// <summary>text/latex: a formula between $, $$, \[ \] or \( \) (or bare TeX) as display MathML; null if it does not convert.</summary>
    private string? Latex(string value, RenderState state)
    {
        var tex = value.Trim();
        foreach (var (open, close) in new[] { ("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"), ("$", "$") })
            if (tex.Length >= open.Length + close.Length && tex.StartsWith(open, StringComparison.Ordinal) && tex.EndsWith(close, StringComparison.Ordinal))
            {
                tex = tex[open.Length..^close.Length].Trim();
                break;
            }
        var result = math.Render(tex, display: true);
        if (!result.Ok) return null;
        state.HasMath = true;
        return $"<div class=\"math-display\">{result.Html}</div>";
    }

    /// <summary>
    /// What a terminal shows of text with carriage returns (progress bars such as tqdm): each line keeps only
    /// what was written after its last \r.
    /// </summary>
    private static string Overwritten(string text)
    {
        if (!text.Contains('\r')) return text;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var cr = line.LastIndexOf('\r');
            lines[i] = cr >= 0 ? line[(cr + 1)..] : line;
        }
        return string.Join('\n', lines);
    }

    private static string Size(NotebookOutput output, string mime)
    {
        if (!output.Metadata.TryGetValue(mime, out var m) || m.ValueKind != JsonValueKind.Object) return "";
        var size = new StringBuilder();
        foreach (var dim in new[] { "width", "height" })
            if (m.TryGetProperty(dim, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n > 0)
                size.Append(' ').Append(dim).Append("=\"").Append(n).Append('"');
        return size.ToString();
    }

    private static string Fold(string html, string cls, string summary) =>
        $"<details class=\"{cls} nb-hidden\"><summary>{summary}</summary>\n{html}\n</details>";

    /// <summary>
    /// HTML a notebook carries, through <see cref="NotebookHtml"/> unless the site trusts its notebooks. What could have
    /// run script is one warning per output or cell (<paramref name="what"/>; null for a second pass that stays quiet).
    /// </summary>
    private string Safe(string html, NotebookCell cell, string? what, RenderState state)
    {
        if (settings.Trusted) return html;
        var (clean, removed) = NotebookHtml.Shared.Sanitize(html);
        if (what is not null && removed.Count > 0)
            state.Diagnostics.Add(Diagnostic.Warning(new SourceSpan(state.Path, cell.SourceLine, 1),
                $"notebook: cell {cell.Index + 1}: its {what} could run script; removed {string.Join(", ", removed)}"));
        return clean;
    }

    private static string? Extension(string mime) => mime switch
    {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/svg+xml" => "svg",
        _ => null,
    };

    private static byte[]? Decode(string base64)
    {
        try { return System.Convert.FromBase64String(base64); }
        catch (FormatException) { return null; }
    }

    private static string SafeName(string name) => SafeChars().Replace(name, "-");

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex SafeChars();
}
