using Lemma.Configuration;
using Lemma.Server.Mail;
using Lemma.Server.Storage;

namespace Lemma.Server.Comments;

/// <summary>A comment checked and rendered, ready to store. <see cref="Spam"/>: a blocklist matched.</summary>
public sealed record NewComment(string Post, long? ParentId, string Name, string Email, string Website, string Body, string Html,
    string IpHash, string BodyHash, bool Spam);

public enum SubmitOutcome { Stored, Repeated, RepeatedElsewhere, TooMany, NoSuchParent }

/// <summary>What became of a submission: stored (with its status), the same comment again (its first copy), or refused.</summary>
public sealed record Submission(SubmitOutcome Outcome, long Id = 0, CommentStatus Status = CommentStatus.Pending);

/// <summary>
/// Comments in the database. Each method is one piece of database work (see <see cref="Database"/>): the checks that
/// decide a submission (rate, duplicate, first comment of an email) and its insert and notification are one transaction,
/// so two quick posts cannot both pass a limit, and a stored comment always has its notification in the outbox.
/// </summary>
public sealed class CommentStore(Database database, TimeProvider clock) : IApprovedComments
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(1);

    public event Action<string>? Changed;

    /// <summary>
    /// Awaited after a post's approved comments changed, before the request that changed them is answered: the server
    /// puts them into the post's pages there, so the reader sent back to the post finds their comment in place.
    /// </summary>
    public Func<string, Task>? Publish { get; set; }

    private async Task Announce(string post)
    {
        Changed?.Invoke(post);
        if (Publish is { } publish) await publish(post);
    }

    /// <param name="notify">The writer's notification of a stored comment (null: none), put in the outbox in the same transaction.</param>
    /// <param name="shown">Runs in the same transaction when the comment is shown at once (the subscribers' mail).</param>
    public async Task<Submission> Submit(NewComment comment, CommentSettings settings, Func<StoredComment, MailMessage?> notify, Action<Sql, StoredComment, long>? shown = null)
    {
        var result = await database.Run(sql =>
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var since = now - (long)Window.TotalMilliseconds;
            // The writer's own replies (is_author) never count for an email: typing the writer's address earns nothing.
            var earlier = sql.Single<StoredComment>(
                $"SELECT {StoredComment.Columns} FROM comments WHERE body_hash = @BodyHash AND (email = @Email OR ip_hash = @IpHash) AND created > @after AND is_author = 0 ORDER BY id LIMIT 1",
                new { comment.BodyHash, comment.Email, comment.IpHash, after = now - (long)DuplicateWindow.TotalMilliseconds });
            if (earlier is { } first)
                return first.Post == comment.Post
                    ? new Submission(SubmitOutcome.Repeated, first.Id, first.State)
                    : new Submission(SubmitOutcome.RepeatedElsewhere);
            // Each count stops at its limit: a busy address costs the limit's rows, not all it posted in 10 minutes.
            if (sql.Single<long>("SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE ip_hash = @IpHash AND created > @since LIMIT @limit) AS recent",
                    new { comment.IpHash, since, limit = settings.PerIpPer10Minutes }) >= settings.PerIpPer10Minutes
                || sql.Single<long>("SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE email = @Email AND created > @since AND is_author = 0 LIMIT @limit) AS recent",
                    new { comment.Email, since, limit = settings.PerEmailPer10Minutes }) >= settings.PerEmailPer10Minutes)
                return new Submission(SubmitOutcome.TooMany);
            if (comment.ParentId is { } parent
                && sql.Single<long>("SELECT COUNT(*) FROM comments WHERE id = @parent AND post = @Post AND status = 'approved'", new { parent, comment.Post }) == 0)
                return new Submission(SubmitOutcome.NoSuchParent);
            var status = comment.Spam ? CommentStatus.Spam : settings.Moderation switch
            {
                Moderation.None => CommentStatus.Approved,
                Moderation.First when sql.Single<long>("SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE email = @Email AND status = 'approved' AND is_author = 0 LIMIT 1) AS shown", new { comment.Email }) > 0 => CommentStatus.Approved,
                _ => CommentStatus.Pending,
            };
            var stored = sql.Single<StoredComment>($"""
                INSERT INTO comments (post, parent_id, name, email, website, body, html, status, created, ip_hash, body_hash)
                VALUES (@Post, @ParentId, @Name, @Email, @Website, @Body, @Html, @status, @now, @IpHash, @BodyHash)
                RETURNING {StoredComment.Columns}
                """, new { comment.Post, comment.ParentId, comment.Name, comment.Email, comment.Website, comment.Body, comment.Html, status = Name(status), now, comment.IpHash, comment.BodyHash })!;
            if (status != CommentStatus.Spam && notify(stored) is { } message) Outbox.Enqueue(sql, message, now);
            if (status == CommentStatus.Approved) shown?.Invoke(sql, stored, now);
            return new Submission(SubmitOutcome.Stored, stored.Id, status);
        });
        if (result is { Outcome: SubmitOutcome.Stored, Status: CommentStatus.Approved }) await Announce(comment.Post);
        return result;
    }

    /// <summary>
    /// The writer's reply to comment <paramref name="parent"/>, made through the admin login: stored approved and marked as
    /// the author's. A parent still waiting is approved with it (the admin page's "Approve and reply"); a parent that
    /// is rejected, spam or deleted takes no reply (null). <paramref name="shown"/> runs in the same transaction for each
    /// comment that became shown (the parent, when it waited, then the reply): the subscribers' mail.
    /// </summary>
    public async Task<StoredComment?> ReplyAsAuthor(long parent, string name, string email, string body, string html, Action<Sql, StoredComment, long> shown)
    {
        var reply = await database.Run(sql =>
        {
            var found = sql.Single<StoredComment>($"SELECT {StoredComment.Columns} FROM comments WHERE id = @parent", new { parent });
            if (found is not { State: CommentStatus.Approved or CommentStatus.Pending }) return null;
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (found.State == CommentStatus.Pending)
            {
                sql.Execute("UPDATE comments SET status = 'approved' WHERE id = @parent", new { parent });
                sql.Execute("INSERT INTO moderation_log (comment_id, status, via, at) VALUES (@parent, 'approved', 'admin', @now)", new { parent, now });
                shown(sql, found with { Status = Name(CommentStatus.Approved) }, now);
            }
            var stored = sql.Single<StoredComment>($"""
                INSERT INTO comments (post, parent_id, name, email, website, body, html, status, created, ip_hash, body_hash, is_author)
                VALUES (@Post, @parent, @name, @email, '', @body, @html, 'approved', @now, NULL, @bodyHash, 1)
                RETURNING {StoredComment.Columns}
                """, new { found.Post, parent, name, email, body, html, now, bodyHash = CommentService.BodyHash(body) })!;
            sql.Execute("INSERT INTO moderation_log (comment_id, status, via, at) VALUES (@Id, 'approved', 'admin', @now)", new { stored.Id, now });
            shown(sql, stored, now);
            return stored;
        });
        if (reply is not null) await Announce(reply.Post);
        return reply;
    }

    /// <summary>The latest approved comments of the whole site, newest first: what the admin page offers to reply to.</summary>
    public Task<IReadOnlyList<StoredComment>> Recent(int count) => database.Run(sql =>
        (IReadOnlyList<StoredComment>)sql.Query<StoredComment>($"SELECT {StoredComment.Columns} FROM comments WHERE status = 'approved' ORDER BY id DESC LIMIT @count", new { count }).ToList());

    public async Task<IReadOnlyList<PublishedComment>> Approved(string post) => await database.Run(sql =>
        sql.Query<StoredComment>($"SELECT {StoredComment.Columns} FROM comments WHERE post = @post AND status = 'approved' ORDER BY id", new { post })
            .Select(c => c.Published()).ToList());

    public Task<IReadOnlyDictionary<string, int>> ApprovedCounts() => database.Run(sql =>
        (IReadOnlyDictionary<string, int>)sql.Query<(string Post, long Count)>("SELECT post, COUNT(*) FROM comments WHERE status = 'approved' GROUP BY post")
            .ToDictionary(r => r.Post, r => (int)r.Count, StringComparer.Ordinal));

    public Task<StoredComment?> Find(long id) =>
        database.Run(sql => sql.Single<StoredComment>($"SELECT {StoredComment.Columns} FROM comments WHERE id = @id", new { id }));

    /// <summary>Comments waiting for the writer, oldest first.</summary>
    public Task<IReadOnlyList<StoredComment>> Pending() => database.Run(sql =>
        (IReadOnlyList<StoredComment>)sql.Query<StoredComment>($"SELECT {StoredComment.Columns} FROM comments WHERE status = 'pending' ORDER BY id").ToList());

    /// <summary>Sets a comment's status and logs who did it (<paramref name="via"/>: "email", "admin"); null when there is no such comment.</summary>
    public async Task<StoredComment?> Moderate(long id, CommentStatus status, string via)
    {
        var (before, after) = await database.Run(sql =>
        {
            var found = sql.Single<StoredComment>($"SELECT {StoredComment.Columns} FROM comments WHERE id = @id", new { id });
            if (found is null) return ((StoredComment?)null, (StoredComment?)null);
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            sql.Execute("UPDATE comments SET status = @status WHERE id = @id", new { id, status = Name(status) });
            sql.Execute("INSERT INTO moderation_log (comment_id, status, via, at) VALUES (@id, @status, @via, @now)", new { id, status = Name(status), via, now });
            return (found, found with { Status = Name(status) });
        });
        if (before is not null && (before.State == CommentStatus.Approved) != (status == CommentStatus.Approved)) await Announce(before.Post);
        return after;
    }

    /// <summary>
    /// A reader's request to erase what their email posted: refused when the address asked 5 times in 10 minutes, and
    /// mailed (by <paramref name="mail"/>, into the outbox) only when the email has comments or a newsletter subscription and did not ask within the
    /// hour, so the form cannot be used to flood someone's inbox or to learn who commented.
    /// </summary>
    public Task<bool> RequestErasure(string email, string addressHash, Func<MailMessage> mail) => database.Run(sql =>
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (sql.Single<long>("SELECT COUNT(*) FROM erase_requests WHERE ip_hash = @addressHash AND at > @since",
                new { addressHash, since = now - (long)Window.TotalMilliseconds }) >= 5)
            return false;
        var recent = sql.Single<long>("SELECT COUNT(*) FROM erase_requests WHERE email = @email AND at > @since",
            new { email, since = now - (long)TimeSpan.FromHours(1).TotalMilliseconds });
        sql.Execute("INSERT INTO erase_requests (email, ip_hash, at) VALUES (@email, @addressHash, @now)", new { email, addressHash, now });
        if (recent == 0 && sql.Single<long>("SELECT (SELECT COUNT(*) FROM comments WHERE email = @email) + (SELECT COUNT(*) FROM subscribers WHERE email = @email)", new { email }) > 0)
            Outbox.Enqueue(sql, mail(), now);
        return true;
    });

    /// <summary>Erases every comment posted with <paramref name="email"/>: name, email, website, text and address hash
    /// are cleared and the comment is deleted; the writer's notifications about them leave the outbox. Returns how many.</summary>
    public async Task<int> Erase(string email)
    {
        var (count, posts) = await database.Run(sql =>
        {
            var shown = sql.Query<string>("SELECT DISTINCT post FROM comments WHERE email = @email AND status = 'approved'", new { email }).ToList();
            var erased = sql.Execute("""
                UPDATE comments SET name = '', email = '', website = '', body = '', html = '', body_hash = '', ip_hash = NULL, status = 'deleted'
                WHERE email = @email
                """, new { email });
            // instr (SQLite; strpos in PostgreSQL) rather than LIKE, whose _ and % an address may hold.
            sql.Execute("DELETE FROM outbox WHERE recipient = @email OR instr(text_body, @email) > 0", new { email });
            sql.Execute("DELETE FROM erase_requests WHERE email = @email", new { email });
            sql.Execute("DELETE FROM subscriptions WHERE email = @email", new { email });
            // The newsletter's subscription too: erasing is everything tied to the email.
            sql.Execute("DELETE FROM subscribers WHERE email = @email", new { email });
            sql.Execute("DELETE FROM subscribe_requests WHERE email = @email", new { email });
            return (erased, shown);
        });
        foreach (var post in posts) await Announce(post);
        return count;
    }

    /// <summary>Drops the address hashes of comments older than <paramref name="age"/> (30 days by the privacy promise); returns how many.</summary>
    public Task<int> ForgetAddresses(TimeSpan age) => database.Run(sql =>
    {
        var before = (clock.GetUtcNow() - age).ToUnixTimeMilliseconds();
        sql.Execute("DELETE FROM erase_requests WHERE at < @before", new { before });
        return sql.Execute("UPDATE comments SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND created < @before", new { before });
    });

    /// <summary>The commenter's new text (rendered, with its hash) and the status it leads to; raises <see cref="Changed"/>
    /// when the comment is or was shown.</summary>
    public async Task EditByAuthor(long id, string body, string html, string bodyHash, CommentStatus status)
    {
        var before = await database.Run(sql =>
        {
            var found = sql.Single<StoredComment>($"SELECT {StoredComment.Columns} FROM comments WHERE id = @id", new { id });
            sql.Execute("UPDATE comments SET body = @body, html = @html, body_hash = @bodyHash, status = @status WHERE id = @id",
                new { id, body, html, bodyHash, status = Name(status) });
            return found;
        });
        if (before is not null && (before.State == CommentStatus.Approved || status == CommentStatus.Approved)) await Announce(before.Post);
    }

    /// <summary>The commenter deletes their comment: its text, name, email and website are cleared, as an erasure does.</summary>
    public async Task DeleteByAuthor(long id)
    {
        var before = await database.Run(sql =>
        {
            var found = sql.Single<StoredComment>($"SELECT {StoredComment.Columns} FROM comments WHERE id = @id", new { id });
            sql.Execute("UPDATE comments SET name = '', email = '', website = '', body = '', html = '', body_hash = '', ip_hash = NULL, status = 'deleted' WHERE id = @id", new { id });
            sql.Execute("INSERT INTO moderation_log (comment_id, status, via, at) VALUES (@id, 'deleted', 'author', @now)", new { id, now = clock.GetUtcNow().ToUnixTimeMilliseconds() });
            return found;
        });
        if (before is { State: CommentStatus.Approved }) await Announce(before.Post);
    }

    /// <summary>Every comment that was not erased, oldest first, email included: the writer's archive.</summary>
    public Task<IReadOnlyList<Transfer.ArchivedComment>> Export() => database.Run(sql =>
        (IReadOnlyList<Transfer.ArchivedComment>)sql.Query<StoredComment>($"SELECT {StoredComment.Columns} FROM comments WHERE status <> 'deleted' ORDER BY id")
            .Select(c => new Transfer.ArchivedComment(c.Id, c.Post, c.ParentId, c.Name, c.Email, c.Website, c.Body, c.Status, DateTimeOffset.FromUnixTimeMilliseconds(c.Created), c.IsAuthor))
            .ToList());

    /// <summary>
    /// Stores <paramref name="comments"/> (their posts already this site's paths) in one transaction, each with a new id;
    /// a parent named in the archive becomes the reply's parent by its new id. A comment already here (same post, email,
    /// moment and text) is skipped, so importing a file twice stores it once. Returns how many were stored and skipped.
    /// </summary>
    public async Task<(int Stored, int Skipped)> Import(IReadOnlyList<Transfer.ArchivedComment> comments, Func<string, string> render)
    {
        // Parents first: an archive lists a reply after what it answers, but a foreign export need not. Rendered here,
        // not on the database thread.
        var ordered = comments.OrderBy(c => c.Created).ThenBy(c => c.Id).Select(c => (Comment: c, Html: render(c.Body))).ToList();
        var result = await database.Run(sql =>
        {
            var ids = new Dictionary<long, long>();
            var (stored, skipped) = (0, 0);
            foreach (var (comment, html) in ordered)
            {
                var created = comment.Created.ToUnixTimeMilliseconds();
                var bodyHash = CommentService.BodyHash(comment.Body);
                var status = Enum.TryParse<CommentStatus>(comment.Status, ignoreCase: true, out var known) ? Name(known) : "pending";
                if (sql.Single<long?>("SELECT id FROM comments WHERE post = @Post AND email = @Email AND created = @created AND body_hash = @bodyHash",
                        new { comment.Post, comment.Email, created, bodyHash }) is { } existing)
                {
                    ids[comment.Id] = existing;
                    skipped++;
                    continue;
                }
                long? parent = comment.Parent is { } old && ids.TryGetValue(old, out var mapped) ? mapped : null;
                ids[comment.Id] = sql.Single<long>("""
                    INSERT INTO comments (post, parent_id, name, email, website, body, html, status, created, ip_hash, body_hash, is_author)
                    VALUES (@Post, @parent, @Name, @Email, @Website, @Body, @html, @status, @created, NULL, @bodyHash, @author)
                    RETURNING id
                    """, new { comment.Post, parent, comment.Name, comment.Email, comment.Website, comment.Body, html, status, created, bodyHash, author = comment.IsAuthor ? 1 : 0 });
                stored++;
            }
            return (stored, skipped);
        });
        foreach (var post in comments.Select(c => c.Post).Distinct()) await Announce(post);
        return result;
    }

    public static string Name(CommentStatus status) => status.ToString().ToLowerInvariant();
}
