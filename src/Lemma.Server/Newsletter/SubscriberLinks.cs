using System.Globalization;
using Lemma.Server.Storage;

namespace Lemma.Server.Newsletter;

/// <summary>
/// The signed links of the newsletter's mail. A confirm link names the subscriber's row and when it expires (two days);
/// an unsubscribe link names the row only, and works for as long as the subscriber exists. Both are signed with the
/// site's secret over the row's id and its email, so the address is never in the link (nor in server logs), and a link
/// for a deleted row does not pass for a later row that got its number.
/// </summary>
public sealed class SubscriberLinks(SiteSecret secret, string replyAddress)
{
    public const string Path = "/_lemma/newsletter";
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(2);
    private const string ConfirmPurpose = "newsletter-confirm", StopPurpose = "newsletter-unsubscribe";

    public string Confirm(string baseUrl, Subscriber subscriber, DateTimeOffset now)
    {
        var expires = (now + ConfirmLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{baseUrl.TrimEnd('/')}{Path}/confirm?id={Id(subscriber.Id)}&expires={expires}&sig={secret.Sign(ConfirmPurpose, $"{subscriber.Id}|{subscriber.Email}|{expires}")}";
    }

    public bool VerifyConfirm(Subscriber subscriber, string expires, string signature, DateTimeOffset now) =>
        long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var until) && DateTimeOffset.FromUnixTimeSeconds(until) >= now
        && secret.Verify(ConfirmPurpose, $"{subscriber.Id}|{subscriber.Email}|{expires}", signature);

    public string Unsubscribe(string baseUrl, Subscriber subscriber) =>
        $"{baseUrl.TrimEnd('/')}{Path}/unsubscribe?id={Id(subscriber.Id)}&sig={secret.Sign(StopPurpose, $"{subscriber.Id}|{subscriber.Email}")}";

    public bool VerifyUnsubscribe(Subscriber subscriber, string signature) =>
        secret.Verify(StopPurpose, $"{subscriber.Id}|{subscriber.Email}", signature);

    /// <summary>
    /// The headers a newsletter mail to <paramref name="subscriber"/> carries (RFC 2369 and RFC 8058): List-Unsubscribe
    /// with the signed https link first, then a mailto to the site when it has an address of its own; and
    /// List-Unsubscribe-Post, only when the link is https (a mail provider posts one-click only there), else null.
    /// </summary>
    public (string ListUnsubscribe, string? ListUnsubscribePost) Headers(string baseUrl, Subscriber subscriber)
    {
        var link = Unsubscribe(baseUrl, subscriber);
        var value = replyAddress.Length == 0 ? $"<{link}>"
            : $"<{link}>, <mailto:{replyAddress}?subject={Uri.EscapeDataString("Unsubscribe")}&body={Uri.EscapeDataString(link)}>";
        return (value, link.StartsWith("https://", StringComparison.Ordinal) ? "List-Unsubscribe=One-Click" : null);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
