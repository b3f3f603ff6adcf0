using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using Lemma.Diagnostics;

namespace Lemma.Templates;

/// <summary>
/// Parsed templates and the Fluid options they share. Built once per build and frozen, so pages render
/// in parallel: each render gets its own cheap <see cref="TemplateContext"/>.
/// A page template names its layout with <c>{% layout 'base' %}</c>; the layout places the page with <c>{% renderbody %}</c>.
/// </summary>
public sealed partial class TemplateEngine
{
    private const string LayoutKey = "lemma.layout";
    private const string BodyKey = "lemma.body";
    private const int MaxLayoutDepth = 8;

    private readonly ImmutableDictionary<string, IFluidTemplate> templates;
    private readonly TemplateFiles files;

    public TemplateOptions Options { get; }

    private TemplateEngine(TemplateFiles files, ImmutableDictionary<string, IFluidTemplate> templates, TemplateOptions options)
    {
        this.files = files;
        this.templates = templates;
        Options = options;
    }

    /// <summary>
    /// Liquid with Lemma's two tags, one parser per engine: a parser shared by engines built at once on several threads
    /// crashed a test host (an access violation inside Parlot while Fluid rewrote a parsed template).
    /// </summary>
    private static FluidParser NewParser()
    {
        var parser = new FluidParser(new FluidParserOptions { AllowFunctions = true });
        parser.RegisterExpressionTag("layout", async (expression, _, _, context) =>
        {
            var name = (await expression.EvaluateAsync(context)).ToStringValue();
            context.AmbientValues[LayoutKey] = name;
            return Completion.Normal;
        });
        parser.RegisterEmptyTag("renderbody", (writer, _, context) =>
        {
            if (context.AmbientValues.TryGetValue(BodyKey, out var body)) writer.Write(((PageWriter)body!).Written);
            return ValueTask.FromResult(Completion.Normal);
        });
        return parser;
    }

    /// <summary>Builds a parser now and drops it, so that the code it runs is compiled: a build asks for this on another
    /// core while it reads the config.</summary>
    public static void Prepare() => NewParser();

    public static (TemplateEngine Engine, ImmutableArray<Diagnostic> Diagnostics) Create(TemplateFiles files, Action<TemplateOptions> configure)
    {
        var parser = NewParser();

        var options = new TemplateOptions
        {
            FileProvider = files.AsFileProvider(),
            MemberAccessStrategy = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
            CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            MaxRecursion = 32,
        };
        configure(options);

        var parsed = ImmutableDictionary.CreateBuilder<string, IFluidTemplate>(StringComparer.Ordinal);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        diagnostics.AddRange(files.Diagnostics);
        foreach (var (name, file) in files.Files)
        {
            if (!name.EndsWith(".liquid", StringComparison.Ordinal)) continue;
            if (TemplateNesting.Check(file.DisplayPath, file.Text) is { } tooDeep) { diagnostics.Add(tooDeep); continue; }
            if (parser.TryParse(file.Text, out var template, out var error)) parsed[name] = template;
            else diagnostics.Add(Diagnostic.Error(ErrorSpan(file.DisplayPath, error), "template: " + error));
            diagnostics.AddRange(MissingIncludes(files, file));
        }
        // Partials that read only their arguments become fragments, rendered once per build for each set of arguments.
        var rules = new FragmentRules(parsed);
        var rewriter = new FragmentRewriter(rules);
        var rewritten = parsed.ToImmutableDictionary(t => t.Key, t => rewriter.VisitTemplate(t.Value), StringComparer.Ordinal);
        return (new TemplateEngine(files, rewritten, options), diagnostics.ToImmutable());
    }

    /// <summary>A partial with these arguments and the context's own values (<c>site</c>): what a <see cref="Fragment"/> holds.</summary>
    public string RenderFragment(string template, IEnumerable<(string Name, FluidValue Value)> arguments, TemplateContext context)
    {
        foreach (var (name, value) in arguments) context.SetValue(name, value);
        using var writer = new StringWriter();
        var rendering = templates[template].RenderAsync(writer, context, HtmlEncoder.Default, isolateContext: true);
        if (!rendering.IsCompletedSuccessfully) rendering.AsTask().GetAwaiter().GetResult();
        return writer.ToString();
    }

    /// <summary>
    /// Each {% include 'x' %} or {% render 'x' %} of a literal name that no template provides, at its line: Fluid would
    /// only find out while rendering, once per page and with no position.
    /// </summary>
    private static IEnumerable<Diagnostic> MissingIncludes(TemplateFiles files, TemplateFile file)
    {
        foreach (Match m in IncludeTag().Matches(file.Text))
        {
            var target = m.Groups["name"].Value;
            var key = target.TrimStart('/');
            if (!key.EndsWith(".liquid", StringComparison.Ordinal)) key += ".liquid";
            if (files.Files.ContainsKey(key)) continue;
            var before = file.Text.AsSpan(0, m.Index);
            yield return Diagnostic.Error(new SourceSpan(file.DisplayPath, before.Count('\n') + 1, m.Index - before.LastIndexOf('\n')),
                $"template: {m.Groups["tag"].Value} '{target}': no such template in layouts/ or the theme");
        }
    }

    [GeneratedRegex("""\{%-?\s*(?<tag>include|render)\s+(?<q>['"])(?<name>[^'"]+)\k<q>""")]
    private static partial Regex IncludeTag();

    public bool Has(string name) => templates.ContainsKey(name + ".liquid");

    /// <summary>Renders <paramref name="name"/> (without ".liquid") and the layouts it names, outermost last, to UTF-8.</summary>
    public TemplateResult Render(string name, TemplateContext context)
    {
        // Two buffers taken in turns: each layout reads the body the level inside it wrote.
        var (body, next) = (Rent(), Rent());
        try
        {
            return Render(name, context, ref body, ref next);
        }
        finally
        {
            context.AmbientValues.Remove(BodyKey);
            writers.Add(body);
            writers.Add(next);
        }
    }

    private TemplateResult Render(string name, TemplateContext context, ref PageWriter body, ref PageWriter next)
    {
        var current = name;
        var inner = false;
        for (var depth = 0; depth < MaxLayoutDepth; depth++)
        {
            if (!templates.TryGetValue(current + ".liquid", out var template))
                return TemplateResult.Fail(Diagnostic.Error(SourceSpan.File(DisplayPath(name)), $"template '{current}' not found (looked in layouts/ and the theme)"));
            context.AmbientValues.Remove(LayoutKey);
            if (inner) context.AmbientValues[BodyKey] = body;
            next.Reset();
            try
            {
                var rendering = template.RenderAsync(next, context, HtmlEncoder.Default, isolateContext: true);
                if (!rendering.IsCompletedSuccessfully) rendering.AsTask().GetAwaiter().GetResult();
            }
            catch (FileNotFoundException e)
            {
                // Fluid names the missing template and nothing else; an include of a literal name was reported at its line.
                return TemplateResult.Fail(Diagnostic.Error(SourceSpan.File(DisplayPath(current)), $"template: '{e.Message}' is included but no template has that name"));
            }
            catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException or NullReferenceException)
            {
                return TemplateResult.Fail(Diagnostic.Error(ErrorSpan(DisplayPath(current), e.Message), "template: " + e.Message));
            }
            (body, next) = (next, body);
            inner = true;
            if (!context.AmbientValues.TryGetValue(LayoutKey, out var layout) || layout is not string outer) return TemplateResult.Ok(body.ToUtf8());
            current = outer;
        }
        return TemplateResult.Fail(Diagnostic.Error(SourceSpan.File(DisplayPath(name)), $"layouts nest deeper than {MaxLayoutDepth}: is there a cycle?"));
    }

    /// <summary>Writers kept between renders; a build renders from a few threads, so a handful are ever made.</summary>
    private readonly ConcurrentBag<PageWriter> writers = [];

    private PageWriter Rent() => writers.TryTake(out var writer) ? writer : new PageWriter();

    private string DisplayPath(string name) =>
        files.Files.TryGetValue(name + ".liquid", out var f) ? f.DisplayPath : name + ".liquid";

    /// <summary>Fluid reports positions as "(line:col)"; take the first one, else the file's start.</summary>
    private static SourceSpan ErrorSpan(string path, string message)
    {
        var m = PositionPattern().Match(message);
        return m.Success ? new SourceSpan(path, int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)) : SourceSpan.File(path);
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();
}

/// <summary>A rendered page as UTF-8, or the error that stopped it.</summary>
public sealed record TemplateResult(byte[]? Utf8, Diagnostic? Error)
{
    public static TemplateResult Ok(byte[] utf8) => new(utf8, null);

    public static TemplateResult Fail(Diagnostic error) => new(null, error);
}
