namespace Lemma.Model;

/// <summary>
/// An approved reader comment, as the server hands it to the build (the engine never opens a database). The HTML is
/// sanitized already; the author and website are plain text. <see cref="IsAuthor"/>: the site's writer wrote it (the
/// server marks only replies made through its admin login, never a comment whose email matches the writer's).
/// </summary>
public sealed record ReaderComment(long Id, long? ParentId, string Author, string Website, string Html, DateTimeOffset Created, bool IsAuthor = false);
