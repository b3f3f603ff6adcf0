using System.Collections.Immutable;
using System.IO.Enumeration;
using Lemma.Diagnostics;

namespace Lemma.Sources;

/// <summary>A file or folder of the site: its path from the site root ('/'-separated), a folder's real path (the
/// target of a link to a file; empty for another file), and the real folders that hold it.</summary>
internal sealed record SiteEntry(string Path, bool IsFolder, string Real, ImmutableStack<string> Folders)
{
    public string Name { get; } = Path[(Path.LastIndexOf('/') + 1)..];
}

/// <summary>An entry of a folder as listed: its name, whether it is a folder, and whether it is a link, read when walked.</summary>
public readonly record struct ListedEntry(string Name, bool IsFolder, bool IsLink);

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

    private readonly Func<string, ImmutableArray<ListedEntry>> listing;

    /// <param name="listing">A folder's entries by its path from the root; by default, as <see cref="Read"/> finds them.</param>
    public SiteWalker(string root, Func<string, ImmutableArray<ListedEntry>>? listing = null)
    {
        this.root = root;
        this.listing = listing ?? (folder => Read(root, folder));
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
        foreach (var (name, isFolder, isLink) in listing(folder.Path))
        {
            var path = folder.Path.Length == 0 ? name : folder.Path + "/" + name;
            if (!isLink)
            {
                if (!wanted(name, isFolder)) continue;
                // Only a folder's real path is read (its entries'); a folder of 10,000 posts makes none.
                var real = isFolder ? System.IO.Path.Combine(folder.Real, name) : "";
                yield return new SiteEntry(path, isFolder, real, isFolder ? folder.Folders.Push(real) : folder.Folders);
                continue;
            }
            // A link to a folder lists as a folder, so the name filter runs before the link is read.
            var full = Path.Combine(root, path);
            if (!wanted(name, Directory.Exists(full))) continue;
            if (Resolve(path, new FileInfo(full), folder) is { } entry) yield return entry;
        }
    }

    /// <summary>The entries of a folder of the site (its path from the root, "" the root) as they are on disk, by name.</summary>
    public static ImmutableArray<ListedEntry> Read(string root, string folder)
    {
        var dir = Path.Combine(root, folder);
        // A folder's listing says which entries are folders, files or links without a look at each (a folder of 10,000
        // posts lists in milliseconds, against 50 ms when each is looked at). Links are the names a listing that leaves
        // links out lacks (or entries made between the two listings): those are looked at when walked.
        var plain = new FileSystemEnumerable<(string Name, bool IsFolder)>(dir, (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory),
            new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false }).ToDictionary(e => e.Name, e => e.IsFolder, StringComparer.Ordinal);
        var names = new FileSystemEnumerable<string>(dir, (ref FileSystemEntry e) => e.FileName.ToString(),
            new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }).ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return [.. names.Select(name => plain.TryGetValue(name, out var isFolder) ? new ListedEntry(name, isFolder, false) : new ListedEntry(name, false, true))];
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
