using System.Collections.Immutable;

namespace Lemma.Configuration;

/// <summary>Which new comments wait for the writer: every one, a new email's first, or none.</summary>
public enum Moderation { All, First, None }

/// <summary>site.yaml's <c>comments:</c> block (<c>comments: true</c> turns them on with these defaults).</summary>
public sealed record CommentSettings
{
    public bool Enabled { get; init; }
    public Moderation Moderation { get; init; } = Moderation.First;
    /// <summary>Days after a post's date when its form closes; null: never.</summary>
    public int? CloseAfterDays { get; init; }
    /// <summary>The SQLite file, relative to the site root, or a PostgreSQL connection string (<see cref="IsConnectionString"/>).</summary>
    public string Database { get; init; } = "data/comments.db";
    /// <summary>Where notifications go; empty: the site author's email.</summary>
    public string Notify { get; init; } = "";
    /// <summary>Words that mark a comment as spam (name, website, email or body; whole words, any case).</summary>
    public ImmutableArray<string> BlockedWords { get; init; } = [];
    /// <summary>Domains (and their subdomains) that mark a comment as spam when linked or in the email or website.</summary>
    public ImmutableArray<string> BlockedDomains { get; init; } = [];
    public int MaxLinks { get; init; } = 3;
    /// <summary>Characters a comment's body may have.</summary>
    public int MaxLength { get; init; } = 5000;
    /// <summary>Seconds a reader needs at least between getting the form and sending it; quicker is a machine.</summary>
    public int MinSeconds { get; init; } = 3;
    /// <summary>Comments one address may post in 10 minutes.</summary>
    public int PerIpPer10Minutes { get; init; } = 5;
    /// <summary>Comments one email may post in 10 minutes.</summary>
    public int PerEmailPer10Minutes { get; init; } = 3;
    /// <summary>The Lemma server that takes the comments of a site hosted elsewhere (a CDN), as an origin without a
    /// trailing slash (https://comments.example.org); empty: the pages are served by Lemma itself.</summary>
    public string Server { get; init; } = "";

    /// <summary>True when <paramref name="database"/> is a PostgreSQL connection string (it names a Host or Server, as
    /// in <c>Host=db.example.org;Database=blog;Username=lemma</c>) rather than a SQLite file.</summary>
    public static bool IsConnectionString(string database) =>
        database.Split(';').Any(part => part.Split('=') is [var key, _] && key.Trim().ToLowerInvariant() is "host" or "server");
}

/// <summary>site.yaml's <c>smtp:</c> block. The password is never here: it comes from LEMMA_SMTP_PASSWORD.</summary>
public sealed record SmtpSettings
{
    public string Host { get; init; } = "";
    /// <summary>0: 587 for STARTTLS, 465 for TLS.</summary>
    public int Port { get; init; }
    public string User { get; init; } = "";
    /// <summary>TLS from the first byte (smtps, port 465) rather than STARTTLS when the server offers it.</summary>
    public bool Tls { get; init; }
    /// <summary>The From address of the site's mail; empty: the author's email.</summary>
    public string From { get; init; } = "";
    /// <summary>DKIM signing of every mail the server sends; null: mail goes unsigned.</summary>
    public DkimSettings? Dkim { get; init; }
}

/// <summary>
/// site.yaml's <c>smtp.dkim:</c>. The private key is the PEM in the environment variable LEMMA_DKIM_KEY when set (so it
/// stays out of git), else the file <see cref="KeyFile"/> (absolute: a relative key_file is resolved against the site root
/// when the config is read). <see cref="Origin"/> is where the block was written ("site.yaml:12"), for errors found later.
/// </summary>
public sealed record DkimSettings(string Domain, string Selector, string KeyFile, string Origin);
