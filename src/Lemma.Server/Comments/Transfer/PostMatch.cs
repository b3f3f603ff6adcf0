namespace Lemma.Server.Comments.Transfer;

/// <summary>
/// Which post of this site an imported thread belongs to, by its address: the same path (/2020/01/a-post/ on the old
/// blog and here), else the same last segment, the slug, when one post alone has it (/2020/01/a-post/ there,
/// /posts/a-post/ here). Null when neither finds exactly one post.
/// </summary>
public sealed class PostMatch
{
    private readonly HashSet<string> paths;
    private readonly ILookup<string, string> bySlug;

    /// <param name="posts">The URL paths of the site's pages that take comments (/posts/a/).</param>
    public PostMatch(IEnumerable<string> posts)
    {
        paths = new HashSet<string>(posts.Select(Normal), StringComparer.Ordinal);
        bySlug = paths.ToLookup(Slug, StringComparer.OrdinalIgnoreCase);
    }

    public string? Find(string address)
    {
        var path = Normal(Uri.TryCreate(address, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url.AbsolutePath : address);
        if (paths.Contains(path)) return path;
        var same = bySlug[Slug(path)].ToList();
        return same.Count == 1 && Slug(path).Length > 0 ? same[0] : null;
    }

    private static string Normal(string path)
    {
        path = Uri.UnescapeDataString(path.Split('?', '#')[0]);
        if (path.EndsWith("/index.html", StringComparison.Ordinal)) path = path[..^"index.html".Length];
        else if (path.EndsWith(".html", StringComparison.Ordinal)) path = path[..^".html".Length];
        return "/" + path.Trim('/') + (path.Trim('/').Length > 0 ? "/" : "");
    }

    private static string Slug(string path) => path.TrimEnd('/')[(path.TrimEnd('/').LastIndexOf('/') + 1)..];
}
