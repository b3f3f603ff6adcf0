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

    public static (TemplateEngine Engine, ImmutableArray<Diagnostic> Diagnostics) Create(TemplateFiles files, Action<TemplateOptions> configure)
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
            if (context.AmbientValues.TryGetValue(BodyKey, out var body)) writer.Write((string)body!);
            return ValueTask.FromResult(Completion.Normal);
        });

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
        foreach (var (name, file) in files.Files)
        {
            if (!name.EndsWith(".liquid", StringComparison.Ordinal)) continue;
            if (parser.TryParse(file.Text, out var template, out var error)) parsed[name] = template;
            else diagnostics.Add(Diagnostic.Error(ErrorSpan(file.DisplayPath, error), "template: " + error));
        }
        return (new TemplateEngine(files, parsed.ToImmutable(), options), diagnostics.ToImmutable());
    }

    public bool Has(string name) => templates.ContainsKey(name + ".liquid");

    /// <summary>Renders <paramref name="name"/> (without ".liquid") and the layouts it names, outermost last.</summary>
    public TemplateResult Render(string name, TemplateContext context)
    {
        var current = name;
        string? body = null;
        for (var depth = 0; depth < MaxLayoutDepth; depth++)
        {
            if (!templates.TryGetValue(current + ".liquid", out var template))
                return TemplateResult.Fail(Diagnostic.Error(SourceSpan.File(DisplayPath(name)), $"template '{current}' not found (looked in layouts/ and the theme)"));
            context.AmbientValues.Remove(LayoutKey);
            if (body is not null) context.AmbientValues[BodyKey] = body;
            try
            {
                body = template.Render(context, HtmlEncoder.Default);
            }
            catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException or NullReferenceException)
            {
                return TemplateResult.Fail(Diagnostic.Error(ErrorSpan(DisplayPath(current), e.Message), "template: " + e.Message));
            }
            if (!context.AmbientValues.TryGetValue(LayoutKey, out var layout) || layout is not string next) return TemplateResult.Ok(body);
            current = next;
        }
        return TemplateResult.Fail(Diagnostic.Error(SourceSpan.File(DisplayPath(name)), $"layouts nest deeper than {MaxLayoutDepth}: is there a cycle?"));
    }

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

public sealed record TemplateResult(string? Html, Diagnostic? Error)
{
    public static TemplateResult Ok(string html) => new(html, null);

    public static TemplateResult Fail(Diagnostic error) => new(null, error);
}
