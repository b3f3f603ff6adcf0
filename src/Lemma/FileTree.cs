using Lemma.Diagnostics;

namespace Lemma;

/// <summary>
/// The file system under a site, read without trusting it: links resolved in full before they are followed, and
/// files that may not be regular never opened. .NET tells a link from its attributes, but has no public way to tell a
/// FIFO or device from an empty file (all read as length 0, and opening a FIFO blocks), so nothing of length 0 is opened.
/// </summary>
public static class FileTree
{
    /// <summary>Links followed in one path before it counts as a loop (Linux's own limit).</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// <paramref name="path"/> made absolute with every link on the way resolved, as realpath(3) does; the part that does
    /// not exist is kept as written. Null when the links loop.
    /// </summary>
    public static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var done = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Segments(full[done.Length..]).Reverse());
        var (links, missing) = (0, false);
        while (pending.TryPop(out var segment))
        {
            if (segment == ".") continue;
            // The folder done so far is real, so its parent is the real parent.
            if (segment == "..") { done = Path.GetDirectoryName(done) ?? done; continue; }
            var next = Path.Combine(done, segment);
            if (!missing)
            {
                var info = new FileInfo(next);
                if ((int)info.Attributes == -1) missing = true;
                else if (info.LinkTarget is { } target)
                {
                    if (++links > MaxLinks) return null;
                    foreach (var part in Segments(target).Reverse()) pending.Push(part);
                    if (Path.IsPathRooted(target)) done = Path.GetPathRoot(target)!;
                    continue;
                }
            }
            done = next;
        }
        return done;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or under it (both real, absolute paths).</summary>
    public static bool IsInside(string folder, string path)
    {
        var root = Path.TrimEndingDirectorySeparator(folder);
        if (path == root) return true;
        return path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// Where the link at <paramref name="full"/> (shown as <paramref name="relative"/>) leads: its real target when that
    /// exists inside <paramref name="realRoot"/>. Otherwise null and the problem: an error for a link out of the site,
    /// a warning for a link to nothing or a loop, which the build skips.
    /// </summary>
    public static string? FollowLink(string realRoot, string relative, string full, out Diagnostic? problem)
    {
        var shown = new FileInfo(full).LinkTarget;
        var real = RealPath(full);
        problem = null;
        if (real is null)
            problem = Diagnostic.Warning(SourceSpan.File(relative), "is a symbolic link that loops; skipped");
        else if ((int)new FileInfo(real).Attributes == -1)
            problem = Diagnostic.Warning(SourceSpan.File(relative), $"is a symbolic link to {shown}, which does not exist; skipped");
        else if (!IsInside(realRoot, real))
            problem = Diagnostic.Error(SourceSpan.File(relative), $"is a symbolic link to {shown}, outside the site; a site may link only to its own files");
        return problem is null ? real : null;
    }

    /// <summary>A site file's bytes; an entry of length 0 is empty and is not opened.</summary>
    public static byte[] ReadBytes(string path) => IsEmpty(path) ? [] : File.ReadAllBytes(path);

    /// <summary>Length 0 at the end of any links: an empty file, or a FIFO or device that reading would block on.</summary>
    private static bool IsEmpty(string path)
    {
        var info = new FileInfo(path);
        var attributes = info.Attributes;
        if ((int)attributes == -1) return false;
        if (attributes.HasFlag(FileAttributes.ReparsePoint) && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
        return info.Exists && info.Length == 0;
    }

    public enum EntryKind { None, File, Folder, Link }

    /// <summary>What is at <paramref name="path"/>, without following a link there.</summary>
    public static EntryKind KindOf(string path)
    {
        // Without a trailing separator, which would make the system follow a link.
        var attributes = new FileInfo(Path.TrimEndingDirectorySeparator(path)).Attributes;
        if ((int)attributes == -1) return EntryKind.None;
        if (attributes.HasFlag(FileAttributes.ReparsePoint)) return EntryKind.Link;
        return attributes.HasFlag(FileAttributes.Directory) ? EntryKind.Folder : EntryKind.File;
    }

    private static IEnumerable<string> Segments(string path) =>
        path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
