using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lemma.Server.Comments.Transfer;

/// <summary>A comment as it moves between blogs: in Lemma's JSON archive, or read from a Disqus or WordPress export.
/// <see cref="Post"/> is a URL path of the site (/posts/a/) or, from another blog, the old page's address;
/// <see cref="Parent"/> names another comment's <see cref="Id"/> in the same archive. The body is Markdown.
/// <see cref="IsAuthor"/>: the writer's own reply (an archive without it marks nothing).</summary>
public sealed record ArchivedComment(long Id, string Post, long? Parent, string Name, string Email, string Website, string Body,
    string Status, DateTimeOffset Created, bool IsAuthor = false);

/// <summary>
/// `lemma comments export` and `import`'s own format: every comment that was not erased, email included (it is the
/// writer's backup, not a reader's view), address hashes never. <c>{"format": "lemma-comments", "version": 1,
/// "comments": [...]}</c>.
/// </summary>
public static class CommentArchive
{
    private const string Format = "lemma-comments";
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write(Stream to, IReadOnlyList<ArchivedComment> comments) =>
        JsonSerializer.Serialize(to, new Archive(Format, 1, comments), Options);

    /// <summary>The comments of an archive; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
    public static IReadOnlyList<ArchivedComment> Read(Stream from)
    {
        Archive? archive;
        try { archive = JsonSerializer.Deserialize<Archive>(from, Options); }
        catch (JsonException e) { throw new FormatException($"not a Lemma comment archive: {e.Message}", e); }
        if (archive is not { Format: Format, Comments: { } comments }) throw new FormatException("not a Lemma comment archive (format: lemma-comments)");
        if (archive.Version != 1) throw new FormatException($"a comment archive of version {archive.Version}, newer than this lemma (1): upgrade lemma");
        return comments;
    }

    private sealed record Archive(string Format, int Version, IReadOnlyList<ArchivedComment> Comments);
}
