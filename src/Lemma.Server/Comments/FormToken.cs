using System.Globalization;
using System.Security.Cryptography;
using Lemma.Server.Storage;

namespace Lemma.Server.Comments;

public enum TokenCheck { Valid, Missing, Forged, TooQuick, Expired }

/// <summary>
/// The form's signed token: when it was given out, a nonce, and an HMAC over both and the post, under the site's
/// secret. A token fits one post, is valid from <c>min_seconds</c> after it was given (a person takes that long to
/// write; a machine posting at once does not) and for two days.
/// </summary>
public sealed class FormToken(SiteSecret secret, TimeProvider clock)
{
    private const string Purpose = "comment-form";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);

    /// <param name="credit">Time counted as spent already: a form given back with the reader's text (a problem, or a
    /// page whose form had no token) is sent again by one click, not written again.</param>
    public string Issue(string post, TimeSpan credit = default)
    {
        var issued = (clock.GetUtcNow() - credit).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var nonce = SiteSecret.Base64Url(RandomNumberGenerator.GetBytes(9));
        return $"{issued}.{nonce}.{secret.Sign(Purpose, $"{post}|{issued}|{nonce}")}";
    }

    public TokenCheck Check(string? token, string post, TimeSpan minimum)
    {
        if (string.IsNullOrEmpty(token)) return TokenCheck.Missing;
        var parts = token.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            || !secret.Verify(Purpose, $"{post}|{parts[0]}|{parts[1]}", parts[2]))
            return TokenCheck.Forged;
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issued);
        return age < minimum ? TokenCheck.TooQuick : age > Lifetime ? TokenCheck.Expired : TokenCheck.Valid;
    }
}
