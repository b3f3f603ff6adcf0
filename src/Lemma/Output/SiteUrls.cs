namespace Lemma.Output;

/// <summary>
/// Turns site-relative paths ("/posts/x/") into what pages link to: the base URL's path prefixed
/// ("/blog/posts/x/" for https://example.org/blog/), and absolute permalinks.
/// </summary>
public sealed record SiteUrls(string BaseUrl)
{
    /// <summary>The base URL's path without its trailing slash: "" or "/blog".</summary>
    public string BasePath { get; } = new Uri(BaseUrl).AbsolutePath.TrimEnd('/');

    public string Link(string sitePath) => BasePath + sitePath;

    public string Absolute(string sitePath) => BaseUrl.TrimEnd('/') + sitePath;

    /// <summary>The output file for a site path: "/posts/x/" -> "posts/x/index.html"; "/404.html" stays.</summary>
    public static string FileFor(string sitePath) => OutputPath.For(sitePath);
}
