using System.Collections.Immutable;
using Lemma.Diagnostics;
using Lemma.Markdown;
using Lemma.Model;

namespace Lemma.Build;

/// <summary>
/// Link rules that must hold for every build (`lemma check` adds the rest): a root-relative link to a page
/// ("/notes/x/") must start with a section, taxonomy or page that exists. Files ("/images/a.png") are left to check.
/// </summary>
public static class LinkRules
{
    /// <summary>The first URL segments links may start with, and each page's broken links against them.</summary>
    public sealed record Checked(IReadOnlySet<string> Known, IReadOnlyDictionary<RenderedContent, ImmutableArray<Diagnostic>> ByPage)
    {
        /// <summary>The base URL's path ("/blog"), which a link may start with (Jekyll's <c>{{ site.baseurl }}/about/</c>).</summary>
        public string BasePath { get; init; } = "";

        public IEnumerable<Diagnostic> Diagnostics => ByPage.Values.SelectMany(d => d);
    }

    /// <param name="previous">The last build's check: while the known segments are the same, a page rendered to the
    /// same object has the same broken links.</param>
    internal static Checked Check(Site site, IEnumerable<RenderedContent> pages, Checked? previous)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "archive", "assets" };
        foreach (var s in site.Sections) known.Add(s.Name);
        foreach (var t in site.Taxonomies) known.Add(t.Name);
        foreach (var p in site.Pages) known.Add(FirstSegment(p.Url));
        foreach (var p in site.Pages)
            foreach (var alias in p.Aliases) known.Add(FirstSegment(alias));
        var basePath = new Uri(site.Config.BaseUrl).AbsolutePath.TrimEnd('/');
        var reuse = previous is not null && previous.Known.SetEquals(known) && previous.BasePath == basePath ? previous.ByPage : null;

        var byPage = new Dictionary<RenderedContent, ImmutableArray<Diagnostic>>(ReferenceEqualityComparer.Instance);
        foreach (var rendered in pages)
            byPage[rendered] = reuse is not null && reuse.TryGetValue(rendered, out var kept) ? kept : [.. Broken(rendered, known, basePath)];
        return new Checked(known, byPage) { BasePath = basePath };
    }

    /// <summary>The last check with <paramref name="pages"/> checked against the same known segments and added to
    /// <paramref name="byPage"/> (the last check's pages, less those the new ones replace).</summary>
    internal static Checked Recheck(Checked last, Dictionary<RenderedContent, ImmutableArray<Diagnostic>> byPage, IEnumerable<RenderedContent> pages)
    {
        foreach (var rendered in pages) byPage[rendered] = [.. Broken(rendered, last.Known, last.BasePath)];
        return new Checked(last.Known, byPage) { BasePath = last.BasePath };
    }

    private static IEnumerable<Diagnostic> Broken(RenderedContent rendered, IReadOnlySet<string> known, string basePath)
    {
        foreach (var link in rendered.Links)
        {
            var target = link.Target;
            if (link.IsImage || !target.StartsWith('/') || target.StartsWith("//", StringComparison.Ordinal)) continue;
            var path = target.Split('#', '?')[0];
            if (basePath.Length > 0 && path.StartsWith(basePath + "/", StringComparison.Ordinal)) path = path[basePath.Length..];
            var last = path[(path.LastIndexOf('/') + 1)..];
            if (last.Contains('.')) continue; // a file: static, feed, image
            var first = FirstSegment(path);
            if (first.Length == 0 || known.Contains(first)) continue;
            yield return Diagnostic.Error(link.Span, $"link to {target}: no section, taxonomy or page '{first}'");
        }
    }

    private static string FirstSegment(string url)
    {
        var trimmed = url.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        return slash < 0 ? trimmed : trimmed[..slash];
    }
}
