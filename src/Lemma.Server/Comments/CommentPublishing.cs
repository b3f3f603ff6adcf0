using Lemma.Model;
using Lemma.Server.Hosting;

namespace Lemma.Server.Comments;

/// <summary>
/// Puts the approved comments into the built pages: every post's before the first build, and a post's again each time
/// they change, followed by a rebuild of what they reach (the post, the lists that show its count). Changes that
/// arrive while a rebuild runs share the next one, so a burst of comments costs a few rebuilds, not one each.
/// </summary>
internal sealed class CommentPublishing(SiteHost host, CommentStore comments)
{
    private readonly Lock gate = new();
    private bool running;
    private bool again;
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task LoadAll()
    {
        foreach (var post in (await comments.ApprovedCounts()).Keys)
            host.SetComments(post, Readers(await comments.Approved(post)));
        comments.Publish = Publish;
    }

    /// <summary>Awaited after a change is committed and before the request that made it is answered (a few seconds at
    /// most): the reader sent back to the post finds the comment in place.</summary>
    private async Task Publish(string post)
    {
        host.SetComments(post, Readers(await comments.Approved(post)));
        try { await Rebuild().WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (TimeoutException) { } // the comment is stored, and the rebuild under way shows it
    }

    /// <summary>A rebuild that starts after this call.</summary>
    private Task Rebuild()
    {
        lock (gate)
        {
            var waited = next.Task;
            if (running) again = true;
            else
            {
                running = true;
                _ = Task.Run(Loop);
            }
            return waited;
        }
    }

    private void Loop()
    {
        while (true)
        {
            TaskCompletionSource done;
            lock (gate)
            {
                done = next;
                next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                again = false;
            }
            try { host.Rebuild([]); }
            catch (Exception e) when (e is not OutOfMemoryException) { host.Fail(e); }
            finally { done.TrySetResult(); }
            lock (gate)
            {
                if (!again)
                {
                    running = false;
                    return;
                }
            }
        }
    }

    private static IEnumerable<ReaderComment> Readers(IReadOnlyList<PublishedComment> approved) =>
        approved.Select(c => new ReaderComment(c.Id, c.ParentId, c.Author, c.Website, c.Html, c.Created, c.IsAuthor));
}
