using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Lemma.Configuration;
using Microsoft.AspNetCore.Http;

namespace Lemma.Server.Comments;

/// <summary>What a reader sent, as typed (trimmed), and the field names of the form.</summary>
public sealed partial record CommentForm(string Post, string Parent, string Name, string Email, string Website, string Body, string Token, string Trap)
{
    public const int MaxName = 100, MaxEmail = 254, MaxWebsite = 300;
    /// <summary>The honeypot: hidden from people, filled by form-filling machines.</summary>
    public const string TrapField = "url";

    public static CommentForm Read(IFormCollection form)
    {
        string Field(string name) => form[name].ToString().Trim();
        return new CommentForm(Field("post"), Field("parent"), Field("name"), Field("email"), Field("website"),
            form["body"].ToString().Replace("\r\n", "\n").Trim(), Field("token"), Field(TrapField)) { Subscribe = Field("subscribe").Length > 0 };
    }

    /// <summary>"Email me replies" was ticked.</summary>
    public bool Subscribe { get; init; }

    /// <summary>The parent comment's id, or null for a top-level comment.</summary>
    public long? ParentId => long.TryParse(Parent, out var id) && id > 0 ? id : null;

    /// <summary>The email as stored and compared: lower case.</summary>
    public string NormalEmail => Email.ToLowerInvariant();

    /// <summary>Each wrong field with what to do about it, by field name; empty when all are good.</summary>
    public ImmutableDictionary<string, string> Problems(CommentSettings settings)
    {
        var problems = ImmutableDictionary.CreateBuilder<string, string>();
        if (Name.Length == 0) problems["name"] = "Please give your name.";
        else if (Name.Length > MaxName || Name.Any(char.IsControl)) problems["name"] = $"Your name must be one line of at most {MaxName} characters.";
        if (Email.Length == 0) problems["email"] = "Please give your email address (it is never published).";
        else if (!IsEmail(Email)) problems["email"] = "This does not look like an email address, such as ada@example.org.";
        if (Website.Length > 0 && (Website.Length > MaxWebsite || Website.Any(char.IsControl)
            || !Uri.TryCreate(Website, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https") || site.Host.Length == 0))
            problems["website"] = $"Your website must be an address starting with https:// or http:// (at most {MaxWebsite} characters).";
        if (Body.Length == 0) problems["body"] = "Please write a comment.";
        else if (Body.Length > settings.MaxLength) problems["body"] = $"Your comment has {Body.Length} characters; at most {settings.MaxLength} fit.";
        else if (CommentText.CountLinks(Body) > settings.MaxLinks)
            problems["body"] = settings.MaxLinks == 0 ? "Links are not allowed in comments here." : $"At most {settings.MaxLinks} links fit in a comment.";
        if (Parent.Length > 0 && ParentId is null) problems["parent"] = "The comment you reply to is unknown.";
        return problems.ToImmutable();
    }

    /// <summary>True for one plain address (ada@example.org) of at most <see cref="MaxEmail"/> characters.</summary>
    public static bool IsEmail(string text) => text.Length <= MaxEmail && EmailShape().IsMatch(text);

    // One address, no display name, no list: nothing that could carry a second address or a line break into a mail header.
    [GeneratedRegex(@"^[^@\s<>()\[\]"",;:\\]+@[^@\s<>()\[\]"",;:\\]+\.[^@\s<>()\[\]"",;:\\.]+$")]
    private static partial Regex EmailShape();
}
