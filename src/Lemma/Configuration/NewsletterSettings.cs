namespace Lemma.Configuration;

/// <summary>site.yaml's <c>newsletter:</c> block (<c>newsletter: true</c> turns it on with these defaults). Subscribers
/// are kept in the same store as comments (<c>comments.database</c>), whether comments are on or not.</summary>
public sealed record NewsletterSettings
{
    public bool Enabled { get; init; }
    /// <summary>The newsletter's name in its mail and pages; empty: the site's title.</summary>
    public string Name { get; init; } = "";
    /// <summary>Subscribe requests one address (IP) may make in 10 minutes.</summary>
    public int PerIpPer10Minutes { get; init; } = 5;
    /// <summary>Hours between two mails a subscribe request may cause to one email address.</summary>
    public int MailEveryHours { get; init; } = 1;
    /// <summary>Messages an issue has in flight at once (connections to the mail server). Four kept a local mail
    /// server busy in bench/newsletter_send.py; a crash sends at most this many twice.</summary>
    public int Concurrency { get; init; } = 4;
    /// <summary>Messages an issue sends per second at most; 0: as fast as the mail server takes them.</summary>
    public int Rate { get; init; }
    /// <summary>Hard bounces (an SMTP 5xx to the address) in a row after which a subscriber is marked bounced.</summary>
    public int BounceAfter { get; init; } = 1;
}
