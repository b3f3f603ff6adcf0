namespace Lemma.Output;

/// <summary>
/// A folder beside the output where a build writes its pages as it renders them, so that it need not hold
/// every page in memory until emit. Emit moves the staged files into the output; disposing removes whatever
/// is left, so a build that fails leaves the output as it was.
/// </summary>
/// <remarks>
/// Into a new or empty output the staging folder holds the site as it will be published (<see cref="Mirror"/>), so that
/// emit moves the whole tree into place with one rename, and the folders are made while pages render, in parallel,
/// rather than one by one at emit. Into an output that has files, pages are numbered files in one flat folder: their
/// folders exist already, and a tree would cost a folder made and removed per page.
/// </remarks>
public sealed class OutputStaging : IDisposable
{
    private int count;

    private OutputStaging(string root, bool mirrors)
    {
        Root = root;
        Mirror = mirrors ? Path.Combine(root, "site") : null;
    }

    public string Root { get; }

    /// <summary>The folder laid out as the output will be, when the output was new or empty as the build began; null otherwise.</summary>
    public string? Mirror { get; }

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
        return new OutputStaging(root, OutputWriter.IsNewOrEmpty(outputDir));
    }

    /// <summary>Writes <paramref name="bytes"/> for the output file at <paramref name="path"/> and returns that file, staged.</summary>
    public OutputFile Write(string path, byte[] bytes)
    {
        try
        {
            if (Mirror is not null && TryMirror(path, bytes) is { } mirrored) return new OutputFile(path, null, mirrored) { Staged = true };
            var staged = Path.Combine(Root, Interlocked.Increment(ref count).ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllBytes(staged, bytes);
            return new OutputFile(path, null, staged) { Staged = true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(e.Message, e);
        }
    }

    /// <summary>Writes the page where it goes in <see cref="Mirror"/>; null when it cannot go there (another page's file
    /// stands where its folder goes: two pages that clash are reported by the render stage, not here).</summary>
    private string? TryMirror(string path, byte[] bytes)
    {
        var staged = Path.Combine(Mirror!, path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
            using var stream = new FileStream(staged, FileMode.CreateNew, FileAccess.Write);
            stream.Write(bytes);
            return staged;
        }
        catch (IOException)
        {
            return null;
        }
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
