using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Lemma.Diagnostics;
using Lemma.Markdown;
using Lemma.Model;

namespace Lemma.Build;

/// <summary>
/// Hugo's <c>ref</c> and <c>relref</c>: rendering a page leaves a marker URL, and once every page's URL is known the
/// render-content stage puts the page's URL there. A path no page has is a warning, and the link keeps the path as written.
/// </summary>
public static partial class ShortcodeRefs
{
    /// <summary>Whether <paramref name="rendered"/> holds a ref marker to resolve.</summary>
    public static bool Has(RenderedContent rendered) =>
        rendered.Html.Contains("lemma-ref:", StringComparison.Ordinal) || rendered.Html.Contains("lemma-relref:", StringComparison.Ordinal);

    /// <summary><paramref name="rendered"/> (the page at <paramref name="path"/>) with its ref markers resolved against <paramref name="site"/>.</summary>
    public static RenderedContent Resolve(Site site, string path, int bodyLine, RenderedContent rendered)
    {
        if (!Has(rendered)) return rendered;
        var diagnostics = new List<Diagnostic>();
        string Replace(Match m)
        {
            var target = Uri.UnescapeDataString(m.Groups["target"].Value);
            if (Find(site, path, target) is { } url) return url;
            var span = new SourceSpan(path, bodyLine + int.Parse(m.Groups["line"].ValueSpan), int.Parse(m.Groups["col"].ValueSpan) + 1);
            var warning = Diagnostic.Warning(span, $"shortcode '{m.Groups["kind"].Value}': no page is at '{target}'; the link keeps the path as written");
            if (!diagnostics.Contains(warning)) diagnostics.Add(warning);
            return target;
        }
        var html = Marker().Replace(rendered.Html, Replace);
        return rendered with
        {
            Html = html,
            SummaryHtml = rendered.SummaryHtml is { } summary ? Marker().Replace(summary, Replace) : null,
            Links = [.. rendered.Links.Select(l => l with { Target = Marker().Replace(l.Target, m => Find(site, path, Uri.UnescapeDataString(m.Groups["target"].Value)) ?? Uri.UnescapeDataString(m.Groups["target"].Value)) })],
            Diagnostics = rendered.Diagnostics.AddRange(diagnostics),
        };
    }

    /// <summary>
    /// The URL of the page <paramref name="target"/> names, as Hugo finds it: a path from content/ when it starts with '/',
    /// else from the page's folder, else any page whose path ends with it; with or without ".md", "index.md" or "_index.md".
    /// </summary>
    private static string? Find(Site site, string from, string target)
    {
        var hash = target.IndexOf('#');
        var (file, anchor) = hash >= 0 ? (target[..hash], target[hash..]) : (target, "");
        if (file.Length == 0) return anchor;
        var pages = site.Pages.AsEnumerable().Concat(site.Sections.Where(s => s.Index is not null).Select(s => s.Index!));
        if (site.HomeIndex is { } home) pages = pages.Append(home);
        var all = pages.ToArray();
        var folder = from[..(from.LastIndexOf('/') + 1)];
        var trimmed = file.Trim('/');
        var candidates = file.StartsWith('/') ? new[] { "content/" + trimmed } : [Normalize(folder + trimmed), "content/" + trimmed];
        foreach (var candidate in candidates)
            foreach (var page in all)
                if (Matches(page.Source.Path, candidate)) return page.Url + anchor;
        if (!file.StartsWith('/'))
            foreach (var page in all)
                if (Matches(page.Source.Path, "/" + trimmed, suffix: true)) return page.Url + anchor;
        return null;
    }

    private static bool Matches(string source, string path, bool suffix = false)
    {
        foreach (var form in new[] { path, path + ".md", path + "/index.md", path + "/_index.md" })
            if (suffix ? source.EndsWith(form, StringComparison.Ordinal) : source == form) return true;
        return false;
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "." or "") continue;
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    [GeneratedRegex("lemma-(?<kind>ref|relref):(?<line>[0-9]+):(?<col>[0-9]+):(?<target>[A-Za-z0-9%._~-]*)")]
    private static partial Regex Marker();
}
