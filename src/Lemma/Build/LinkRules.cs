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
    public static IEnumerable<Diagnostic> UnknownSections(Site site, IReadOnlyDictionary<string, RenderedContent> content)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "archive", "assets" };
        foreach (var s in site.Sections) known.Add(s.Name);
        foreach (var t in site.Taxonomies) known.Add(t.Name);
        foreach (var p in site.Pages) known.Add(FirstSegment(p.Url));
        foreach (var p in site.Pages)
            foreach (var alias in p.Aliases) known.Add(FirstSegment(alias));

        foreach (var (_, rendered) in content.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var link in rendered.Links)
            {
                var target = link.Target;
                if (link.IsImage || !target.StartsWith('/') || target.StartsWith("//", StringComparison.Ordinal)) continue;
                var path = target.Split('#', '?')[0];
                var last = path[(path.LastIndexOf('/') + 1)..];
                if (last.Contains('.')) continue; // a file: static, feed, image
                var first = FirstSegment(path);
                if (first.Length == 0 || known.Contains(first)) continue;
                yield return Diagnostic.Error(link.Span, $"link to {target}: no section, taxonomy or page '{first}'");
            }
        }
    }

    private static string FirstSegment(string url)
    {
        var trimmed = url.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        return slash < 0 ? trimmed : trimmed[..slash];
    }
}
