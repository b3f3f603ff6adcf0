using System.CommandLine;
using System.Text;
using Lemma.Configuration;
using Lemma.Server.Admin;

namespace Lemma.Cli.Commands;

/// <summary>`lemma admin set-password`: the password of the admin page of `lemma serve`, kept as a salted hash in the
/// site's comment database.</summary>
public static class AdminCommand
{
    public static Command Create(CliConsole console)
    {
        var source = SiteOptions.Source();
        var setPassword = new Command("set-password", $"Set the admin page's password (at least {AdminPassword.MinLength} characters), typed twice or read from standard input; ends every admin session.") { source };
        setPassword.SetAction(async (parse, cancel) =>
        {
            var root = parse.GetValue(source)!.FullName;
            if (!Directory.Exists(root))
            {
                console.Error.WriteLine($"lemma: no such folder: {root}");
                return LemmaApp.UsageErrors;
            }
            var password = ReadPassword(console);
            if (password is null) return LemmaApp.UsageErrors;
            if (password.Length < AdminPassword.MinLength)
            {
                console.Error.WriteLine($"lemma: the password must have at least {AdminPassword.MinLength} characters");
                return LemmaApp.UsageErrors;
            }
            var database = ConfigLoader.Load(root).Config.Comments.Database;
            await AdminPassword.Set(database, root, password);
            var where = CommentSettings.IsConnectionString(database) ? "the PostgreSQL database" : Path.GetRelativePath(root, Path.GetFullPath(Path.Combine(root, database)));
            console.Out.WriteLine($"admin password set in {where}; log in at /_lemma/admin");
            return LemmaApp.Ok;
        });
        return new Command("admin", "Administer the server's admin page.") { setPassword };
    }

    /// <summary>On a terminal: typed twice without echo. Otherwise (a pipe, a test): the first line of standard input.</summary>
    private static string? ReadPassword(CliConsole console)
    {
        if (!ReferenceEquals(console.In, Console.In) || Console.IsInputRedirected)
        {
            var line = console.In.ReadLine();
            if (line is null) console.Error.WriteLine("lemma: no password on standard input");
            return line;
        }
        var first = Hidden(console, "New admin password: ");
        var second = Hidden(console, "Again: ");
        if (first == second) return first;
        console.Error.WriteLine("lemma: the two passwords differ");
        return null;
    }

    private static string Hidden(CliConsole console, string prompt)
    {
        console.Out.Write(prompt);
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        console.Out.WriteLine();
        return typed.ToString();
    }
}
