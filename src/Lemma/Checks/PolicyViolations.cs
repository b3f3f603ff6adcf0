using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Lemma.Diagnostics;
using Lemma.Model;

namespace Lemma.Checks;

/// <summary>
/// Markup in a page that the site's Content-Security-Policy will not let run or load: an inline script, an event
/// handler attribute, a javascript: link, a script, stylesheet or frame from a host the policy does not name (site.yaml's
/// <c>csp:</c> adds hosts). The build keeps such markup as written; the browser refuses it, silently but for its console.
/// </summary>
public sealed partial class PolicyViolations : ISiteCheck
{
    public IEnumerable<Diagnostic> Run(CheckInput input)
    {
        var added = input.Build.Site.Config.PolicySources;
        foreach (var (page, content) in input.Pages)
        {
            var at = SourceSpan.File(page.Source.Path) with { Line = page.Source.BodyLine };
            foreach (var problem in Problems(content.Html, added)) yield return Diagnostic.Warning(at, problem);
            foreach (var (key, urls, directive) in new[] { ("scripts", page.FrontMatter.Scripts, "script-src"), ("styles", page.FrontMatter.Styles, "style-src") })
                foreach (var url in urls.Where(u => !Allowed(u, directive, added)))
                    yield return Diagnostic.Warning(SourceSpan.File(page.Source.Path) with { Line = LineOf(page, key) },
                        $"{key}: {url} is refused by the site's Content-Security-Policy ({directive}); add its host to csp.{directive} in site.yaml, or serve the file from the site");
        }
    }

    /// <summary>What in <paramref name="html"/> the policy refuses, each named once per page.</summary>
    public static IEnumerable<string> Problems(string html, IReadOnlyDictionary<string, ImmutableArray<string>> added)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups[1].Value.ToLowerInvariant();
            var attributes = tag.Groups[2].Value;
            var src = Attribute(attributes, "src");
            if (name == "script" && src is null)
                found.Add("an inline <script> does not run under the site's Content-Security-Policy: put it in a file of the post and list it under scripts: in its front matter");
            else if (name == "script" && !Allowed(src!, "script-src", added))
                found.Add($"<script src=\"{src}\"> is refused by the site's Content-Security-Policy (script-src); add its host to csp.script-src in site.yaml");
            else if (name == "iframe" && src is not null && !Allowed(src, "frame-src", added))
                found.Add($"<iframe src=\"{src}\"> is refused by the site's Content-Security-Policy (frame-src); name the embed in csp.embeds or add its host to csp.frame-src in site.yaml");
            else if (name == "link" && Attribute(attributes, "rel") is "stylesheet" && Attribute(attributes, "href") is { } href && !Allowed(href, "style-src", added))
                found.Add($"<link rel=\"stylesheet\" href=\"{href}\"> is refused by the site's Content-Security-Policy (style-src); add its host to csp.style-src in site.yaml");
            if (name is "object" or "embed")
                found.Add($"<{name}> is refused by the site's Content-Security-Policy (object-src 'none')");
            if (Handler().Match(attributes) is { Success: true } handler)
                found.Add($"{handler.Groups[1].Value.ToLowerInvariant()}= does not run under the site's Content-Security-Policy (no inline script): attach the handler from a script file listed under scripts:");
            if (JavascriptUrl().IsMatch(attributes))
                found.Add("a javascript: URL does not run under the site's Content-Security-Policy (no inline script)");
        }
        return found;
    }

    /// <summary>Whether a URL a page loads is the site's own (relative, root-relative) or from a host the policy names.</summary>
    private static bool Allowed(string url, string directive, IReadOnlyDictionary<string, ImmutableArray<string>> added)
    {
        if (!url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)) return !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || directive is "img-src";
        if (!Uri.TryCreate(url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url : url, UriKind.Absolute, out var target)) return false;
        foreach (var source in added.GetValueOrDefault(directive, []))
        {
            var allowed = new Uri(source.Replace("://*.", "://wildcard.", StringComparison.Ordinal));
            var host = source.Contains("://*.", StringComparison.Ordinal)
                ? target.Host.EndsWith(allowed.Host["wildcard".Length..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(target.Host, allowed.Host, StringComparison.OrdinalIgnoreCase);
            if (target.Scheme == "https" && host && target.Port == allowed.Port && target.AbsolutePath.StartsWith(allowed.AbsolutePath, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static string? Attribute(string attributes, string name) =>
        Regex.Match(attributes, $@"(?:^|\s){name}\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>]+))", RegexOptions.IgnoreCase) is { Success: true } m
            ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value)
            : null;

    private static int LineOf(Page page, string key) => page.FrontMatter.KeyLines.GetValueOrDefault(key, 1);

    // An opening tag, its name and its attributes (the markup Lemma writes escapes every '<' of code and text).
    [GeneratedRegex(@"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?:^|\s)(on[a-zA-Z]+)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Handler();

    [GeneratedRegex(@"=\s*[""']?\s*javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex JavascriptUrl();
}
