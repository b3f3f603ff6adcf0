using System.CommandLine;
using Lemma.Configuration;
using Lemma.Diagnostics;
using Lemma.Server.Newsletter;
using Lemma.Server.Storage;

namespace Lemma.Cli.Commands;

/// <summary>`lemma newsletter import FILE…`: subscribers from the CSV exports of Substack, Buttondown or Mailchimp, with the
/// state each service gave them, into the store `lemma serve` keeps them in. Every problem of every file is reported, and
/// nothing is stored unless there is none.</summary>
public static class NewsletterCommand
{
    public static Command Create(CliConsole console)
    {
        var source = SiteOptions.Source();
        var files = new Argument<string[]>("file") { Description = "CSV exports: Substack's, Buttondown's, or Mailchimp's (its subscribed, unsubscribed and cleaned files).", Arity = ArgumentArity.OneOrMore };
        var import = new Command("import", "Add the subscribers of CSV exports of Substack, Buttondown or Mailchimp, keeping whether each confirmed, unsubscribed or bounced.") { source, files };
        import.SetAction(async (parse, cancel) =>
        {
            var root = parse.GetValue(source)!.FullName;
            if (!Directory.Exists(root))
            {
                console.Error.WriteLine($"lemma: no such folder: {root}");
                return LemmaApp.UsageErrors;
            }
            var config = ConfigLoader.Load(root);
            var errors = config.Diagnostics.Where(d => d.IsError).ToList();
            var read = new List<ImportedSubscriber>();
            // Each file's problems carry its path as it was typed.
            foreach (var file in parse.GetValue(files)!)
            {
                if (!File.Exists(file)) { errors.Add(Diagnostic.Error(SourceSpan.File(file), "no such file")); continue; }
                var result = SubscriberImport.Read(file, await File.ReadAllTextAsync(file, cancel));
                errors.AddRange(result.Diagnostics);
                read.AddRange(result.Subscribers);
            }
            // The same address in two files (Mailchimp's): its later state wins only by the store's rule (leaving beats staying).
            foreach (var twice in read.GroupBy(s => s.Email).Where(g => g.Count() > 1 && g.Select(s => s.State).Distinct().Count() > 1))
                console.Error.WriteLine($"lemma: {twice.Key} is in more than one file; it is kept as {Subscriber.Text(twice.Max(s => s.State))}");
            if (errors.Count > 0)
            {
                Report.Diagnostics(console, errors);
                console.Error.WriteLine($"lemma: nothing imported: {errors.Count} error{(errors.Count == 1 ? "" : "s")}");
                return LemmaApp.ContentErrors;
            }
            using var database = await Database.Open(config.Config.Comments.Database, root);
            var count = await new SubscriberStore(database, TimeProvider.System).Import(read);
            var states = string.Join(", ", read.GroupBy(s => s.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Subscriber.Text(g.Key)}"));
            console.Out.WriteLine($"read {read.Count} subscribers ({states}); {count.Added} added"
                + (count.Kept > 0 ? $"; {count.Kept} already here, left as they were" : "")
                + (count.MarkedGone > 0 ? $"; {count.MarkedGone} already here, now marked unsubscribed or bounced as the file says" : ""));
            return LemmaApp.Ok;
        });
        return new Command("newsletter", "The newsletter: import subscribers, preview and send a post's email.")
            { import, NewsletterPreviewCommand.Create(console), NewsletterSendCommand.Create(console) };
    }
}
