namespace Lemma.Output;

/// <summary>
/// The output (or its staging folder beside it) could not be written: a folder that is not writable, a full disk, a
/// link or a file where Lemma needs a real folder. Not a problem of the content, so not a diagnostic: the command
/// reports it once and fails.
/// </summary>
public sealed class OutputException(string message, Exception? inner = null) : IOException(message, inner);
