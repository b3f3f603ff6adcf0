using Lemma.Newsletter;
using Lemma.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Preview;

/// <summary>
/// A post's newsletter email under `serve` (preview only), as subscribers would get it:
/// /_lemma/newsletter/preview?post=/posts/a/ (or the post's source path); &amp;part=text for the text part. Read from
/// the current build's store, so it follows every save like the pages do.
/// </summary>
public static class NewsletterPreview
{
    public const string Path = "/_lemma/newsletter/preview";

    public static void MapNewsletterPreview(this WebApplication app, SiteHost host) =>
        app.MapGet(Path, (string? post, string? part) => Show(host, post, part));

    private static IResult Show(SiteHost host, string? post, string? part)
    {
        if (string.IsNullOrWhiteSpace(post)) return Results.BadRequest("name a post: ?post=/posts/a/ or ?post=content/posts/a.md");
        // Each name asked for is a key of the store's memo: no path or URL is this long.
        if (post.Length > 1024) return Results.BadRequest("post: too long for a source path or URL");
        if (part is not (null or "html" or "text")) return Results.BadRequest("part is html or text");
        if (!host.TryRead(NewsletterQueries.PostPath, post, out var path)) return Results.Problem("the site has not been built yet", statusCode: 503);
        if (path is null) return Results.NotFound($"no post of this site has the source path or URL {post}");
        host.TryRead(NewsletterQueries.Email, path, out var result);
        if (result.Email is not { } email)
            return Results.Text("this post has no email while it has errors:\n" + string.Join("\n", result.Diagnostics.Where(d => d.IsError)), "text/plain; charset=utf-8", statusCode: 409);
        return part == "text" ? Results.Text(email.Text, "text/plain; charset=utf-8") : Results.Text(email.Html, "text/html; charset=utf-8");
    }
}
