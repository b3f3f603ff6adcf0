using System.CommandLine;
using Lemma.Build;
using Lemma.Model;
using Spectre.Console;

namespace Lemma.Cli.Commands;

/// <summary>`lemma build`: the static site into public/ (or --out), with a summary line.</summary>
public static class BuildCommand
{
    public static Command Create(CliConsole console)
    {
        var source = SiteOptions.Source();
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Output folder (default: public/ in the site)." };
        var drafts = SiteOptions.Drafts();
        var future = SiteOptions.Future();
        var baseUrl = SiteOptions.BaseUrl();
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors." };
        var timings = new Option<bool>("--timings") { Description = "Print how long each stage took." };
        var verbose = SiteOptions.Verbose();
        var command = new Command("build", "Build the site into static files.") { source, output, drafts, future, baseUrl, strict, timings, verbose };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(source)!.FullName;
            var options = new BuildOptions
            {
                Source = root,
                Output = parse.GetValue(output)?.FullName ?? Path.Combine(root, "public"),
                Drafts = parse.GetValue(drafts),
                Future = parse.GetValue(future),
                BaseUrl = parse.GetValue(baseUrl),
                Strict = parse.GetValue(strict),
            };
            return Execute(console, options, parse.GetValue(timings), parse.GetValue(verbose));
        });
        return command;
    }

    public static int Execute(CliConsole console, BuildOptions options, bool timings = false, bool verbose = false)
    {
        if (!Directory.Exists(options.Source))
        {
            console.Error.WriteLine($"lemma: no such folder: {options.Source}");
            return LemmaApp.UsageErrors;
        }
        if (OutputFolder.Refusal(options.Source, options.Output) is { } refusal)
        {
            console.Error.WriteLine($"lemma: cannot build into {options.Output}: it {refusal}");
            return LemmaApp.UsageErrors;
        }
        BuildResult result;
        try
        {
            result = console.IsInteractive ? BuildWithProgress(options) : SiteBuilder.Run(options);
        }
        catch (Exception e) when (OutputFolder.Failure(e) is { } failure)
        {
            // Staging is gone with the build; the output is as it was unless the failure came in the middle of emit.
            console.Error.WriteLine($"lemma: cannot write output: {failure.Message}");
            return LemmaApp.ContentErrors;
        }
        Report.Diagnostics(console, result.Diagnostics, verbose);
        if (timings) Report.Timings(console, result);
        Report.Summary(console, result);
        return result.Succeeded ? LemmaApp.Ok : LemmaApp.ContentErrors;
    }

    private static BuildResult BuildWithProgress(BuildOptions options)
    {
        BuildResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("build", maxValue: Stages.Length);
                result = SiteBuilder.Run(options, new SynchronousProgress(stage =>
                {
                    task.Description = stage;
                    task.Value = System.Math.Max(task.Value, Array.IndexOf(Stages, stage) + 1);
                }));
                task.Value = Stages.Length;
            });
        return result!;
    }

    private static readonly string[] Stages =
        ["config", "discover", "load", "data", "model", "setup", "render content", "templates", "render pages", "emit"];

    /// <summary>Reports on the calling thread, unlike Progress&lt;T&gt;, so the bar moves while the build runs.</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
