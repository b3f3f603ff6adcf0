namespace Lemma.Server.Comments;

public enum CommentStatus { Pending, Approved, Spam, Rejected, Deleted }

/// <summary>A comment as stored, email and address hash included: for the writer and the server, never for readers.</summary>
public sealed record StoredComment
{
    public long Id { get; init; }
    /// <summary>The post's URL path, e.g. /posts/a/.</summary>
    public string Post { get; init; } = "";
    public long? ParentId { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string Website { get; init; } = "";
    /// <summary>As the reader wrote it (Markdown).</summary>
    public string Body { get; init; } = "";
    /// <summary>The body rendered and sanitized: safe to put into a page as it is.</summary>
    public string Html { get; init; } = "";
    public string Status { get; init; } = "pending";
    /// <summary>Unix milliseconds.</summary>
    public long Created { get; init; }
    /// <summary>Written by the writer through the admin page's login; an email that matches theirs marks nothing.</summary>
    public bool IsAuthor { get; init; }

    public CommentStatus State => Enum.Parse<CommentStatus>(Status, ignoreCase: true);

    /// <summary>What readers may see of it: no email, no address.</summary>
    public PublishedComment Published() =>
        new(Id, Post, ParentId, Name, Website, Html, DateTimeOffset.FromUnixTimeMilliseconds(Created), IsAuthor);

    internal const string Columns = "id AS Id, post AS Post, parent_id AS ParentId, name AS Name, email AS Email, website AS Website, body AS Body, html AS Html, status AS Status, created AS Created, is_author AS IsAuthor";
}

/// <summary>
/// An approved comment as a page shows it. <see cref="Html"/> is sanitized already; <see cref="Author"/> and
/// <see cref="Website"/> are plain text (escape them). There is no email here, by design. <see cref="IsAuthor"/>: the
/// writer's own reply (made through the admin login).
/// </summary>
public sealed record PublishedComment(long Id, string Post, long? ParentId, string Author, string Website, string Html, DateTimeOffset Created, bool IsAuthor = false)
{
    /// <summary>The permalink fragment: #comment-12.</summary>
    public string Anchor => $"comment-{Id}";
}

/// <summary>What the build engine reads: the approved comments of each post, and a signal when they change.</summary>
public interface IApprovedComments
{
    /// <summary>The approved comments of the post at <paramref name="post"/> (its URL path, /posts/a/), oldest first;
    /// replies carry their parent's id. Runs on the database thread; the task completes on the thread pool.</summary>
    Task<IReadOnlyList<PublishedComment>> Approved(string post);

    /// <summary>How many approved comments each post has (posts without any are left out), for list cards and headers.</summary>
    Task<IReadOnlyDictionary<string, int>> ApprovedCounts();

    /// <summary>Raised with a post's URL path after a comment of it was approved, or an approved one left (rejected,
    /// marked spam, deleted). Raised on the thread pool, after the change is committed and before the request that
    /// made it is answered: a handler should return quickly (queue the post's rebuild) and not throw.</summary>
    event Action<string>? Changed;
}
