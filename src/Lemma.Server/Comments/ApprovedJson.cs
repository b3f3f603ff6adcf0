using System.Collections.Concurrent;
using System.Text.Json;

namespace Lemma.Server.Comments;

/// <summary>
/// The JSON of each post's approved comments, made once and kept until a comment of the site is approved or leaves
/// (<see cref="IApprovedComments.Changed"/>), so reading a post with many comments costs a lookup, not a query and a
/// serialization (bench/comments.sh: 200 comments went from 0.02x to ≈1x a static page). An entry also ages out after
/// <see cref="MaxAge"/>: another instance sharing a PostgreSQL store approves without raising this one's event.
/// </summary>
public sealed class ApprovedJson
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly IApprovedComments store;
    private readonly TimeProvider clock;
    private long generation;

    public ApprovedJson(IApprovedComments store, TimeProvider clock)
    {
        this.store = store;
        this.clock = clock;
        // Any change moves every entry out: a change is rare next to reads, and a post's entry then needs no lock.
        store.Changed += _ => Interlocked.Increment(ref generation);
    }

    public async Task<byte[]> For(string post)
    {
        // Read the generation before the query: a change committed meanwhile makes this entry stale at once.
        var at = Interlocked.Read(ref generation);
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(post, out var entry) && entry.Generation == at && now - entry.Made < MaxAge) return entry.Json;
        var comments = await store.Approved(post);
        var json = JsonSerializer.SerializeToUtf8Bytes(comments.Select(c => new
        {
            id = c.Id,
            parent = c.ParentId,
            author = c.Author,
            website = c.Website,
            html = c.Html,
            created = c.Created,
            anchor = c.Anchor,
            // "author" is the name; this says the writer wrote it (through the admin login).
            is_author = c.IsAuthor,
        }));
        entries[post] = new Entry(at, now, json);
        return json;
    }

    private sealed record Entry(long Generation, DateTimeOffset Made, byte[] Json);
}
