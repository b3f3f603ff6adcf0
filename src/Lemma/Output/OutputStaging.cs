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
    /// <exception cref="OutputException">The folder could not be made.</exception>
    public static OutputStaging Beside(string outputDir)
    {
        var root = OutputWriter.Beside(outputDir, ".lemma-staging");
        try
        {
            // Left over by a build that was killed: nothing in it is worth keeping. A link or file there (a site's
            // repository may hold one) is removed, not followed.
            switch (FileTree.KindOf(root))
            {
                case FileTree.EntryKind.Folder: Directory.Delete(root, recursive: true); break;
                case FileTree.EntryKind.File or FileTree.EntryKind.Link: File.Delete(root); break;
            }
            Directory.CreateDirectory(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"cannot make the staging folder {root}: {e.Message}", e);
        }
        return new OutputStaging(root);
    }

    /// <summary>Writes <paramref name="bytes"/> for the output file at <paramref name="path"/> and returns that file, staged.</summary>
    public OutputFile Write(string path, byte[] bytes)
    {
        // Numbered files in one flat folder: a tree of folders would cost a mkdir and an rmdir per page.
        var staged = Path.Combine(Root, Interlocked.Increment(ref count).ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            File.WriteAllBytes(staged, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(e.Message, e);
        }
        return new OutputFile(path, null, staged) { Staged = true };
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort while another failure unwinds; the next build removes what is left before it starts.
        }
    }
}
