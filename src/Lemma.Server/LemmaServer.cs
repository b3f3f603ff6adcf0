using Lemma.Configuration;
using Lemma.Server.Admin;
using Lemma.Server.Comments;
using Lemma.Server.Hosting;
using Lemma.Server.Search;
using Lemma.Server.Newsletter;
using Lemma.Server.Preview;
using Lemma.Server.Publishing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lemma.Server;

/// <summary>
/// `lemma serve`: builds the site into memory and serves it with Kestrel. In preview, drafts and future posts are
/// shown with a badge, a watcher rebuilds on every save and the browser follows; in production, none of that, and
/// the headers real readers need.
/// </summary>
public sealed class LemmaServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private SourceWatcher? watcher;
    private IssueDispatch? dispatch;
    private readonly Task<CommentService>? comments;

    private LemmaServer(WebApplication app, SiteHost host, ServerOptions options, Task<CommentService>? comments)
    {
        this.app = app;
        Host = host;
        Options = options;
        this.comments = comments;
    }

    public SiteHost Host { get; }
    public ServerOptions Options { get; }

    /// <summary>The address the server listens on, e.g. http://127.0.0.1:1313/ (with the real port when 0 was asked).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Raised after each rebuild the watcher started (null when nothing changed).</summary>
    public event Action<SiteEvent?>? Rebuilt;

    public static LemmaServer Create(ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.AddServerHeader = false);
        builder.AddConnectionLimits(options);
        if (options.Production) RunRequestsOnSocketThreads(builder);
        builder.WebHost.UseUrls($"http://{(options.Bind.Contains(':') ? "[" + options.Bind + "]" : options.Bind)}:{options.Port}");
        builder.Services.AddRouting();
        var app = builder.Build();
        var host = new SiteHost(options);
        app.UseHostFilter(options);
        if (!options.Production)
        {
            app.MapLiveReload(host);
            app.MapNewsletterPreview(host);
        }
        // Comments and the newsletter are set when the server starts: a change to site.yaml's comments:, newsletter: or smtp: needs a restart.
        var config = ConfigLoader.Load(options.Source).Config;
        Task<CommentService>? comments = null;
        // The newsletter's subscribers live in the same store, with the same mail, secret and admin login as comments.
        if (config.Comments.Enabled || config.Newsletter.Enabled)
        {
            // Links in mail lead to this server's endpoints: for a site hosted elsewhere that is comments.server, not the site.
            var mailBase = config.Comments.Server.Length > 0 ? config.Comments.Server : config.BaseUrl;
            comments = CommentService.Open(options, config, () => options.Production ? mailBase : host.BaseUrl);
            if (config.Comments.Enabled) app.MapComments(comments, host);
            else app.MapErasure(comments);
            app.MapAdmin(comments);
        }
        if (config.Newsletter.Enabled && comments is not null)
        {
            app.MapNewsletter(comments);
            app.MapSubscriberAdmin(comments);
        }
        if (options.Production && config.Search) app.MapSearch(host, Output.ContentSecurityPolicy.HeaderWith(config.PolicySources));
        app.MapSiteFiles(host, options.Production, options.Production ? null : LiveReload.Inject, Output.ContentSecurityPolicy.HeaderWith(config.PolicySources));
        return new LemmaServer(app, host, options, comments);
    }

    /// <summary>The site's comments (approved ones for pages, their counts, and a signal when they change), or null when
    /// site.yaml does not turn comments on (the newsletter alone opens the store, not the comments). Read it after <see cref="StartAsync"/>, which has opened the database.</summary>
    public IApprovedComments? Comments => comments?.GetAwaiter().GetResult() is { Settings.Enabled: true } service ? service.Store : null;

    /// <summary>Where comments and subscribers are kept and where their mail goes, for the console; null when both are off.</summary>
    public string? CommentsStatus => CommentService?.Status;

    /// <summary>The comment service, once opened; null when comments are off.</summary>
    internal CommentService? CommentService => comments?.GetAwaiter().GetResult();

    /// <summary>
    /// A production request is a lookup and a copy of bytes already in memory, so it runs where its socket's data
    /// arrived instead of hopping through the thread pool twice: on a small machine the hops, not the work, bounded
    /// throughput (measured with bench/serve_throughput.sh). Nothing in that path may block; the preview's event
    /// stream and rebuilds keep the default scheduling. The runtime's own half of this, inline socket completions, is a
    /// process setting: the `lemma` command sets it at start-up (a library call changes no global state).
    /// </summary>
    private static void RunRequestsOnSocketThreads(WebApplicationBuilder builder)
    {
        builder.WebHost.UseSockets(sockets =>
        {
            sockets.UnsafePreferInlineScheduling = true;
            // A keep-alive connection holds a receive buffer while idle, instead of a zero-byte read on every request.
            sockets.WaitForDataBeforeAllocatingBuffer = false;
        });
    }

    /// <summary>Starts listening, builds the site with the real address as base URL, then starts watching.</summary>
    public async Task StartAsync(CancellationToken cancel = default)
    {
        // A comment database that cannot be opened (or is newer than this lemma) stops the start, with its reason.
        if (comments is not null)
        {
            CommentService service;
            try { service = await comments; }
            catch (Exception e) when (e is not (OperationCanceledException or Mail.MailSetupException))
            {
                throw new InvalidOperationException($"comments: cannot open the database {ConfigLoader.Load(Options.Source).Config.Comments.Database}: {e.Message}", e);
            }
            // The store is open for the newsletter alone too: comments kept from when they were on stay off the pages.
            if (service.Settings.Enabled) await new CommentPublishing(Host, service.Store).LoadAll();
        }
        await app.StartAsync(cancel);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.EndsWith('/') ? address : address + "/");
        Host.BaseUrl = Address.ToString();
        Host.Rebuild();
        if (!Options.Production)
            watcher = new SourceWatcher(Options.Source, Options.Debounce, Host, e => Rebuilt?.Invoke(e));
        // Only for readers: the preview shows drafts and future posts, and never mails anyone.
        else if (CommentService is { Config.Newsletter.Enabled: true } service)
        {
            dispatch = new IssueDispatch(service, service.Database, Host, Options);
            dispatch.Start();
        }
    }

    /// <summary>The production server's newsletter work (posts that go out on their own, deferred mail); null in preview
    /// or when the newsletter is off.</summary>
    internal IssueDispatch? Dispatch => dispatch;

    public Task WaitForShutdownAsync(CancellationToken cancel = default) => app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        watcher?.Dispose();
        if (dispatch is not null) await dispatch.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        if (comments is { IsCompletedSuccessfully: true }) await comments.Result.DisposeAsync();
    }
}
