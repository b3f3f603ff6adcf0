using System.CommandLine;
using System.Xml;
using System.Xml.Linq;
using Lemma.Build;
using Lemma.Configuration;
using Lemma.Model;
using Lemma.Server.Comments;
using Lemma.Server.Comments.Transfer;
using Lemma.Server.Storage;

namespace Lemma.Cli.Commands;

/// <summary>`lemma comments export` and `import`: the site's comments as a JSON archive, and comments brought in from
/// an archive, a Disqus XML export or a WordPress WXR export (threads matched to this site's posts by address).</summary>
public static class CommentsCommand
{
    public static Command Create(CliConsole console)
    {
        var source = SiteOptions.Source();
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The archive to write (default: standard output)." };
        var export = new Command("export", "Write every comment (email included: keep the file private) as JSON.") { source, output };
        export.SetAction(async (parse, cancel) =>
        {
            var root = parse.GetValue(source)!.FullName;
            if (Store(root, console) is not { } setting) return LemmaApp.UsageErrors;
            using var database = await Database.Open(setting, root);
            var comments = await new CommentStore(database, TimeProvider.System).Export();
            if (parse.GetValue(output) is { } file)
            {
                await using var stream = file.Create();
                CommentArchive.Write(stream, comments);
                console.Error.WriteLine($"exported {comments.Count} comments to {file.Name}");
            }
            else
            {
                using var memory = new MemoryStream();
                CommentArchive.Write(memory, comments);
                console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(memory.ToArray()));
            }
            return LemmaApp.Ok;
        });

        var file = new Argument<FileInfo>("file") { Description = "A Lemma archive (.json), a Disqus export or a WordPress WXR export (.xml)." };
        var import = new Command("import", "Add the comments of a Lemma archive, a Disqus export or a WordPress export; a comment already here is skipped.") { source, file };
        import.SetAction(async (parse, cancel) =>
        {
            var root = parse.GetValue(source)!.FullName;
            var from = parse.GetValue(file)!;
            if (Store(root, console) is not { } setting) return LemmaApp.UsageErrors;
            if (!from.Exists)
            {
                console.Error.WriteLine($"lemma: no such file: {from.FullName}");
                return LemmaApp.UsageErrors;
            }
            IReadOnlyList<ArchivedComment> comments;
            try { comments = Read(from); }
            catch (Exception e) when (e is FormatException or XmlException)
            {
                console.Error.WriteLine($"lemma: {from.Name}: {e.Message}");
                return LemmaApp.UsageErrors;
            }
            var posts = new PostMatch(Pages(root));
            var matched = new List<ArchivedComment>();
            foreach (var thread in comments.GroupBy(c => c.Post))
            {
                if (posts.Find(thread.Key) is { } post) matched.AddRange(thread.Select(c => c with { Post = post }));
                else console.Error.WriteLine($"lemma: {from.Name}: no post of this site for {thread.Key}: its {thread.Count()} comments are left out");
            }
            using var database = await Database.Open(setting, root);
            var (stored, skipped) = await new CommentStore(database, TimeProvider.System).Import(matched, new CommentText().Render);
            console.Out.WriteLine($"imported {stored} comments into {matched.Select(c => c.Post).Distinct().Count()} posts"
                + (skipped > 0 ? $" ({skipped} already here)" : "") + (matched.Count < comments.Count ? $"; {comments.Count - matched.Count} left out" : ""));
            return LemmaApp.Ok;
        });
        return new Command("comments", "Export or import the comments `lemma serve` keeps.") { export, import };
    }

    /// <summary>comments.database of the site, or null after saying why not.</summary>
    private static string? Store(string root, CliConsole console)
    {
        if (!Directory.Exists(root))
        {
            console.Error.WriteLine($"lemma: no such folder: {root}");
            return null;
        }
        var config = ConfigLoader.Load(root);
        foreach (var d in config.Diagnostics.Where(d => d.Severity == Lemma.Diagnostics.Severity.Error)) console.Error.WriteLine(d.ToString());
        return config.Diagnostics.Any(d => d.Severity == Lemma.Diagnostics.Severity.Error) ? null : config.Config.Comments.Database;
    }

    private static IReadOnlyList<ArchivedComment> Read(FileInfo file)
    {
        using var stream = file.OpenRead();
        var first = (char)stream.ReadByte();
        stream.Position = 0;
        return first == '{' ? CommentArchive.Read(stream) : ForeignExport.Read(XDocument.Load(stream));
    }

    /// <summary>The URL paths of the site's pages, from a build in memory.</summary>
    private static IEnumerable<string> Pages(string root) =>
        SiteBuilder.Run(new BuildOptions { Source = root, Output = Path.Combine(root, "public"), Emit = false }).Site.Pages.Select(p => p.Url);
}
