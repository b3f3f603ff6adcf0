using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Lemma.Model;

namespace Lemma.Cli.Commands;

/// <summary>`lemma new site DIR` (the example blog as a starting point) and `lemma new post "Title"`.</summary>
public static class NewCommand
{
    public static Command Create(CliConsole console)
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "Folder for the new site (must be empty or absent)." };
        var site = new Command("site", "Create a new site with example posts that show every feature.") { dir };
        site.SetAction(parse => NewSite(console, parse.GetValue(dir)!));

        var title = new Argument<string>("TITLE") { Description = "The post's title." };
        var section = new Option<string>("--section") { Description = "Section (folder under content/).", DefaultValueFactory = _ => "posts" };
        var source = SiteOptions.Source();
        var post = new Command("post", "Create a new post with its front matter filled in.") { title, section, source };
        post.SetAction(parse => NewPost(console, parse.GetValue(source)!.FullName, parse.GetValue(title)!, parse.GetValue(section)!, TimeProvider.System));

        return new Command("new", "Create a site or a post.") { site, post };
    }

    private static int NewSite(CliConsole console, DirectoryInfo dir)
    {
        if (dir.Exists && dir.EnumerateFileSystemInfos().Any())
        {
            console.Error.WriteLine($"lemma: {dir.FullName} is not empty");
            return LemmaApp.UsageErrors;
        }
        var assembly = Assembly.GetExecutingAssembly();
        var count = 0;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("starter/", StringComparison.Ordinal)))
        {
            var target = Path.Combine(dir.FullName, name["starter/".Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var input = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(target);
            input.CopyTo(file);
            count++;
        }
        console.Out.WriteLine($"created {dir.FullName} ({count} files). Next: lemma build --source {dir.Name}");
        return LemmaApp.Ok;
    }

    public static int NewPost(CliConsole console, string root, string title, string section, TimeProvider clock)
    {
        var slug = Slug.From(title);
        if (slug.Length == 0 || section.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(section))
        {
            console.Error.WriteLine("lemma: the title needs at least one letter or digit, and the section must be a folder name");
            return LemmaApp.UsageErrors;
        }
        var path = Path.Combine(root, "content", section, slug + ".md");
        if (File.Exists(path))
        {
            console.Error.WriteLine($"lemma: {Path.GetRelativePath(root, path)} already exists");
            return LemmaApp.UsageErrors;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var date = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var yamlTitle = YamlQuoted(title);
        File.WriteAllText(path, $"---\ntitle: {yamlTitle}\ndate: {date}\ndraft: true\ntags: []\nsummary: \"\"\n---\n\nWrite here.\n");
        console.Out.WriteLine($"created {Path.GetRelativePath(root, path)}");
        return LemmaApp.Ok;
    }

    /// <summary>A YAML double-quoted string that reads back as <paramref name="text"/>, control characters and all.</summary>
    internal static string YamlQuoted(string text)
    {
        var quoted = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }
}
