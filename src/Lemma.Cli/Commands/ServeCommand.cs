using System.CommandLine;
using System.Diagnostics;
using Lemma.Server;
using Lemma.Server.Preview;

namespace Lemma.Cli.Commands;

/// <summary>`lemma serve`: the site from memory, rebuilt on every save (or, with --production, for readers).</summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var source = SiteOptions.Source();
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 1313 };
        var bind = new Option<string>("--bind") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var production = new Option<bool>("--production") { Description = "Serve for readers: no drafts, no watcher, caching and security headers." };
        var maxConnections = new Option<int>("--max-connections") { Description = "Open connections at most (default 4096, and never more than 3/4 of the open-file limit).", DefaultValueFactory = _ => 4096 };
        var perClient = new Option<int?>("--max-connections-per-client") { Description = "Open connections from one address at most (default 256 in production, none in preview; 0: none). Behind a proxy, raise it or use 0." };
        var command = new Command("serve", "Serve the site with live reload (drafts shown), or for readers with --production.") { source, port, bind, production, maxConnections, perClient };
        command.SetAction(async (parse, cancel) =>
        {
            var root = parse.GetValue(source)!.FullName;
            if (!Directory.Exists(root))
            {
                console.Error.WriteLine($"lemma: no such folder: {root}");
                return LemmaApp.UsageErrors;
            }
            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                console.Error.WriteLine($"lemma: --port must be between 0 and 65535");
                return LemmaApp.UsageErrors;
            }
            if (parse.GetValue(maxConnections) < 1 || parse.GetValue(perClient) < 0)
            {
                console.Error.WriteLine("lemma: --max-connections must be at least 1 and --max-connections-per-client at least 0");
                return LemmaApp.UsageErrors;
            }
            var options = new ServerOptions
            {
                Source = root,
                Port = portValue,
                Bind = parse.GetValue(bind)!,
                Production = parse.GetValue(production),
                MaxConnections = parse.GetValue(maxConnections),
                MaxConnectionsPerClient = parse.GetValue(perClient),
                MailLog = console.Out,
            };
            await using var server = LemmaServer.Create(options);
            var clock = Stopwatch.StartNew();
            server.Rebuilt += e =>
            {
                var snapshot = server.Host.Current;
                foreach (var d in snapshot.Errors) console.Error.WriteLine(d.ToString());
                if (e is null) return;
                var timings = server.Host.LastTimings;
                var total = timings.Sum(t => t.Elapsed.TotalMilliseconds);
                var slowest = string.Join(", ", timings.OrderByDescending(t => t.Elapsed).Take(3).Select(t => $"{t.Stage} {t.Elapsed.TotalMilliseconds:0}"));
                var took = timings.IsEmpty ? "" : $" in {total:0} ms ({slowest})"; // a build that threw has no timings
                console.Out.WriteLine($"rebuilt ({e.Kind}) at {DateTime.Now:HH:mm:ss}{took}: {snapshot.Files.Count} files{(snapshot.Failed ? ", build failed: last good version kept" : "")}");
            };
            try
            {
                await server.StartAsync(cancel);
            }
            catch (IOException e)
            {
                console.Error.WriteLine($"lemma: cannot listen on {options.Bind}:{options.Port}: {e.Message}");
                return LemmaApp.UsageErrors;
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("comments:", StringComparison.Ordinal))
            {
                console.Error.WriteLine($"lemma: {e.Message}");
                return LemmaApp.UsageErrors;
            }
            catch (Lemma.Server.Mail.MailSetupException e)
            {
                console.Error.WriteLine(e.Message);
                return LemmaApp.UsageErrors;
            }
            foreach (var d in server.Host.Current.Errors) console.Error.WriteLine(d.ToString());
            if (HostFilter.NetworkWarning(options) is { } warning) console.Error.WriteLine("lemma: " + warning);
            if (server.CommentsStatus is { } comments) console.Out.WriteLine(comments);
            var mode = options.Production ? "production" : "preview: drafts shown, reloads on save";
            console.Out.WriteLine($"serving {server.Host.Current.Files.Count} files at {server.Address} ({mode}); started in {clock.Elapsed.TotalSeconds:0.00} s. Ctrl+C stops.");
            try { await Task.Delay(Timeout.Infinite, cancel); }
            catch (OperationCanceledException) { }
            return LemmaApp.Ok;
        });
        return command;
    }
}
