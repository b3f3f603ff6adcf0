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
}
