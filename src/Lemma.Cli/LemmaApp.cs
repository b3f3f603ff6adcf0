using System.Reflection;
using System.CommandLine;
using Lemma.Cli.Commands;

namespace Lemma.Cli;

/// <summary>The command tree. <see cref="Run"/> is what Program calls and what tests call in-process.</summary>
public static class LemmaApp
{
    public const int Ok = 0;
    public const int ContentErrors = 1;
    public const int UsageErrors = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        var console = new CliConsole(output, error) { In = input ?? Console.In };
        var root = new RootCommand("Lemma: a publishing engine for technical writing (code, math, notebooks).")
        {
            NewCommand.Create(console),
            BuildCommand.Create(console),
            CheckCommand.Create(console),
            ServeCommand.Create(console),
            AdminCommand.Create(console),
            CommentsCommand.Create(console),
            NewsletterCommand.Create(console),
        };
        // --version says which Lemma this is, with the commit it was built from, whatever program hosts the command:
        // System.CommandLine's own prints the entry assembly's (a test runner's, in-process).
        foreach (var option in root.Options)
            if (option is VersionOption version) version.Action = new PrintVersion();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) error.WriteLine($"lemma: {e.Message}");
            error.WriteLine("Run 'lemma --help' for usage.");
            return UsageErrors;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}

/// <summary>Lemma.Cli's informational version: 0.1.0+ and the commit, when built in a git checkout.</summary>
internal sealed class PrintVersion : System.CommandLine.Invocation.SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var version = typeof(LemmaApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        parseResult.InvocationConfiguration.Output.WriteLine(version);
        return LemmaApp.Ok;
    }
}

/// <summary>Where a command writes: the real console, or a test's writers.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>Where a command reads what the user types (a password).</summary>
    public TextReader In { get; init; } = Console.In;

    /// <summary>A progress bar only makes sense on a terminal that is really the console.</summary>
    public bool IsInteractive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;
}
