using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Lemma.Diagnostics;

namespace Lemma.Content.Jekyll;

/// <summary>
/// Liquid in the bodies of a Jekyll site's pages, run as Jekyll runs it: before Markdown, with <c>site</c>, <c>page</c>,
/// Jekyll's tags (include, include_relative, post_url, link, highlight) and filters. The parser and options are built
/// once and frozen, so bodies expand in parallel, each in its own cheap <see cref="TemplateContext"/>. What Liquid
/// cannot read is a warning at its line and the body's text is kept, so a page is never lost to it.
/// </summary>
public sealed partial class JekyllLiquid
{
    internal const string SiteKey = "jekyll.site";
    internal const string PageKey = "jekyll.page";
    internal const string DiagnosticsKey = "jekyll.diagnostics";
    internal const string DepthKey = "jekyll.depth";

    internal FluidParser Parser { get; }
    private readonly TemplateOptions options;
    private readonly FrozenSet<string> knownTags;
    private readonly FrozenSet<string> scholarTags;

    // Liquid's own tags, with their ends; Jekyll's are added as they are registered.
    private static readonly string[] LiquidTags =
    [
        "if", "elsif", "else", "endif", "unless", "endunless", "for", "endfor", "break", "continue", "case", "when", "endcase",
        "capture", "endcapture", "assign", "cycle", "increment", "decrement", "raw", "endraw", "comment", "endcomment",
        "include", "render", "tablerow", "endtablerow", "liquid", "echo", "endhighlight",
    ];

    public JekyllLiquid()
    {
        Parser = new FluidParser();
        JekyllTags.Register(this);
        scholarTags = LiquidTags.Concat(Parser.RegisteredTags.Keys).ToFrozenSet(StringComparer.Ordinal);
        knownTags = scholarTags.Except(JekyllTags.ScholarTags).ToFrozenSet(StringComparer.Ordinal);
        options = new TemplateOptions
        {
            MemberAccessStrategy = new DefaultMemberAccessStrategy(),
            CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            MaxRecursion = 32,
            MaxSteps = 1_000_000,
        };
        JekyllFilters.Register(options.Filters);
    }

    /// <summary>True when a page's body is run through Liquid: it has front matter (always, once loaded) and does not say
    /// <c>render_with_liquid: false</c>, and it holds a Liquid tag or output at all.</summary>
    public static bool Runs(string body, IReadOnlyDictionary<string, object?> frontMatter) =>
        !(frontMatter.TryGetValue("render_with_liquid", out var v) && v is false)
        && (body.Contains("{{", StringComparison.Ordinal) || body.Contains("{%", StringComparison.Ordinal));

    /// <summary>The page's body with its Liquid run. Thread-safe.</summary>
    public ExpandedBody Expand(JekyllSite site, JekyllPage page)
    {
        var unchanged = new ExpandedBody(page.Body, [], []);
        var (body, diagnostics) = UnknownTags.Mark(page.Body, site.Scholar ? scholarTags : knownTags, page.Path, page.BodyLine);
        if (LineMarks.Insert(body, page.BodyLine) is not { } marked) return unchanged;
        if (!Parser.TryParse(marked, out var template, out var error))
            return unchanged with { Diagnostics = [.. diagnostics, Diagnostic.Warning(ErrorSpan(page, error), $"Liquid: {Unmarked(error)}; the text is shown as written")] };
        var context = NewContext(site, page, diagnostics);
        try
        {
            var written = template.Render(context, NullEncoder.Default);
            var (text, lines) = LineMarks.Read(written, page.BodyLine);
            return new ExpandedBody(text, lines, [.. diagnostics]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            diagnostics.Add(Diagnostic.Warning(new SourceSpan(page.Path, page.BodyLine, 1), $"Liquid: {Unmarked(e.Message)}; the text is shown as written"));
            return unchanged with { Diagnostics = [.. diagnostics] };
        }
    }

    private TemplateContext NewContext(JekyllSite site, JekyllPage page, List<Diagnostic> diagnostics)
    {
        var context = new TemplateContext(options);
        context.SetValue("site", site.Values);
        context.SetValue("page", page.Values);
        context.AmbientValues[SiteKey] = site;
        context.AmbientValues[PageKey] = page;
        context.AmbientValues[DiagnosticsKey] = diagnostics;
        context.AmbientValues[DepthKey] = 0;
        return context;
    }

    /// <summary>Fluid's "at (line:col)" in the marked body, as a file position (a mark adds no line).</summary>
    private static SourceSpan ErrorSpan(JekyllPage page, string message)
    {
        var m = PositionPattern().Match(message);
        if (!m.Success) return new SourceSpan(page.Path, page.BodyLine, 1);
        var line = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var column = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        // The mark at the start of the line is not the writer's.
        var lineText = page.Body.Split('\n').ElementAtOrDefault(line - 1) ?? "";
        var markLength = (page.BodyLine + line - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 2;
        return new SourceSpan(page.Path, page.BodyLine + line - 1, System.Math.Clamp(column - markLength, 1, lineText.Length + 1));
    }

    private static string Unmarked(string message) => LineMarks.Strip(PositionPattern().Replace(message, "").Trim());

    /// <summary>A visible mark for Liquid that could not be run: its text, as code, with why in a tooltip.</summary>
    internal static string Mark(string text, string why) =>
        $"<code class=\"liquid-error\" title=\"{WebUtility.HtmlEncode(why)}\">{WebUtility.HtmlEncode(text)}</code>";

    [GeneratedRegex(@"\s*at \((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();
}
