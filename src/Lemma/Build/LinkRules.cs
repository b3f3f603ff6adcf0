using System.Collections.Immutable;
using Lemma.Diagnostics;
using Lemma.Markdown;
using Lemma.Model;

namespace Lemma.Build;

/// <summary>
/// Link rules that must hold for every build (`lemma check` adds the rest): a root-relative link to a page
/// ("/notes/x/") must start with a section, taxonomy, series or page that exists. Files ("/images/a.png") are left to check.
/// </summary>
public static class LinkRules
{
    /// <summary>The first URL segments root-relative links may start with, and the base URL's path ("/blog"), which a
    /// link may start with (Jekyll's <c>{{ site.baseurl }}/about/</c>).</summary>
    public sealed record Roots(IReadOnlySet<string> Known, string BasePath)
    {
        public bool Equals(Roots? other) => other is not null && BasePath == other.BasePath && Known.SetEquals(other.Known);

        public override int GetHashCode() => HashCode.Combine(BasePath, Known.Count);
    }

    /// <param name="pageRoots">The first segments of the pages' URLs and aliases (<see cref="PageRoots"/>).</param>
    public static Roots RootsOf(Site site, IEnumerable<string> pageRoots)
    {
        var known = new HashSet<string>(pageRoots, StringComparer.Ordinal) { "archive", "assets" };
        foreach (var s in site.Sections) known.Add(s.Name);
        foreach (var t in site.Taxonomies) known.Add(t.Name);
        if (!site.Series.IsEmpty) known.Add("series"); // the series pages (PlanShape.SeriesPages), or a series taxonomy's
        return new Roots(known, new Uri(site.Config.BaseUrl).AbsolutePath.TrimEnd('/'));
    }

    /// <summary>The first segments of some pages' URLs and aliases, sorted, each once.</summary>
    public static ImmutableArray<string> PageRoots(IEnumerable<(string Url, ImmutableArray<string> Aliases)> pages)
    {
        // Looked up by span: a run of pages has a handful of first segments.
        var known = new HashSet<string>(StringComparer.Ordinal);
        var lookup = known.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (url, aliases) in pages)
        {
            lookup.Add(FirstSegmentOf(url));
            foreach (var alias in aliases) lookup.Add(FirstSegmentOf(alias));
        }
        return [.. known.Order(StringComparer.Ordinal)];
    }

    /// <summary>The links of one page that start with no known segment.</summary>
    public static ImmutableArray<Diagnostic> Check(RenderedContent rendered, Roots roots) => [.. Broken(rendered, roots.Known, roots.BasePath)];

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

    private static string FirstSegment(string url) => FirstSegmentOf(url).ToString();

    private static ReadOnlySpan<char> FirstSegmentOf(string url)
    {
        var trimmed = url.AsSpan().TrimStart('/');
        var slash = trimmed.IndexOf('/');
        return slash < 0 ? trimmed : trimmed[..slash];
    }
}
