namespace Lemma.Server.Newsletter;

/// <summary>Where a subscriber is: waiting for their confirmation, confirmed (mailed the newsletter), unsubscribed, or
/// bounced (their mail server refused the address).</summary>
public enum SubscriberState { Pending, Confirmed, Unsubscribed, Bounced }

/// <summary>One row of the subscribers table; times are Unix milliseconds. <see cref="Source"/>: "form", or the service an
/// import came from (substack, buttondown, mailchimp).</summary>
public sealed record Subscriber
{
    public const string Columns = "id AS Id, email AS Email, name AS Name, state AS Status, source AS Source, created AS Created, "
        + "confirmed_at AS ConfirmedAt, unsubscribed_at AS UnsubscribedAt, bounced_at AS BouncedAt";

    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The state as stored: pending, confirmed, unsubscribed or bounced.</summary>
    public string Status { get; init; } = "pending";
    public string Source { get; init; } = "";
    public long Created { get; init; }
    public long? ConfirmedAt { get; init; }
    public long? UnsubscribedAt { get; init; }
    public long? BouncedAt { get; init; }

    public SubscriberState State => Enum.Parse<SubscriberState>(Status, ignoreCase: true);

    public static string Text(SubscriberState state) => state.ToString().ToLowerInvariant();
}

/// <summary>One subscriber as an import file gives it, with where it was written (for its problems).</summary>
public sealed record ImportedSubscriber(string Email, string Name, SubscriberState State, long Created, long? ConfirmedAt, string Source);
