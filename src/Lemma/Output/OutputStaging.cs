namespace Lemma.Output;

/// <summary>
/// A folder beside the output where a build writes its pages as it renders them, so that it need not hold
/// every page in memory until emit. Emit moves the staged files into the output; disposing removes whatever
/// is left, so a build that fails leaves the output as it was.
/// </summary>
public sealed class OutputStaging : IDisposable
{
    private int count;

    private OutputStaging(string root) => Root = root;

    public string Root { get; }

    /// <summary>A fresh staging folder beside <paramref name="outputDir"/> (".public.lemma-staging" for "public"),
    /// on the same file system so that moving a file into the output is a rename.</summary>
    public static OutputStaging Beside(string outputDir)
    {
        var full = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar);
        var root = Path.Combine(Path.GetDirectoryName(full) ?? full, "." + Path.GetFileName(full) + ".lemma-staging");
        // Left over by a build that was killed: nothing in it is worth keeping.
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        return new OutputStaging(root);
    }

    /// <summary>Writes <paramref name="bytes"/> for the output file at <paramref name="path"/> and returns that file, staged.</summary>
    public OutputFile Write(string path, byte[] bytes)
    {
        // Numbered files in one flat folder: a tree of folders would cost a mkdir and an rmdir per page.
        var staged = Path.Combine(Root, Interlocked.Increment(ref count).ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllBytes(staged, bytes);
        return new OutputFile(path, null, staged) { Staged = true };
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
