using System.Collections.Immutable;
using System.IO.Enumeration;
using Lemma.Diagnostics;

namespace Lemma.Sources;

/// <summary>A file or folder of the site: its path from the site root ('/'-separated), and the real folders that hold it.</summary>
internal sealed record SiteEntry(string Path, bool IsFolder, string Real, ImmutableStack<string> Folders)
{
    public string Name { get; } = Path[(Path.LastIndexOf('/') + 1)..];
}

/// <summary>
/// Lists a site's folders for discovery without trusting them: only files and folders inside the site come out. A link
/// whose target, resolved in full, is outside the site is an error at the link; a link to nothing is a warning, and
/// skipped; a link inside the site stands for its target. A folder is entered through links at most once, and never
/// from inside itself, so links cannot loop or multiply a walk. One walker per discovery: it keeps what it has seen.
/// </summary>
internal sealed class SiteWalker
{
    private readonly string root;
    private readonly string realRoot;
    private readonly HashSet<string> linkedFolders = new(StringComparer.Ordinal);
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);

    public SiteWalker(string root)
    {
        this.root = root;
        realRoot = FileTree.RealPath(root) ?? Path.GetFullPath(root);
        Root = new SiteEntry("", true, realRoot, ImmutableStack.Create(realRoot));
    }

    public SiteEntry Root { get; }

    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>The entry <paramref name="name"/> at the site root, or null when there is none to read.</summary>
    public SiteEntry? At(string name) => Resolve(name, new FileInfo(Path.Combine(root, name)), Root);

    /// <summary>The entries of <paramref name="folder"/> that <paramref name="wanted"/> (name, is a folder) keeps, by name.</summary>
    public IEnumerable<SiteEntry> List(SiteEntry folder, Func<string, bool, bool> wanted)
    {
        var dir = Path.Combine(root, folder.Path);
        // A folder's listing says which entries are folders, files or links without a look at each (a folder of 10,000
        // posts lists in milliseconds, against 50 ms when each is looked at). Links are the names a listing that leaves
        // links out lacks: only those are looked at one by one.
        var plain = new FileSystemEnumerable<(string Name, bool IsFolder)>(dir, (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory),
            new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false }).ToDictionary(e => e.Name, e => e.IsFolder, StringComparer.Ordinal);
        var names = new FileSystemEnumerable<string>(dir, (ref FileSystemEntry e) => e.FileName.ToString(),
            new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = folder.Path.Length == 0 ? name : folder.Path + "/" + name;
            if (plain.TryGetValue(name, out var isFolder))
            {
                if (!wanted(name, isFolder)) continue;
                var real = System.IO.Path.Combine(folder.Real, name);
                yield return new SiteEntry(path, isFolder, real, isFolder ? folder.Folders.Push(real) : folder.Folders);
                continue;
            }
            // A link (or an entry made between the two listings). A link to a folder lists as a folder, so the name
            // filter runs before the link is read.
            var full = Path.Combine(dir, name);
            if (!wanted(name, Directory.Exists(full))) continue;
            if (Resolve(path, new FileInfo(full), folder) is { } entry) yield return entry;
        }
    }

    /// <summary>Every file under <paramref name="folder"/>, each folder and file name kept by <paramref name="wanted"/>.</summary>
    public IEnumerable<string> Files(SiteEntry folder, Func<string, bool, bool> wanted)
    {
        foreach (var entry in List(folder, wanted))
        {
            if (!entry.IsFolder) yield return entry.Path;
            else foreach (var file in Files(entry, wanted)) yield return file;
        }
    }

    private SiteEntry? Resolve(string path, FileSystemInfo info, SiteEntry parent)
    {
        var attributes = info.Attributes;
        if ((int)attributes == -1) return null;
        if (!attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            var isFolder = attributes.HasFlag(FileAttributes.Directory);
            var real = System.IO.Path.Combine(parent.Real, info.Name);
            return new SiteEntry(path, isFolder, real, isFolder ? parent.Folders.Push(real) : parent.Folders);
        }
        if (FileTree.FollowLink(realRoot, path, info.FullName, out var problem) is not { } target) return Report(problem!);
        if (!new FileInfo(target).Attributes.HasFlag(FileAttributes.Directory)) return new SiteEntry(path, false, target, parent.Folders);
        if (parent.Folders.Contains(target)) return Report(Diagnostic.Warning(SourceSpan.File(path), "is a symbolic link to a folder that holds it; skipped"));
        if (!linkedFolders.Add(target)) return Report(Diagnostic.Warning(SourceSpan.File(path), "is a symbolic link to a folder already read through another link; skipped"));
        return new SiteEntry(path, true, target, parent.Folders.Push(target));
    }

    /// <summary>Adds <paramref name="problem"/> once per path (a file may be looked at twice) and skips the entry.</summary>
    private SiteEntry? Report(Diagnostic problem)
    {
        if (reported.Add(problem.Span.Path)) Diagnostics.Add(problem);
        return null;
    }
}
