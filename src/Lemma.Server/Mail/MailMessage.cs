namespace Lemma.Server.Mail;

/// <summary>One mail as the outbox keeps it: a recipient, a subject, and the body as text and as HTML. Header values
/// here are plain text; the transport encodes them, so no value can start a header of its own.</summary>
public sealed record MailMessage(string To, string Subject, string Text, string Html);

/// <summary>A mail from the outbox, with its row and how often sending it failed.</summary>
public sealed record QueuedMail(long Id, MailMessage Message, int Attempts);
