namespace Lemma.Model;

/// <summary>
/// An approved reader comment, as the server hands it to the build (the engine never opens a database). The HTML is
/// sanitized already; the author and website are plain text.
/// </summary>
public sealed record ReaderComment(long Id, long? ParentId, string Author, string Website, string Html, DateTimeOffset Created);
