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

    public static Roots RootsOf(Site site)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "archive", "assets" };
        foreach (var s in site.Sections) known.Add(s.Name);
        foreach (var t in site.Taxonomies) known.Add(t.Name);
        if (!site.Series.IsEmpty) known.Add("series"); // the series pages (PlanShape.SeriesPages), or a series taxonomy's
        // Looked up by span: ten thousand pages have a handful of first segments, and this runs after every layout.
        var lookup = known.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var p in site.Pages)
        {
            lookup.Add(FirstSegmentOf(p.Url));
            foreach (var alias in p.Aliases) lookup.Add(FirstSegmentOf(alias));
        }
        return new Roots(known, new Uri(site.Config.BaseUrl).AbsolutePath.TrimEnd('/'));
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
