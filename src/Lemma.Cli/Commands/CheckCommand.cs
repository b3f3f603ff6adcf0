using System.CommandLine;
using Lemma.Build;
using Lemma.Checks;
using Lemma.Model;

namespace Lemma.Cli.Commands;

/// <summary>`lemma check`: a build without output, plus the site checks (links, anchors, images, titles); fails on any
/// error or warning, as `build --strict` does.</summary>
public static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var source = SiteOptions.Source();
        var drafts = SiteOptions.Drafts();
        var verbose = SiteOptions.Verbose();
        var command = new Command("check", "Find broken links and anchors, missing images, duplicate titles and content errors.") { source, drafts, verbose };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(source)!.FullName;
            if (!Directory.Exists(root))
            {
                console.Error.WriteLine($"lemma: no such folder: {root}");
                return LemmaApp.UsageErrors;
            }
            var result = SiteChecker.Run(new BuildOptions
            {
                Source = root,
                Output = Path.Combine(Path.GetTempPath(), "lemma-check-unused"),
                Drafts = parse.GetValue(drafts),
            });
            Report.Diagnostics(console, result.Diagnostics, parse.GetValue(verbose));
            var errors = result.Diagnostics.Count(d => d.IsError);
            console.Out.WriteLine($"checked {result.Pages} pages: {errors} errors, {result.Diagnostics.Length - errors} warnings");
            // A check is strict: what a build only warns about (a formula, a shortcode or a link Lemma cannot read) fails it.
            return result.Diagnostics.Length > 0 ? LemmaApp.ContentErrors : LemmaApp.Ok;
        });
        return command;
    }
}
