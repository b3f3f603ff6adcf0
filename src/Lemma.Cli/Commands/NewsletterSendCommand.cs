using System.CommandLine;
using System.Globalization;
using Lemma.Configuration;
using Lemma.Model;
using Lemma.Newsletter;
using Lemma.Server.Comments;
using Lemma.Server.Mail;
using Lemma.Server.Newsletter;
using Lemma.Server.Storage;
using MimeKit;
using Spectre.Console;

namespace Lemma.Cli.Commands;

/// <summary>
/// `lemma newsletter send POST`: the post's email to every confirmed subscriber, through the site's SMTP server. The
/// issue and one row per subscriber are stored first (so a crash resumes, and skips no one), then sent, and the
/// outcome shown as a table. `--dry-run` only counts; `--test ADDRESS` sends one copy, its subject marked "[Test] ",
/// and stores nothing. newsletter: concurrency, rate and bounce_after set how it sends (<see cref="SenderSettings.From"/>).
/// </summary>
public static class NewsletterSendCommand
{
    public static Command Create(CliConsole console)
    {
        var source = SiteOptions.Source();
        var post = new Argument<string>("post") { Description = "The post: its source path (content/posts/a.md) or its URL (/posts/a/)." };
        var test = new Option<string?>("--test") { Description = "Send one copy to this address only; no subscriber gets it and nothing is stored." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say how many subscribers would get it, and the subject; send nothing." };
        var again = new Option<bool>("--again") { Description = "Send a post that was sent already, as a new issue, to every confirmed subscriber." };
        var command = new Command("send", "Send a post as an email to every confirmed subscriber.") { post, source, test, dryRun, again };
        command.SetAction(async (parse, cancel) =>
        {
            var root = parse.GetValue(source)!.FullName;
            if (!Directory.Exists(root))
            {
                console.Error.WriteLine($"lemma: no such folder: {root}");
                return LemmaApp.UsageErrors;
            }
            var testAddress = parse.GetValue(test);
            var named = NewsletterPreviewCommand.Named(root, parse.GetValue(post)!);
            // Subscribers get only what readers can see; a test copy may be of a draft.
            var draft = testAddress is not null;
            var result = PostIssues.Email(root, named, unpublished: draft, TimeProvider.System);
            Report.Diagnostics(console, result.Diagnostics);
            if (result.Post is null && !result.Diagnostics.Any(d => d.IsError))
            {
                console.Error.WriteLine($"lemma: no {(draft ? "" : "published ")}post of this site has the source path or URL {named}");
                return LemmaApp.UsageErrors;
            }
            if (result.Email is not { } email || result.Post is not { } path) return LemmaApp.ContentErrors;

            var config = ConfigLoader.Load(root).Config;
            using var database = await Database.Open(config.Comments.Database, root);
            if (parse.GetValue(dryRun)) return await DryRun(console, database, path, email);

            var from = config.Smtp.From.Length > 0 ? config.Smtp.From : config.Author.Email.Length > 0 ? config.Author.Email : "lemma@localhost";
            var target = SmtpTarget.Find(config.Smtp, Environment.GetEnvironmentVariable, from, out var problem);
            if (target is null)
            {
                console.Error.WriteLine($"lemma: {problem ?? $"no SMTP server is set (site.yaml's smtp:, or {SmtpTarget.UrlVariable})"}; nothing sent");
                return LemmaApp.UsageErrors;
            }
            var links = new SubscriberLinks(await SiteSecret.Load(database), CommentService.ReplyAddress(config));
            await using var transport = new PooledSmtpTransport(target);
            // Unsubscribe links lead to the server's endpoints, as in the server's own mail: comments.server for a site hosted elsewhere.
            var linkBase = config.Comments.Server.Length > 0 ? config.Comments.Server : config.BaseUrl;
            var sender = new IssueSender(database, transport, links, linkBase, TimeProvider.System, SenderSettings.From(config.Newsletter));
            if (testAddress is not null) return await Test(console, sender, target, email, testAddress, cancel);
            return await Send(console, database, sender, path, email, PostIssues.MessageIdHost(target.From, config.BaseUrl), parse.GetValue(again), cancel);
        });
        return command;
    }

    private static async Task<int> DryRun(CliConsole console, Database database, string path, PostEmail email)
    {
        var (confirmed, before) = await database.Run(sql => (
            sql.Single<long>("SELECT COUNT(*) FROM subscribers WHERE state = 'confirmed'"), IssueQueue.OfPost(sql, path)));
        console.Out.WriteLine($"would send \"{email.Subject}\" to {confirmed} confirmed subscriber{(confirmed == 1 ? "" : "s")}; nothing sent (dry run)");
        if (before.Count > 0) console.Out.WriteLine($"{path} was sent already ({When(before[^1].Created)}): sending it again needs --again");
        return LemmaApp.Ok;
    }

    private static async Task<int> Test(CliConsole console, IssueSender sender, SmtpTarget target, PostEmail email, string address, CancellationToken cancel)
    {
        // A subscriber that is no row: the copy's unsubscribe link has the shape of the real ones and unsubscribes no one.
        // The subject says it is a test, so a copy forwarded or kept is not taken for the issue.
        var issue = new Issue { Subject = "[Test] " + email.Subject, Html = email.Html, Text = email.Text };
        try { await new SmtpTransport(target).Send(sender.Message(issue, new Subscriber { Email = address }, null), cancel); }
        // Whatever stopped it (a refused address, a login, TLS, a server that is down) is the writer's to read, not a crash.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.Error.WriteLine($"lemma: the test copy to {address} was not sent through {target}: {e.Message}");
            return LemmaApp.ContentErrors;
        }
        console.Out.WriteLine($"sent a test copy of \"{email.Subject}\" to {address} through {target}; no subscriber got it");
        return LemmaApp.Ok;
    }

    private static async Task<int> Send(CliConsole console, Database database, IssueSender sender, string path, PostEmail email, string host, bool again, CancellationToken cancel)
    {
        var before = await database.Run(sql => IssueQueue.OfPost(sql, path));
        long issue;
        if (before.Count > 0 && !again)
        {
            var last = before[^1];
            var counts = await database.Run(sql => IssueQueue.Counts(sql, last.Id));
            if (counts.Waiting + counts.Deferred == 0)
            {
                console.Error.WriteLine($"lemma: {path} was sent already ({When(last.Created)}, to {counts.Total} subscriber{(counts.Total == 1 ? "" : "s")}); "
                    + "nothing sent. To send it again to every confirmed subscriber, add --again");
                return LemmaApp.UsageErrors;
            }
            // An issue a crash or the mail server interrupted: finish it rather than start another.
            console.Out.WriteLine($"resuming the issue of {When(last.Created)}: {counts.Waiting} waiting, {counts.Deferred} deferred");
            issue = last.Id;
        }
        else
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            // A server sending the same post on its own may have made the issue since: then this resumes it.
            issue = await database.Run(sql => again ? IssueQueue.Create(sql, path, email.Subject, email.Html, email.Text, host, now)
                : PostIssues.CreateOnce(sql, path, email, host, now) ?? IssueQueue.OfPost(sql, path)[^1].Id);
        }
        var result = await Run(console, sender, issue, cancel);
        Table(console, email.Subject, result);
        if (result.Deferred > 0 && await database.Run(sql => IssueQueue.NextDue(sql, issue, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())) is { } wait)
            console.Out.WriteLine($"{result.Deferred} deferred by the mail server: run `lemma newsletter send {path}` again in {TimeSpan.FromMilliseconds(wait):h\\:mm\\:ss} or later to retry them");
        return result.Failed + result.Bounced > 0 ? LemmaApp.ContentErrors : LemmaApp.Ok;
    }

    private static async Task<DeliveryCounts> Run(CliConsole console, IssueSender sender, long issue, CancellationToken cancel)
    {
        if (!console.IsInteractive) return await sender.Run(issue, cancel: cancel);
        DeliveryCounts? result = null;
        await AnsiConsole.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask("sending");
                result = await sender.Run(issue, new Progress<DeliveryCounts>(c =>
                {
                    bar.MaxValue = System.Math.Max(1, c.Total);
                    bar.Value = c.Total - c.Waiting;
                }), cancel);
                bar.Value = bar.MaxValue;
            });
        return result!;
    }

    private static void Table(CliConsole console, string subject, DeliveryCounts counts)
    {
        var output = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = console.IsInteractive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = console.IsInteractive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        var table = new Table().Title(Markup.Escape($"\"{subject}\"")).AddColumn("state").AddColumn(new TableColumn("messages").RightAligned());
        foreach (var (state, count) in new[] { ("sent", counts.Sent), ("deferred", counts.Deferred), ("bounced", counts.Bounced), ("failed", counts.Failed), ("waiting", counts.Waiting) })
            if (state != "waiting" || count > 0) table.AddRow(state, count.ToString(CultureInfo.InvariantCulture));
        output.Write(table);
    }

    private static string When(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
