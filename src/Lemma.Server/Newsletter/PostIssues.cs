using System.Collections.Immutable;
using Lemma.Build;
using Lemma.Incremental;
using Lemma.Model;
using Lemma.Newsletter;
using Lemma.Server.Storage;
using MimeKit;

namespace Lemma.Server.Newsletter;

/// <summary>A post whose front matter says <c>newsletter: true</c>, as a build sees it: its source path, its publish
/// moment (null when it has no date), when it expires, and whether the build published it (listed, not in the future, not expired).</summary>
public sealed record MarkedPost(string Path, DateTimeOffset? Publish, DateTimeOffset? Expiry, bool Live);

/// <summary>
/// The issue of a post, made the same way by `lemma newsletter send` and by the server that sends on its own: the email
/// of the post as readers see it (published posts only, links at the config's base URL), stored with one queued delivery
/// per confirmed subscriber.
/// </summary>
public static class PostIssues
{
    /// <summary>The posts marked <c>newsletter: true</c> that are neither drafts nor in progress, read from a build's store.</summary>
    public static readonly Query<string, ImmutableArray<MarkedPost>> Marked = new("newsletter marked posts", (q, _) =>
    {
        var live = q.Get(SiteQueries.Layout, "").Site.Pages.Select(p => p.Source.Path).ToHashSet(StringComparer.Ordinal);
        var marked = ImmutableArray.CreateBuilder<MarkedPost>();
        foreach (var path in q.Get(SiteQueries.Files, FileGroup.Content))
            if (q.Get(SiteQueries.Page, path) is { Kind: PageKind.Post, Draft: false, InProgress: false } page
                && page.FrontMatter.Raw.TryGetValue("newsletter", out var flag) && flag is true)
                marked.Add(new MarkedPost(path, SiteModeler.PublishDate(page.Source), page.FrontMatter.ExpiryDate, live.Contains(path)));
        return marked.ToImmutable();
    });

    /// <summary>The email of <paramref name="post"/> (its source path or URL) made from the site's files as subscribers get
    /// it; with <paramref name="unpublished"/>, of a draft or a post dated ahead too (a test copy).</summary>
    public static EmailResult Email(string root, string post, bool unpublished, TimeProvider clock) =>
        NewsletterQueries.Make(new BuildOptions
        {
            Source = root, Output = Path.Combine(root, "public"), Emit = false, Drafts = unpublished, Future = unpublished, Clock = clock,
        }, post);

    /// <summary>The right side of the issue's Message-IDs: the sending domain, else the site's host.</summary>
    public static string MessageIdHost(string from, string baseUrl) =>
        MailboxAddress.TryParse(from, out var mailbox) && mailbox.Domain.Length > 0 ? mailbox.Domain : new Uri(baseUrl).Host;

    /// <summary>Stores the issue of <paramref name="post"/> unless one exists already; returns its id, or null when there
    /// was one. One piece of work: the store runs it alone (SQLite's write lock, PostgreSQL's advisory lock), so two
    /// servers sharing a store cannot both make it.</summary>
    public static long? CreateOnce(Sql sql, string post, PostEmail email, string host, long now) =>
        IssueQueue.OfPost(sql, post).Count > 0 ? null : IssueQueue.Create(sql, post, email.Subject, email.Html, email.Text, host, now);
}
