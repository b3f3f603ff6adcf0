using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using Lemma.Configuration;
using Lemma.Diagnostics;
using Parlot.Fluent;
using static Parlot.Fluent.Parsers;

namespace Lemma.Content.Jekyll;

/// <summary>
/// Jekyll's own Liquid tags: <c>include</c> (from _includes/, with <c>key=value</c> parameters read as <c>include.key</c>),
/// <c>include_relative</c>, <c>post_url</c>, <c>link</c> and <c>highlight</c>, which becomes a fenced block for Lemma to highlight.
/// </summary>
internal static partial class JekyllTags
{
    private const int MaxIncludeDepth = 16;

    // Everything up to the tag's end: Jekyll's tags take words, not Liquid expressions.
    private static readonly Parser<string> Arguments =
        AnyCharBefore(OneOf(Literals.Text("-%}"), Literals.Text("%}")), canBeEmpty: true).Then(s => s.ToString().Trim());

    public static void Register(JekyllLiquid liquid)
    {
        var parser = liquid.Parser;
        parser.RegisterParserTag("include", Arguments, (args, writer, encoder, context) => Include(liquid, args, relative: false, writer, encoder, context));
        parser.RegisterParserTag("include_cached", Arguments, (args, writer, encoder, context) => Include(liquid, args, relative: false, writer, encoder, context));
        parser.RegisterParserTag("include_relative", Arguments, (args, writer, encoder, context) => Include(liquid, args, relative: true, writer, encoder, context));
        parser.RegisterParserTag("post_url", Arguments, (args, writer, _, context) => PostUrl(args, writer, context));
        parser.RegisterParserTag("link", Arguments, (args, writer, _, context) => Link(liquid, args, writer, context));
        parser.RegisterParserBlock("highlight", Arguments, Highlight);
        parser.RegisterParserTag("cite", Arguments, (args, writer, _, context) => Cite(args, writer, context));
        parser.RegisterParserTag("bibliography", Arguments, (args, writer, _, context) => Bibliography(args, writer, context));
    }

    /// <summary>
    /// jekyll-scholar's <c>{% bibliography %}</c>: Lemma lists a page's references after its text, of the entries it cites.
    /// With <c>--cited</c> (or <c>--cited_in_order</c>) that is all; without, the list is the whole file (<c>--file x</c>, else
    /// <c>scholar.bibliography</c>), as on al-folio's publications page: its entries are cited where the tag stands, unseen.
    /// </summary>
    private static ValueTask<Completion> Bibliography(string args, TextWriter writer, TemplateContext context)
    {
        var words = args.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w.StartsWith("--cited", StringComparison.Ordinal))) return ValueTask.FromResult(Completion.Normal);
        var at = Array.FindIndex(words, w => w is "--file" or "-f");
        var file = at >= 0 && at + 1 < words.Length ? Path.GetFileNameWithoutExtension(words[at + 1]) : "";
        if (Site(context).BibliographyKeys.TryGetValue(file, out var keys) && keys.Length > 0)
            writer.Write("<span hidden>[" + string.Join("; ", keys.Select(k => "@" + k)) + "]</span>");
        return ValueTask.FromResult(Completion.Normal);
    }

    /// <summary>jekyll-scholar's tags, read only on a site that has its bibliography (<see cref="JekyllSite.Scholar"/>).</summary>
    internal static readonly string[] ScholarTags = ["cite", "bibliography"];

    /// <summary>
    /// jekyll-scholar's <c>{% cite a b --file x -l 23 %}</c> as Lemma's citation <c>[@a, 23; @b]</c>: the keys are the words
    /// before the first option; <c>-l</c>/<c>--locator</c> is the first key's page. The entry comes from any of the site's
    /// bibliographies (<c>--file</c> only narrows which one jekyll-scholar opens).
    /// </summary>
    private static ValueTask<Completion> Cite(string args, TextWriter writer, TemplateContext context)
    {
        var words = args.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var keys = words.TakeWhile(w => !w.StartsWith('-')).ToList();
        if (keys.FirstOrDefault(k => !Site(context).CitationKeys.Contains(k)) is { } missing)
        {
            Warn(context, "cite", args, $"Liquid: cite '{missing}' names no entry of the site's bibliography; its tag is shown on the page");
            writer.Write(JekyllLiquid.Mark($"{{% cite {args} %}}", $"no entry {missing}"));
            return ValueTask.FromResult(Completion.Normal);
        }
        var at = Array.FindIndex(words, w => w is "-l" or "--locator");
        var locator = at >= 0 && at + 1 < words.Length ? ", " + words[at + 1] : "";
        if (keys.Count > 0) writer.Write("[" + string.Join("; ", keys.Select((k, i) => "@" + k + (i == 0 ? locator : ""))) + "]");
        return ValueTask.FromResult(Completion.Normal);
    }

    private static JekyllSite Site(TemplateContext context) => (JekyllSite)context.AmbientValues[JekyllLiquid.SiteKey]!;
    private static JekyllPage Page(TemplateContext context) => (JekyllPage)context.AmbientValues[JekyllLiquid.PageKey]!;

    private static void Warn(TemplateContext context, string tag, string args, string message)
    {
        var page = Page(context);
        ((List<Diagnostic>)context.AmbientValues[JekyllLiquid.DiagnosticsKey]!).Add(Diagnostic.Warning(Locate(page, tag, args), message));
    }

    /// <summary>Where the tag with these arguments is written: its first use in the body.</summary>
    private static SourceSpan Locate(JekyllPage page, string tag, string args)
    {
        var at = -1;
        foreach (Match m in TagStart().Matches(page.Body))
            if (m.Groups[1].Value == tag && page.Body.AsSpan(m.Index + m.Length).TrimStart().StartsWith(args)) { at = m.Index; break; }
        if (at < 0) return new SourceSpan(page.Path, page.BodyLine, 1);
        var before = page.Body.AsSpan(0, at);
        var line = before.Count('\n');
        var column = at - (before.LastIndexOf('\n') + 1) + 1;
        return new SourceSpan(page.Path, page.BodyLine + line, column);
    }

    private static async ValueTask<Completion> Include(JekyllLiquid liquid, string args, bool relative, TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        var tag = relative ? "include_relative" : "include";
        var site = Site(context);
        var (name, parameters) = await IncludeArguments(liquid, args, context);
        var path = relative ? Relative(Page(context).Path, name) : "_includes/" + name;
        var listed = relative ? path is not null && site.Files.Contains(path) : site.Includes.Contains(name);
        if (path is null || !listed || OutputPath.Problem(path) is not null)
        {
            Warn(context, tag, args, $"Liquid: {tag} '{name}' is not a file {(relative ? "beside this page" : "in _includes/")}; its tag is shown on the page");
            writer.Write(JekyllLiquid.Mark($"{{% {tag} {args} %}}", $"{tag}: {name} not found"));
            return Completion.Normal;
        }
        var depth = (int)context.AmbientValues[JekyllLiquid.DepthKey]!;
        if (depth >= MaxIncludeDepth)
        {
            Warn(context, tag, args, $"Liquid: includes nest deeper than {MaxIncludeDepth} at '{name}': does it include itself?");
            return Completion.Normal;
        }
        var (text, unreadable) = SourceText.Read(site.Root, path);
        if (text is null)
        {
            Warn(context, tag, args, $"Liquid: {tag} '{name}': {unreadable!.Message}");
            return Completion.Normal;
        }
        if (!liquid.Parser.TryParse(text, out var template, out var error))
        {
            Warn(context, tag, args, $"Liquid: in {path}: {error}; its text is shown as written");
            writer.Write(text);
            return Completion.Normal;
        }
        context.EnterChildScope();
        context.AmbientValues[JekyllLiquid.DepthKey] = depth + 1;
        try
        {
            if (!relative) context.SetValue("include", parameters);
            await template.RenderAsync(writer, encoder, context);
        }
        finally
        {
            context.AmbientValues[JekyllLiquid.DepthKey] = depth;
            context.ReleaseScope();
        }
        return Completion.Normal;
    }

    /// <summary>"file.html key=value key2='text'": the file name (which may be {{ a variable }}) and the parameters' values.</summary>
    private static async ValueTask<(string Name, Dictionary<string, object?> Parameters)> IncludeArguments(JekyllLiquid liquid, string args, TemplateContext context)
    {
        var nameEnd = args.StartsWith("{{", StringComparison.Ordinal) ? args.IndexOf("}}", StringComparison.Ordinal) + 2 : args.IndexOfAny([' ', '\t', '\n']);
        if (nameEnd <= 1) nameEnd = args.Length;
        var name = args[..nameEnd];
        if (name.StartsWith("{{", StringComparison.Ordinal)) name = await Evaluate(liquid, name, context);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (Match m in Parameter().Matches(args[nameEnd..]))
        {
            var value = m.Groups[2].Value;
            parameters[m.Groups[1].Value] = value[0] is '"' or '\'' ? value[1..^1] : await context.Evaluate(liquid, value);
        }
        return (name.Trim(), parameters);
    }

    private static async ValueTask<object?> Evaluate(this TemplateContext context, JekyllLiquid liquid, string expression)
    {
        if (!liquid.Parser.TryParse("{{ " + expression + " }}", out var template, out _)) return expression;
        var statements = (template as Fluid.Parser.FluidTemplate)?.Statements;
        var output = (statements?.Count == 1 ? statements[0] : null) as OutputStatement;
        if (output is null) return expression;
        return (await output.Expression.EvaluateAsync(context)).ToObjectValue();
    }

    private static async ValueTask<string> Evaluate(JekyllLiquid liquid, string output, TemplateContext context) =>
        liquid.Parser.TryParse(output, out var template, out _) ? await template.RenderAsync(context, NullEncoder.Default) : output;

    /// <summary>A path relative to the page's folder, inside the site; null when it climbs out.</summary>
    private static string? Relative(string pagePath, string name)
    {
        var folder = pagePath.Contains('/') ? pagePath[..pagePath.LastIndexOf('/')] : "";
        var parts = new List<string>(folder.Length == 0 ? [] : folder.Split('/'));
        foreach (var part in name.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..") { if (parts.Count == 0) return null; parts.RemoveAt(parts.Count - 1); }
            else parts.Add(part);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    private static ValueTask<Completion> PostUrl(string args, TextWriter writer, TemplateContext context)
    {
        var site = Site(context);
        var name = args.Trim().TrimEnd('/');
        // "2020-01-01-name" or "folder/2020-01-01-name" (a post in a subfolder of _posts/)
        var key = name.Contains('/') ? name[(name.LastIndexOf('/') + 1)..] : name;
        if (site.PostUrls.TryGetValue(key, out var url)) writer.Write(TagUrl(site, url, writer));
        else
        {
            Warn(context, "post_url", args, $"Liquid: post_url '{name}' names no post in _posts/; its tag is shown on the page");
            writer.Write(JekyllLiquid.Mark($"{{% post_url {args} %}}", $"no post {name}"));
        }
        return ValueTask.FromResult(Completion.Normal);
    }

    private static async ValueTask<Completion> Link(JekyllLiquid liquid, string args, TextWriter writer, TemplateContext context)
    {
        var site = Site(context);
        var path = args.Trim();
        if (path.StartsWith("{{", StringComparison.Ordinal) && path.EndsWith("}}", StringComparison.Ordinal))
            path = (await context.Evaluate(liquid, path[2..^2].Trim()) as string ?? path).Trim();
        path = path.TrimStart('/');
        if (site.SourceUrls.TryGetValue(path, out var url)) writer.Write(TagUrl(site, url, writer));
        else if (site.Files.Contains(path)) writer.Write(TagUrl(site, "/" + path, writer));
        else
        {
            Warn(context, "link", args, $"Liquid: link '{path}' names no file of the site; its tag is shown on the page");
            writer.Write(JekyllLiquid.Mark($"{{% link {args} %}}", $"no file {path}"));
        }
        return Completion.Normal;
    }

    /// <summary>
    /// The URL a post_url or link tag writes: with the base path, as Jekyll 4 writes it, unless the text right before the
    /// tag is the base path already. Sites written for Jekyll 3 (GitHub Pages) put <c>{{ site.baseurl }}</c> before the tag,
    /// which gave the base path once there; Jekyll 4 writes it twice, a link to nowhere that no writer meant.
    /// </summary>
    private static string TagUrl(JekyllSite site, string url, TextWriter writer)
    {
        var basePath = site.BasePath.TrimEnd('/');
        if (basePath.Length > 0 && writer is StringWriter written && EndsWith(written.GetStringBuilder(), basePath)) return url;
        return RelativeUrl(site, url);
    }

    private static bool EndsWith(StringBuilder text, string end)
    {
        if (text.Length < end.Length) return false;
        for (var i = 0; i < end.Length; i++)
            if (text[text.Length - end.Length + i] != end[i]) return false;
        return true;
    }

    internal static string RelativeUrl(JekyllSite site, string url) =>
        url.Contains("://", StringComparison.Ordinal) || url.StartsWith("//", StringComparison.Ordinal)
            ? url : site.BasePath.TrimEnd('/') + "/" + url.TrimStart('/');

    /// <summary>{% highlight python linenos %}...{% endhighlight %}: a fenced code block, highlighted by Lemma like any other.</summary>
    private static async ValueTask<Completion> Highlight(string args, IReadOnlyList<Statement> statements, TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        var inner = new StringWriter();
        foreach (var statement in statements) await statement.WriteToAsync(inner, encoder, context);
        var code = LineMarks.Strip(inner.ToString()).Trim('\n', '\r');
        var words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var language = words.FirstOrDefault() ?? "";
        var info = words.Skip(1).Any(w => w.StartsWith("linenos", StringComparison.Ordinal)) ? language + " {linenos=true}" : language;
        // A fence longer than any run of backticks in the code.
        var fence = new string('`', System.Math.Max(3, LongestRun(code, '`') + 1));
        writer.Write(new StringBuilder().Append('\n').Append(fence).Append(info).Append('\n').Append(code).Append('\n').Append(fence).Append('\n').ToString());
        return Completion.Normal;
    }

    private static int LongestRun(string text, char c)
    {
        int best = 0, run = 0;
        foreach (var ch in text) { run = ch == c ? run + 1 : 0; best = System.Math.Max(best, run); }
        return best;
    }

    [GeneratedRegex(@"\{%-?\s*([a-z_]+)")]
    private static partial Regex TagStart();

    [GeneratedRegex(@"([\w-]+)\s*=\s*(""[^""]*""|'[^']*'|[^\s""']+)")]
    private static partial Regex Parameter();
}
