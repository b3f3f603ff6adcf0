using System.Collections.Frozen;
using Lemma.Build;
using Lemma.Model;
using Lemma.Output;

namespace Lemma.Checks;

/// <summary>What checks read: the build, the set of output files, and each page's anchors by output file.</summary>
public sealed class CheckInput
{
    public CheckInput(BuildResult build)
    {
        Build = build;
        Urls = new SiteUrls(build.Site.Config.BaseUrl);
        Files = build.Files.Select(f => f.Path).ToFrozenSet(StringComparer.Ordinal);
        AnchorsByFile = build.Site.Pages
            .Where(p => build.Content.ContainsKey(p.Source.Path))
            .GroupBy(p => SiteUrls.FileFor(p.Url), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.SelectMany(p => build.Content[p.Source.Path].Anchors).ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public BuildResult Build { get; }

    /// <summary>The site's folder, for rules that point into its config.</summary>
    public string? Root { get; init; }
    public SiteUrls Urls { get; }
    public FrozenSet<string> Files { get; }
    public FrozenDictionary<string, FrozenSet<string>> AnchorsByFile { get; }

    public IEnumerable<(Page Page, Markdown.RenderedContent Content)> Pages =>
        Build.Site.Pages.Where(p => Build.Content.ContainsKey(p.Source.Path)).Select(p => (p, Build.Content[p.Source.Path]));

    /// <summary>
    /// The output file a link from <paramref name="page"/> points to, or null for external links.
    /// "/posts/x/#a" -> ("posts/x/index.html", "a"); "img.png" in a bundle -> "posts/x/img.png".
    /// </summary>
    public (string File, string? Fragment)? Resolve(Page page, string target)
    {
        if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("//", StringComparison.Ordinal)
            || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            || target.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
            return null;
        var hash = target.IndexOf('#');
        var fragment = hash >= 0 ? Uri.UnescapeDataString(target[(hash + 1)..]) : null;
        var path = (hash >= 0 ? target[..hash] : target).Split('?')[0];
        if (path.Length == 0) return (SiteUrls.FileFor(page.Url), fragment);
        if (!path.StartsWith('/')) path = new Uri(new Uri("http://site" + page.Url), path).AbsolutePath;
        else if (Urls.BasePath.Length > 0 && path.StartsWith(Urls.BasePath + "/", StringComparison.Ordinal)) path = path[Urls.BasePath.Length..];
        path = Uri.UnescapeDataString(path);
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (!path.EndsWith('/') && !last.Contains('.')) path += "/";
        return (SiteUrls.FileFor(path), fragment);
    }
}
