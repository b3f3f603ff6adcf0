using Lemma.Output;

namespace Lemma.Cli.Commands;

/// <summary>Where `lemma build` may write, and what it says when it could not.</summary>
public static class OutputFolder
{
    /// <summary>Folders of a site that a build reads: an output inside one would be read back as the site's own files.</summary>
    private static readonly string[] SourceFolders =
        ["content", "static", "layouts", "data", "assets", "themes", "archetypes", "i18n", "_posts", "_data", "_layouts", "_includes", "_drafts", ".lemma", ".git"];

    /// <summary>
    /// Why <paramref name="output"/> may not be the output of the site at <paramref name="source"/>, as the end of a
    /// sentence ("is the site's own folder"); null when it may. Emit deletes and replaces files there, so the output is
    /// never the site, an ancestor of it, the file system's root, or inside a folder the site is read from. Paths are
    /// compared with their links resolved.
    /// </summary>
    public static string? Refusal(string source, string output)
    {
        var site = FileTree.RealPath(source) ?? Path.GetFullPath(source);
        var target = FileTree.RealPath(output) ?? Path.GetFullPath(output);
        if (Path.GetPathRoot(target) == target) return "is the root of the file system";
        if (target == site) return "is the site's own folder";
        if (FileTree.IsInside(target, site)) return "holds the site";
        foreach (var folder in SourceFolders)
            if (FileTree.IsInside(Path.Combine(site, folder), target)) return $"is inside the site's {folder}/ folder, which the build reads";
        return null;
    }

    /// <summary>The failure to write the output in <paramref name="e"/> (alone or inside a parallel loop's exception), or null.</summary>
    public static OutputException? Failure(Exception e) => e switch
    {
        OutputException output => output,
        AggregateException all => all.Flatten().InnerExceptions.OfType<OutputException>().FirstOrDefault(),
        _ => null,
    };
}
