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
public static class OutputWriter
{
    /// <summary>Lists what Lemma wrote, so that only its own stale files are ever deleted.</summary>
    public const string ManifestName = ".lemma-manifest";

    public static EmitResult Emit(ImmutableArray<OutputFile> files, string outputDir)
    {
        var fresh = !Directory.Exists(outputDir) || !Directory.EnumerateFileSystemEntries(outputDir).Any();
        Directory.CreateDirectory(outputDir);
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
                var temp = target + ".lemma-tmp";
                File.WriteAllBytes(temp, file.ReadBytes());
                File.Move(temp, target, overwrite: true);
            }
            Interlocked.Increment(ref written);
        });

        var deleted = DeleteStale(files, outputDir);
        var manifestPath = Path.Combine(outputDir, ManifestName);
        var manifest = string.Concat(files.Select(f => f.Path + "\n"));
        if (!File.Exists(manifestPath) || File.ReadAllText(manifestPath) != manifest) File.WriteAllText(manifestPath, manifest);
        return new EmitResult(written, unchanged, deleted);
    }

    /// <summary>A staged file is moved into place (a rename: the staging folder is beside the output); others are written.</summary>
    private static void Place(OutputFile file, string target)
    {
        if (file.Staged) File.Move(file.CopyFrom!, target, overwrite: true);
        else File.WriteAllBytes(target, file.ReadBytes());
    }

    private static bool SameContent(string path, byte[] bytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != bytes.Length) return false;
        return File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
    }

    private static int DeleteStale(ImmutableArray<OutputFile> files, string outputDir)
    {
        var manifest = Path.Combine(outputDir, ManifestName);
        if (!File.Exists(manifest)) return 0;
        var current = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var old in File.ReadLines(manifest))
        {
            if (old.Length == 0 || current.Contains(old) || old.Contains("..", StringComparison.Ordinal)) continue;
            var path = Path.Combine(outputDir, old);
            if (!File.Exists(path)) continue;
            File.Delete(path);
            deleted++;
            RemoveEmptyParents(Path.GetDirectoryName(path)!, outputDir);
        }
        return deleted;
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
