using System.Collections.Immutable;

namespace Lemma.Output;

public sealed record EmitResult(int Written, int Unchanged, int Deleted);

/// <summary>
/// The emit stage. Runs only after a build without errors, so a failed build never touches the output.
/// Each file is written to a temporary name and renamed over the old one; files whose bytes did not change
/// are left alone (their timestamps too); files a previous build wrote and this one did not are removed.
/// Into a new or empty folder there is nothing to compare with or to replace, so files are written straight.
/// Pages the build staged on disk (<see cref="OutputStaging"/>) are moved into place rather than written.
/// </summary>
/// <remarks>
/// The output may hold what the site's repository put there (a committed public/), so emit writes through no link:
/// a link or a file where it needs a folder fails the emit before anything is written (<see cref="OutputException"/>),
/// and a file is replaced by a rename, never written through.
/// </remarks>
public static class OutputWriter
{
    /// <summary>Where builds before the manifest moved beside the output kept it: inside, where a static host would publish it.</summary>
    public const string OldManifestName = ".lemma-manifest";

    /// <summary>
    /// The list of what Lemma wrote, so that only its own stale files are ever deleted. It is kept beside the output
    /// (".public.lemma-manifest" for "public"), like the staging folder, so that it is never published with the site.
    /// </summary>
    public static string ManifestFor(string outputDir) => Beside(outputDir, ".lemma-manifest");

    /// <summary>"/site/public" with <paramref name="suffix"/> ".x" -> "/site/.public.x".</summary>
    internal static string Beside(string outputDir, string suffix)
    {
        var full = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full) ?? full, "." + Path.GetFileName(full) + suffix);
    }

    /// <exception cref="OutputException">The output could not be written; when it is found before the first write
    /// (a link, a file where a folder goes, a folder that is not writable), the output is as it was.</exception>
    public static EmitResult Emit(ImmutableArray<OutputFile> files, string outputDir, OutputStaging? staging = null)
    {
        foreach (var file in files)
            if (OutputPath.Problem(file.Path) is { } problem)
                throw new ArgumentException($"output {file.Path} {problem}: the render stage lets no such path through", nameof(files));
        try
        {
            var fresh = Prepare(files, outputDir);
            if (fresh && staging?.Mirror is { } mirror && MoveMirror(files, mirror, outputDir)) return Finish(files, outputDir, files.Length, 0);
            return Write(files, outputDir, fresh);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not OutputException)
        {
            throw new OutputException(e.Message, e);
        }
    }

    /// <summary>True when <paramref name="outputDir"/> is not there yet or is an empty folder (not a link or a file).</summary>
    internal static bool IsNewOrEmpty(string outputDir) => FileTree.KindOf(outputDir) switch
    {
        FileTree.EntryKind.None => true,
        FileTree.EntryKind.Folder => !Directory.EnumerateFileSystemEntries(outputDir).Any(),
        _ => false,
    };

    /// <summary>
    /// Checks, before any write, that every folder the files go in is a real folder or not there yet, and that the
    /// output folder takes a new file. Returns whether the output is new or empty.
    /// </summary>
    private static bool Prepare(ImmutableArray<OutputFile> files, string outputDir)
    {
        switch (FileTree.KindOf(outputDir))
        {
            case FileTree.EntryKind.Link: throw new OutputException($"{outputDir} is a symbolic link; Lemma writes only into a real folder");
            case FileTree.EntryKind.File: throw new OutputException($"{outputDir} is a file, not a folder");
        }
        var fresh = IsNewOrEmpty(outputDir);
        Directory.CreateDirectory(outputDir);
        // A folder that is read-only (or a disk that is full) fails here, before the first file changes.
        var probe = Path.Combine(outputDir, ".lemma-probe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(probe, []);
        File.Delete(probe);
        if (fresh) return true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var slash = file.Path.IndexOf('/'); slash >= 0; slash = file.Path.IndexOf('/', slash + 1))
            {
                var folder = file.Path[..slash];
                if (!seen.Add(folder)) continue;
                var kind = FileTree.KindOf(Path.Combine(outputDir, folder));
                if (kind == FileTree.EntryKind.None) break; // nothing below it exists either
                if (kind == FileTree.EntryKind.Link) throw new OutputException($"{folder} in the output is a symbolic link; Lemma does not write through links");
                if (kind == FileTree.EntryKind.File) throw new OutputException($"{folder} in the output is a file where a folder is needed");
            }
        }
        return false;
    }

    private static EmitResult Write(ImmutableArray<OutputFile> files, string outputDir, bool fresh)
    {
        var written = 0;
        var unchanged = 0;
        // Folders first, so no parallel write can run ahead of the folder it goes in.
        foreach (var dir in files.Select(f => Path.GetDirectoryName(Path.Combine(outputDir, f.Path))!).Distinct(StringComparer.Ordinal))
            Directory.CreateDirectory(dir);
        // Bounded like the other stages: writes into the page cache are mostly CPU, and an unbounded loop over
        // blocking I/O makes the thread pool inject threads for the whole stage.
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 * Environment.ProcessorCount }, file =>
        {
            var target = Path.Combine(outputDir, file.Path);
            if (fresh)
            {
                Place(file, target);
                Interlocked.Increment(ref written);
                return;
            }
            if (SameContent(target, file.ReadBytes()))
            {
                Interlocked.Increment(ref unchanged);
                return;
            }
            if (file.Staged)
            {
                Place(file, target);
            }
            else
            {
                // A temporary name left behind (or planted as a link) is removed, never written through.
                var temp = target + ".lemma-tmp";
                File.Delete(temp);
                File.WriteAllBytes(temp, file.ReadBytes());
                File.Move(temp, target, overwrite: true);
            }
            Interlocked.Increment(ref written);
        });
        return Finish(files, outputDir, written, unchanged);
    }

    /// <summary>
    /// Into an empty output, the staged tree becomes the output with one rename, once the files that were not staged
    /// (static files, images) are copied into it. False, with the output still empty, when that cannot be done (a file
    /// staged elsewhere, the output a mount point): the files are then placed one by one.
    /// </summary>
    private static bool MoveMirror(ImmutableArray<OutputFile> files, string mirror, string outputDir)
    {
        Directory.CreateDirectory(mirror);
        var unstaged = files.Where(file => !(file.Staged && string.Equals(file.CopyFrom, Path.Combine(mirror, file.Path), StringComparison.Ordinal))).ToArray();
        var failed = false;
        try
        {
            // Folders first, then the files in parallel, as Write does: thousands of small files (the search index's)
            // cost their system calls more than their bytes.
            foreach (var folder in unstaged.Select(file => Path.GetDirectoryName(Path.Combine(mirror, file.Path))!).Distinct(StringComparer.Ordinal))
                Directory.CreateDirectory(folder);
            Parallel.ForEach(unstaged, new ParallelOptions { MaxDegreeOfParallelism = 2 * Environment.ProcessorCount }, (file, loop) =>
            {
                try
                {
                    using var stream = new FileStream(Path.Combine(mirror, file.Path), FileMode.CreateNew, FileAccess.Write);
                    stream.Write(file.ReadBytes());
                }
                catch (IOException)
                {
                    Volatile.Write(ref failed, true);
                    loop.Stop();
                }
            });
        }
        catch (IOException)
        {
            return false;
        }
        if (failed) return false;
        try
        {
            Directory.Delete(outputDir); // empty, as Prepare found it
        }
        catch (IOException)
        {
            return false;
        }
        try
        {
            Directory.Move(mirror, outputDir);
            return true;
        }
        catch (IOException)
        {
            Directory.CreateDirectory(outputDir);
            return false;
        }
    }

    private static EmitResult Finish(ImmutableArray<OutputFile> files, string outputDir, int written, int unchanged)
    {
        var manifestPath = ManifestFor(outputDir);
        var oldManifest = Path.Combine(outputDir, OldManifestName);
        var listed = ReadManifest(manifestPath) ?? ReadManifest(oldManifest) ?? [];
        var deleted = DeleteStale(files, listed, outputDir);
        var manifest = string.Concat(files.Select(f => f.Path + "\n"));
        if (!string.Equals(string.Concat(listed.Select(l => l + "\n")), manifest, StringComparison.Ordinal) || FileTree.KindOf(manifestPath) != FileTree.EntryKind.File)
            WriteNew(manifestPath, manifest);
        // The manifest moved out of the published tree: an old one inside goes.
        if (FileTree.KindOf(oldManifest) != FileTree.EntryKind.None) File.Delete(oldManifest);
        return new EmitResult(written, unchanged, deleted);
    }

    /// <summary>A staged file is moved into place (a rename: the staging folder is beside the output); others are written.</summary>
    private static void Place(OutputFile file, string target)
    {
        if (file.Staged) File.Move(file.CopyFrom!, target, overwrite: true);
        else File.WriteAllBytes(target, file.ReadBytes());
    }

    /// <summary>
    /// True when <paramref name="path"/> is a file holding <paramref name="bytes"/>. A link is never the same (it is
    /// replaced), nor is an empty entry, which may be a FIFO that blocks whoever opens it: rewriting an empty file is cheap.
    /// </summary>
    private static bool SameContent(string path, byte[] bytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Attributes.HasFlag(FileAttributes.ReparsePoint) || info.Length == 0 || info.Length != bytes.Length) return false;
        return File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
    }

    /// <summary>The lines of a manifest, or null when there is none. A link or an empty entry is not read.</summary>
    private static string[]? ReadManifest(string path)
    {
        var info = new FileInfo(path);
        if (FileTree.KindOf(path) != FileTree.EntryKind.File || info.Length == 0) return null;
        return File.ReadAllLines(path);
    }

    /// <summary>Writes a new file at <paramref name="path"/>: whatever was there (a link, say) is removed, not written through.</summary>
    private static void WriteNew(string path, string text)
    {
        File.Delete(path);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Deletes what the last build listed and this one did not write. The list may have been edited by anyone who could
    /// write beside the output, so an entry is deleted only when it names a file inside the output (<see cref="OutputPath"/>)
    /// reached through real folders, and is a file itself, not a link.
    /// </summary>
    private static int DeleteStale(ImmutableArray<OutputFile> files, string[] listed, string outputDir)
    {
        var current = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var root = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var deleted = 0;
        foreach (var old in listed)
        {
            if (old.Length == 0 || current.Contains(old) || OutputPath.Problem(old) is not null) continue;
            var path = Path.GetFullPath(Path.Combine(root, old));
            if (!path.StartsWith(root, StringComparison.Ordinal) || !ThroughRealFolders(root, old) || FileTree.KindOf(path) != FileTree.EntryKind.File) continue;
            File.Delete(path);
            deleted++;
            RemoveEmptyParents(Path.GetDirectoryName(path)!, outputDir);
        }
        return deleted;
    }

    /// <summary>True when every folder on the way from <paramref name="root"/> to <paramref name="relative"/> is a real folder.</summary>
    private static bool ThroughRealFolders(string root, string relative)
    {
        for (var slash = relative.IndexOf('/'); slash >= 0; slash = relative.IndexOf('/', slash + 1))
            if (FileTree.KindOf(Path.Combine(root, relative[..slash])) != FileTree.EntryKind.Folder) return false;
        return true;
    }


    private static void RemoveEmptyParents(string dir, string root)
    {
        var stop = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        while (Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar) != stop && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
        {
            Directory.Delete(dir);
            dir = Path.GetDirectoryName(dir)!;
        }
    }
}
