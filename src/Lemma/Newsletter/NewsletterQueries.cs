using System.Collections.Immutable;
using Lemma.Build;
using Lemma.Diagnostics;
using Lemma.Incremental;
using Lemma.Model;

namespace Lemma.Newsletter;

/// <summary>A post's email, or why there is none: the problems of the post and of the site's setup. <paramref name="Post"/>
/// is the post's source path, null when what was asked for names no post.</summary>
public sealed record EmailResult(PostEmail? Email, ImmutableArray<Diagnostic> Diagnostics, string? Post);

/// <summary>
/// The newsletter as queries of the build's store: a post's email is made from the same page and rendered body the
/// site shows, memoized with them, so a sender or `serve` asking again after an edit elsewhere gets it as it was.
/// </summary>
public static class NewsletterQueries
{
    private const string One = "";

    /// <summary>Each post's source path by its URL path ("/posts/a/"), for a post named by its URL.</summary>
    private static readonly Query<string, IReadOnlyDictionary<string, string>> PostsByUrl = new("newsletter posts by url", (q, _) =>
        q.Get(SiteQueries.Layout, One).Site.Pages.Where(p => p.Kind == PageKind.Post)
            .GroupBy(p => p.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Source.Path, StringComparer.Ordinal),
        Equalities.Map<string>());

    /// <summary>
    /// The source path of the post <paramref name="post"/> names: its source path ("content/posts/a.md"), its URL path
    /// ("/posts/a/") or its URL at the base URL; null when it names none.
    /// </summary>
    public static readonly Query<string, string?> PostPath = new("newsletter post", (q, post) =>
    {
        // A file that does not load is still named: its email reports why there is none.
        if (IsContentFile(q, post)) return q.Get(SiteQueries.Page, post) is null or { Kind: PageKind.Post } ? post : null;
        var path = Uri.TryCreate(post, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url.AbsolutePath : post;
        var byUrl = q.Get(PostsByUrl, One);
        var basePath = new Uri(SiteQueries.SiteConfig(q).BaseUrl).AbsolutePath.TrimEnd('/');
        if (basePath.Length > 0 && path.StartsWith(basePath + "/", StringComparison.Ordinal) && byUrl.TryGetValue(path[basePath.Length..], out var underBase)) return underBase;
        return byUrl.TryGetValue(path, out var found) ? found : byUrl.GetValueOrDefault(path.EndsWith('/') ? path : path + "/");
    });

    /// <summary>The email of a post, by its source path; none, with the errors, when the post or the site has errors.</summary>
    public static readonly Query<string, EmailResult> Email = new("newsletter email", (q, path) =>
    {
        var setup = q.Get(SiteQueries.SetupDiagnostics, One);
        if (!IsContentFile(q, path)) return new EmailResult(null, setup, null);
        if (q.Get(SiteQueries.Page, path) is not { } page) return new EmailResult(null, [.. setup, .. q.Get(SiteQueries.Header, path).Diagnostics], path);
        if (page.Kind != PageKind.Post) return new EmailResult(null, setup, null);
        var content = q.Get(SiteQueries.Content, path);
        ImmutableArray<Diagnostic> problems = [.. setup, .. content.Diagnostics];
        if (content.Content is not { } body || problems.Any(d => d.IsError)) return new EmailResult(null, problems, path);
        return new EmailResult(PostEmail.From(page, body, SiteQueries.SiteConfig(q)), problems, path);
    }, EqualityComparer<EmailResult>.Create((a, b) => a!.Email == b!.Email && a.Post == b.Post && a.Diagnostics.SequenceEqual(b.Diagnostics), r => r.Diagnostics.Length));

    /// <summary>
    /// A post's email from the site's files, without a build of the rest (`lemma newsletter preview`): the store
    /// reads the headers every page's URL needs and renders this one post's body. Unknown post: no email and no <see cref="EmailResult.Post"/>.
    /// </summary>
    public static EmailResult Make(BuildOptions options, string post)
    {
        var memo = new BuildStore { OneBuild = true }.Begin(options);
        var setup = memo.Get(SiteQueries.SetupDiagnostics, One);
        if (setup.Any(d => d.IsError)) return new EmailResult(null, setup, null);
        return memo.Get(PostPath, post) is { } path ? memo.Get(Email, path) : new EmailResult(null, setup, null);
    }

    // Only a file discovery listed is read: a key names no path outside the site's content.
    private static bool IsContentFile(QueryContext q, string path) => q.Get(SiteQueries.Files, FileGroup.Content).Contains(path);
}
