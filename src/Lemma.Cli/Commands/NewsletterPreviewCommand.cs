using System.CommandLine;
using System.Globalization;
using System.Text;
using Lemma.Model;
using Lemma.Newsletter;

namespace Lemma.Cli.Commands;

/// <summary>`lemma newsletter preview POST`: a post's email, HTML and text, written to files to open in a browser or a
/// mail client, with the size Gmail judges it by.</summary>
public static class NewsletterPreviewCommand
{
    public static Command Create(CliConsole console)
    {
        var source = SiteOptions.Source();
        var post = new Argument<string>("post") { Description = "The post: its source path (content/posts/a.md) or its URL (/posts/a/)." };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Where to write POST.email.html and POST.email.txt (default: the current folder)." };
        var command = new Command("preview", "Write a post's newsletter email (HTML and text) to files.") { post, source, output };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(source)!.FullName;
            if (!Directory.Exists(root))
            {
                console.Error.WriteLine($"lemma: no such folder: {root}");
                return LemmaApp.UsageErrors;
            }
            var named = Named(root, parse.GetValue(post)!);
            // The writer previews before publishing: a draft or a post dated ahead has its email too.
            var result = NewsletterQueries.Make(new BuildOptions { Source = root, Output = Path.Combine(root, "public"), Emit = false, Drafts = true, Future = true }, named);
            Report.Diagnostics(console, result.Diagnostics);
            if (result.Post is null && !result.Diagnostics.Any(d => d.IsError))
            {
                console.Error.WriteLine($"lemma: no post of this site has the source path or URL {named}");
                return LemmaApp.UsageErrors;
            }
            if (result.Email is not { } email) return LemmaApp.ContentErrors;

            var folder = parse.GetValue(output)?.FullName ?? Directory.GetCurrentDirectory();
            Directory.CreateDirectory(folder);
            var name = new Uri(email.WebUrl).Segments.LastOrDefault(s => s != "/")?.Trim('/') is { Length: > 0 } slug ? slug : "post";
            var html = Path.Combine(folder, name + ".email.html");
            var text = Path.Combine(folder, name + ".email.txt");
            File.WriteAllText(html, email.Html, new UTF8Encoding(false));
            File.WriteAllText(text, email.Text, new UTF8Encoding(false));
            var bytes = Encoding.UTF8.GetByteCount(email.Html);
            console.Out.WriteLine($"subject: {email.Subject}");
            console.Out.WriteLine($"html: {html} ({(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KB; Gmail clips above 102 KB)");
            console.Out.WriteLine($"text: {text}");
            if (email.Cut) console.Out.WriteLine("the post is longer than one email: it ends with a link to the rest on the web");
            return LemmaApp.Ok;
        });
        return command;
    }

    /// <summary>A post as named on the command line: a source path may be given from the site's folder or from where the
    /// command runs.</summary>
    internal static string Named(string root, string named) =>
        File.Exists(Path.GetFullPath(named)) && Path.GetRelativePath(root, Path.GetFullPath(named)) is var relative && !relative.StartsWith("..", StringComparison.Ordinal)
            ? relative.Replace('\\', '/')
            : named;
}
