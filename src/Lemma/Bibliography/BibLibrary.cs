using System.Collections.Immutable;
using Lemma.Configuration;
using Lemma.Diagnostics;

namespace Lemma.Bibliography;

/// <summary>
/// The bibliography files of a site. A page sees the entries of every file in its folder or a folder above it
/// (references.bib at the site root for every page, a .bib in a post's bundle for that post); when two files
/// define a key, the one nearest the page wins.
/// </summary>
public sealed class BibLibrary
{
    public static readonly BibLibrary Empty = new([]);

    private readonly ImmutableArray<BibFile> files;
    private readonly ImmutableHashSet<string> siteWide;

    /// <param name="siteWide">Files every page sees wherever they are (a Jekyll site's jekyll-scholar source, _bibliography/);
    /// a file nearer the page wins over them.</param>
    public BibLibrary(IEnumerable<BibFile> files, IEnumerable<string>? siteWide = null)
    {
        this.siteWide = [.. siteWide ?? []];
        // Site-wide files first, then by depth: the deepest folder last, so that its entries replace those of the folders above.
        this.files = [.. files.OrderBy(f => this.siteWide.Contains(f.Path) ? -1 : f.Path.Count(c => c == '/')).ThenBy(f => f.Path, StringComparer.Ordinal)];
    }

    public ImmutableArray<BibFile> Files => files;

    /// <summary>The entries a page at <paramref name="pagePath"/> (relative to the site root) can cite, by key.</summary>
    public IReadOnlyDictionary<string, BibEntry> For(string pagePath)
    {
        var folder = pagePath.Contains('/') ? pagePath[..(pagePath.LastIndexOf('/') + 1)] : "";
        var entries = new Dictionary<string, BibEntry>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var fileFolder = file.Path.Contains('/') ? file.Path[..(file.Path.LastIndexOf('/') + 1)] : "";
            if (!folder.StartsWith(fileFolder, StringComparison.Ordinal) && !siteWide.Contains(file.Path)) continue;
            foreach (var entry in file.Entries) entries[entry.Key] = entry;
        }
        return entries;
    }

    /// <summary>Reads and parses the bibliography files (paths relative to <paramref name="root"/>).</summary>
    public static (BibLibrary Library, ImmutableArray<Diagnostic> Diagnostics) Load(string root, IEnumerable<string> paths, IEnumerable<string>? siteWide = null)
    {
        var files = paths.AsParallel().AsOrdered()
            .Select(p =>
            {
                var (text, unreadable) = SourceText.Read(root, p);
                return text is null ? new BibFile(p, [], [unreadable!]) : BibParser.Parse(p, text);
            })
            .ToList();
        return (new BibLibrary(files, siteWide), [.. files.SelectMany(f => f.Diagnostics)]);
    }
}
