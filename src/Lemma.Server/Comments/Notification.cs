using System.Globalization;
using Lemma.Server.Mail;
using Lemma.Server.Storage;
using static System.Net.WebUtility;

namespace Lemma.Server.Comments;

/// <summary>
/// The writer's mail about a new comment, with signed links to approve, reject, mark as spam or delete it. A link
/// names the comment and the action, signed with the site's secret, so it cannot be turned into another action or
/// another comment; it opens a confirm page, and only that page's button changes anything.
/// </summary>
public sealed class Notification(SiteSecret secret)
{
    private const string Purpose = "moderate";
    public static readonly IReadOnlyList<string> Actions = ["approve", "reject", "spam", "delete"];

    public string Sign(long id, string action) => secret.Sign(Purpose, $"{id}:{action}");

    public bool Verify(long id, string action, string signature) =>
        Actions.Contains(action) && secret.Verify(Purpose, $"{id}:{action}", signature);

    public string Link(string baseUrl, long id, string action) =>
        $"{baseUrl.TrimEnd('/')}/_lemma/comments/moderate?id={id.ToString(CultureInfo.InvariantCulture)}&action={action}&sig={Sign(id, action)}";

    public MailMessage For(StoredComment comment, string to, MailSite site)
    {
        var waiting = comment.State == CommentStatus.Pending;
        var subject = $"[{site.Title}] {(waiting ? "Comment awaiting approval" : "New comment")} on {comment.Post} by {comment.Name}";
        var actions = (waiting ? Actions : Actions.Skip(1)).Select(a => (Verb: CommentPages.Verb(a), Url: Link(site.Server, comment.Id, a))).ToList();
        var text = $"""
            {comment.Name} <{comment.Email}>{(comment.Website.Length > 0 ? " " + comment.Website : "")} commented on {site.Post(comment.Post)}{(waiting ? " (awaiting your approval)" : "")}:

            {comment.Body}

            {string.Join("\n", actions.Select(a => $"{a.Verb}: {a.Url}"))}
            """;
        var html = $"""
            <p><strong>{HtmlEncode(comment.Name)}</strong> &lt;{HtmlEncode(comment.Email)}&gt;{(comment.Website.Length > 0 ? " " + HtmlEncode(comment.Website) : "")}
            commented on <a href="{HtmlEncode(site.Post(comment.Post))}">{HtmlEncode(comment.Post)}</a>{(waiting ? " (awaiting your approval)" : "")}:</p>
            <blockquote>{comment.Html}</blockquote>
            <p>{string.Join(" · ", actions.Select(a => $"<a href=\"{HtmlEncode(a.Url)}\">{HtmlEncode(a.Verb)}</a>"))}</p>
            """;
        return new MailMessage(to, subject, text, html);
    }
}
