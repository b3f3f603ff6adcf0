namespace Lemma.Server.Mail;

/// <summary>One mail as the outbox keeps it: a recipient, a subject, and the body as text and as HTML. Header values
/// here are plain text; the transport encodes them, so no value can start a header of its own. <see cref="Unsubscribe"/>:
/// the List-Unsubscribe header's value (RFC 2369, <c>&lt;https://…&gt;, &lt;mailto:…&gt;</c>) of mail a reader asked
/// for; with an https address in it the mail also says it takes a one-click POST (RFC 8058). <see cref="MessageId"/>: the
/// Message-ID without its angle brackets, for mail that must keep the same one when sent again (a newsletter issue's);
/// null lets MimeKit make one.</summary>
public sealed record MailMessage(string To, string Subject, string Text, string Html, string? Unsubscribe = null, string? MessageId = null);

/// <summary>A mail from the outbox, with its row and how often sending it failed.</summary>
public sealed record QueuedMail(long Id, MailMessage Message, int Attempts);
