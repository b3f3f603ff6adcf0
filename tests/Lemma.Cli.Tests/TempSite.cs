using System.Text;
using System.Text.RegularExpressions;

namespace Lemma.Cli.Tests;

/// <summary>
/// A site in a temporary folder, written from one inline text where "-- path --" lines start each file
/// (the way Hugo's tests hold a whole site in one string). Runs `lemma` on it in-process.
/// </summary>
public sealed partial class TempSite : IDisposable
{
    public string Root { get; }

    private TempSite(string root) => Root = root;

    public static TempSite From(string archive) =>
        In(Path.Combine(Path.GetTempPath(), "lemma-test-" + Guid.NewGuid().ToString("N")[..12]), archive);

    /// <summary>A site at <paramref name="root"/> (created), written from an inline archive.</summary>
    public static TempSite In(string root, string archive)
    {
        Directory.CreateDirectory(root);
        var site = new TempSite(root);
        site.Write(archive);
        return site;
    }

    /// <summary>A temporary copy of a site folder (a fixture), so a build never writes into the source tree.</summary>
    public static TempSite CopyOf(string folder)
    {
        var site = From("");
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(site.Root, Path.GetRelativePath(folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return site;
    }

    /// <summary>Adds or replaces the files of an inline archive.</summary>
    public void Write(string archive)
    {
        var matches = Header().Matches(archive);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : archive.Length;
            WriteFile(matches[i].Groups[1].Value.Trim(), archive[start..end].TrimStart('\n'));
        }
    }

    public void WriteFile(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Delete(string path) => File.Delete(Path.Combine(Root, path));

    public string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    public bool Exists(string path) => File.Exists(Path.Combine(Root, path));

    public string[] Files(string under) =>
        Directory.Exists(Path.Combine(Root, under))
            ? Directory.EnumerateFiles(Path.Combine(Root, under), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Path.Combine(Root, under), f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>Runs `lemma ARGS` in-process with --source set to this site when the command takes it.</summary>
    public LemmaRun Lemma(params string[] args)
    {
        var all = args.Length > 0 && args[0] is "build" or "check" ? [.. args, "--source", Root] : args;
        var output = new StringWriter();
        var error = new StringWriter();
        var code = LemmaApp.Run(all, output, error);
        return new LemmaRun(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"^-- (.+?) --[ \t]*\r?\n", RegexOptions.Multiline)]
    private static partial Regex Header();
}

public sealed record LemmaRun(int ExitCode, string Output, string Errors)
{
    public string[] ErrorLines => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
}
