using System.Net;
using System.Security.Cryptography;
using System.Text;
using Lemma.Configuration;
using Lemma.Server.Admin;
using Lemma.Server.Hosting;
using Lemma.Server.Mail;
using Lemma.Server.Newsletter;
using Lemma.Server.Storage;

namespace Lemma.Server.Comments;

/// <summary>
/// Comments of one served site: its settings (read from site.yaml when the server starts), the database, the form
/// tokens, the renderer, the spam checks, the writer's notifications and the mail sender. Opened once per server.
/// </summary>
public sealed class CommentService : IAsyncDisposable
{
    /// <summary>How long a comment keeps its sender's address hash: the privacy promise of docs/comments.md.</summary>
    public static readonly TimeSpan AddressLifetime = TimeSpan.FromDays(30);
    private readonly Database database;
    private readonly CancellationTokenSource stop = new();
    private Task upkeep = Task.CompletedTask;

    private CommentService(SiteConfig config, Database database, SiteSecret secret, MailSender sender, TimeProvider clock, Func<string> baseUrl, SmtpTarget? target)
    {
        Config = config;
        this.database = database;
        Target = target;
        Secret = secret;
        Store = new CommentStore(database, clock);
        Json = new ApprovedJson(Store, clock);
        Subscriptions = new Subscriptions(database, secret, clock, ReplyAddress(config));
        Subscribers = new SubscriberStore(database, clock);
        SubscriberLinks = new SubscriberLinks(secret, ReplyAddress(config));
        Admin = new AdminSessions(database, clock);
        Tokens = new FormToken(secret, clock);
        Spam = new SpamCheck(config.Comments);
        Notification = new Notification(secret);
        Sender = sender;
        BaseUrl = baseUrl;
        Clock = clock;
    }

    public SiteConfig Config { get; }
    public CommentSettings Settings => Config.Comments;
    public CommentStore Store { get; }
    public ApprovedJson Json { get; }
    public Subscriptions Subscriptions { get; }
    /// <summary>The newsletter's subscribers (kept in the same store, whether comments are on or not).</summary>
    public SubscriberStore Subscribers { get; }
    public SubscriberLinks SubscriberLinks { get; }

    /// <summary>After a comment became shown: mails it to the post's confirmed subscribers (its author aside).</summary>
    public async Task Shown(StoredComment comment)
    {
        if (await Subscriptions.Notify(comment, Mail()) > 0) Sender.Wake();
    }
    public AdminSessions Admin { get; }
    public FormToken Tokens { get; }
    public CommentText Text { get; } = new();
    public SpamCheck Spam { get; }
    public Notification Notification { get; }
    public MailSender Sender { get; }
    /// <summary>The SMTP server mail goes to; null: mail is printed instead (no SMTP set).</summary>
    public SmtpTarget? Target { get; }
    /// <summary>The store, for the newsletter's sender.</summary>
    internal Database Database => database;
    public SiteSecret Secret { get; }
    public TimeProvider Clock { get; }
    /// <summary>The site's address for links in mail: the config's base URL in production, the server's own in preview.</summary>
    public Func<string> BaseUrl { get; }

    /// <summary>The site's own address for a reply mail's mailto stop (smtp.from, else the author's email); empty when it has none.</summary>
    public static string ReplyAddress(SiteConfig config)
    {
        var from = config.Smtp.From.Length > 0 ? config.Smtp.From : config.Author.Email;
        return MimeKit.MailboxAddress.TryParse(from, out var mailbox) && CommentForm.IsEmail(mailbox.Address) ? mailbox.Address : "";
    }

    /// <summary>Where readers see <paramref name="post"/> (a URL path): the same path on this server, or, for a site hosted
    /// elsewhere (comments.server set), that page at the site's base URL.</summary>
    public string PostUrl(string post) => Settings.Server.Length > 0 ? Config.BaseUrl.TrimEnd('/') + post : post;

    /// <summary>What mail links to now: this server's pages, and the posts where readers see them.</summary>
    public MailSite Mail() => new(Config.Title, BaseUrl(), Settings.Server.Length > 0 ? Config.BaseUrl : BaseUrl());

    /// <summary>One line for the console of `lemma serve`: where comments are kept and where their mail goes.</summary>
    public string Status { get; private set; } = "";

    /// <summary>Where the writer's notifications go: comments.notify, else the author's email; empty: nowhere.</summary>
    public string NotifyAddress => Settings.Notify.Length > 0 ? Settings.Notify : Config.Author.Email;

    public static async Task<CommentService> Open(ServerOptions options, SiteConfig config, Func<string> baseUrl)
    {
        var database = await Database.Open(config.Comments.Database, options.Source);
        var secret = await SiteSecret.Load(database);
        var from = config.Smtp.From.Length > 0 ? config.Smtp.From : config.Author.Email.Length > 0 ? config.Author.Email : "lemma@localhost";
        // A DKIM key that is set but unreadable stops the start (unsigned mail may be refused), even while mail is only printed.
        try { DkimSigning.Load(config.Smtp.Dkim, options.Environment); }
        catch
        {
            database.Dispose();
            throw;
        }
        var target = SmtpTarget.Find(config.Smtp, options.Environment, from, out var problem);
        if (problem is not null) options.MailLog.WriteLine($"lemma: {problem}; mail is printed instead of sent");
        IMailTransport transport = target is null ? new PrintedTransport(options.MailLog) : new SmtpTransport(target);
        var sender = new MailSender(database, transport, options.Clock, options.MailRetry);
        var service = new CommentService(config, database, secret, sender, options.Clock, baseUrl, target);
        var to = service.NotifyAddress.Length > 0 ? $"notifications to {service.NotifyAddress}" : "no notifications (set comments.notify or author.email)";
        var on = config.Comments.Enabled
            ? $"comments on ({config.Comments.Database}, moderation: {config.Comments.Moderation.ToString().ToLowerInvariant()}){(config.Newsletter.Enabled ? " and newsletter on" : "")}"
            : $"newsletter on ({config.Comments.Database})";
        service.Status = $"{on}; {to}, "
            + (target is null ? "printed here (no SMTP set)" : $"sent through {target}")
            + (target?.Signer is { } dkim ? $", signed with DKIM ({dkim.Selector}._domainkey.{dkim.Domain})" : "");
        await service.Forget();
        sender.Start();
        service.upkeep = Task.Run(service.Upkeep);
        return service;
    }

    /// <summary>Once an hour: forget the address hashes and the sent mail that are 30 days old.</summary>
    private async Task Upkeep()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token)) await Forget();
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    /// <summary>
    /// The reader's address: the connection's, or, when the connection comes from this machine (a reverse proxy in
    /// front of `lemma serve`), the last address of X-Forwarded-For, the one the proxy itself added. A client cannot
    /// choose it: from elsewhere the header is ignored, and a proxy appends the real peer after whatever was sent.
    /// </summary>
    public static IPAddress? ClientAddress(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is null || !IPAddress.IsLoopback(peer)) return peer;
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length == 0) return peer;
        var last = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
        return IPAddress.TryParse(last, out var address) ? address : peer;
    }

    /// <summary>The salted hash kept instead of a reader's address (IPv6: its /64, which one household holds).</summary>
    public string AddressHash(IPAddress? address)
    {
        var bytes = address?.MapToIPv6().GetAddressBytes() ?? [];
        if (bytes.Length == 16 && !(address!.IsIPv4MappedToIPv6 || address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
            bytes = bytes[..8];
        return Secret.Sign("address", Convert.ToHexString(bytes))[..22];
    }

    private async Task Forget()
    {
        await Store.ForgetAddresses(AddressLifetime);
        await Subscribers.Forget(AddressLifetime);
        var before = (Clock.GetUtcNow() - AddressLifetime).ToUnixTimeMilliseconds();
        await database.Run(sql => Outbox.Forget(sql, before));
    }

    /// <summary>What makes two comments the same: the body without case and spacing differences.</summary>
    public static string BodyHash(string body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', body.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))));

    /// <summary>True when <paramref name="post"/> (a URL path) is a page of the current site with a comments section.</summary>
    public static bool TakesComments(SiteSnapshot snapshot, string post)
    {
        if (!post.StartsWith('/') || post.StartsWith("//", StringComparison.Ordinal) || post.Contains('\\') || post.Contains("..", StringComparison.Ordinal)
            || !post.EndsWith('/'))
            return false;
        return snapshot.Files.TryGetValue(post[1..] + "index.html", out var page) && page.IsHtml
            && page.Bytes.AsSpan().IndexOf("id=\"comments\""u8) >= 0;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await upkeep;
        await Sender.DisposeAsync();
        database.Dispose();
        stop.Dispose();
    }
}
