namespace Lemma.Server.Comments;

/// <summary>
/// What a mail about comments names and links to: the site's title, this server's own pages (moderation, confirm and
/// stop links), and the posts where readers see them, which for a site hosted elsewhere (comments.server) are at the
/// site's base URL rather than on this server.
/// </summary>
public sealed record MailSite(string Title, string Server, string Pages)
{
    /// <summary>The address of <paramref name="post"/> (a site path) where readers see it.</summary>
    public string Post(string post) => Pages.TrimEnd('/') + post;
}
