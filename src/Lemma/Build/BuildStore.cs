using System.Collections.Immutable;
using Lemma.Incremental;
using Lemma.Model;
using Lemma.Sources;

namespace Lemma.Build;

/// <summary>
/// What one build lends the next in the same process (`lemma serve`): the memo of every query, and the files reported
/// changed since the last build, which become new versions of those files when the next build starts. A build with a
/// store gives the same bytes as one without. Thread-safe; owned by whoever rebuilds, never static.
/// </summary>
public sealed class BuildStore
{
    private readonly Lock gate = new();
    // Null: anything may have changed (the first build, a watcher that lost events): the next build starts afresh.
    private HashSet<string>? pending;
    private QueryStore memo = new();
    // Every post's comments as last told, and the posts told since the last build: a new memo gets them all.
    private readonly Dictionary<string, ImmutableArray<ReaderComment>> comments = new(StringComparer.Ordinal);
    private readonly HashSet<string> commentsTold = new(StringComparer.Ordinal);

    /// <summary>The memo of the last build, for counts and tests.</summary>
    public QueryStore Memo => memo;

    /// <summary>A page a build with <see cref="BuildOptions.DeferPages"/> listed (<see cref="Output.OutputFile.Pending"/>),
    /// rendered now, or reused when nothing it read has changed. Never while a build runs: the caller keeps them apart.</summary>
    public (Output.OutputFile? File, Diagnostics.Diagnostic? Error) RenderPage(string key) => memo.Get(Output.PageQueries.Page, key);

    /// <summary>The page as last rendered, when no change since has reached it; null when it must be rendered again.</summary>
    public Output.OutputFile? RenderedPage(string key) =>
        memo.TryCurrent(Output.PageQueries.Page, key, out var page) && page.Error is null ? page.File : null;

    private QueryStore? watched;

    /// <summary>The keys of the pages a change reached since the last call; null when that is not known (the first call,
    /// or a store begun anew since): then any page may have changed. Never while a build runs.</summary>
    public IReadOnlySet<string>? TakeReachedPages()
    {
        if (ReferenceEquals(watched, memo)) return memo.TakeMarked(Output.PageQueries.Page);
        watched = memo;
        memo.Watch(Output.PageQueries.Page);
        return null;
    }

    /// <summary>Tells the next build that these files (relative to the site root) were written, created or deleted.</summary>
    public void Changed(IEnumerable<string> relativePaths)
    {
        lock (gate) pending?.UnionWith(relativePaths.Select(p => p.Replace('\\', '/').Trim('/')));
    }

    /// <summary>Tells the next build a post's approved comments (by its site path, "/posts/a/"), oldest first.</summary>
    public void SetComments(string post, IEnumerable<ReaderComment> approved)
    {
        lock (gate)
        {
            comments[post] = [.. approved];
            commentsTold.Add(post);
        }
    }

    /// <summary>Tells the next build that anything may have changed (a watcher lost events).</summary>
    public void ChangedUnknown()
    {
        lock (gate) pending = null;
    }

    /// <summary>The memo for a build with <paramref name="options"/>, its inputs brought up to date (not yet propagated).</summary>
    internal QueryStore Begin(BuildOptions options)
    {
        HashSet<string>? changed;
        (string Post, ImmutableArray<ReaderComment> Approved)[] told;
        lock (gate)
        {
            changed = pending;
            pending = new HashSet<string>(StringComparer.Ordinal);
            told = [.. (changed is null ? comments.Keys.AsEnumerable() : commentsTold).Select(post => (post, comments[post]))];
            commentsTold.Clear();
        }
        if (changed is null) memo = new QueryStore { Forgets = Forgets, KeepsReads = !OneBuild };
        else
        {
            var tree = false;
            var arrivals = new Dictionary<string, ImmutableDictionary<string, bool>>(StringComparer.Ordinal);
            foreach (var path in changed)
            {
                Touch(path);
                if (StillListed(path)) continue;
                // A plain file created or deleted in a folder already listed is told to that folder's listing; anything
                // else (a folder, a link, a file at the root, which discovery looks for by name) lists the site again.
                var slash = path.LastIndexOf('/');
                var folder = slash > 0 ? path[..slash] : null;
                if (folder is not null && memo.TryPeek(SiteQueries.DiskListing, folder, out _) && PlainOrGone(path) is { } exists)
                {
                    var known = arrivals.GetValueOrDefault(folder) ?? memo.Peek(BuildInputs.Arrivals, folder) ?? ImmutableDictionary<string, bool>.Empty.WithComparers(StringComparer.Ordinal);
                    arrivals[folder] = known.SetItem(path[(slash + 1)..], exists);
                }
                else tree = true;
            }
            if (tree)
            {
                // Listed again from the disk, no folder needs what it was told since.
                Bump(BuildInputs.Tree, "");
                foreach (var folder in memo.Keys(BuildInputs.Arrivals).ToArray()) memo.Set(BuildInputs.Arrivals, folder, ImmutableDictionary<string, bool>.Empty);
            }
            else foreach (var (folder, known) in arrivals) memo.Set(BuildInputs.Arrivals, folder, known);
        }
        foreach (var (post, approved) in told) memo.Set(BuildInputs.Comments, post, approved);
        memo.Set(BuildInputs.Options, "", options);
        memo.Set(BuildInputs.Now, "", options.Clock.GetUtcNow());
        return memo;
    }

    /// <summary>True for the store of a build no other follows (`lemma build`): see <see cref="QueryStore.KeepsReads"/>.</summary>
    internal bool OneBuild { get; init; }

    /// <summary>For tests of the tests: reads of these queries go unrecorded (see <see cref="QueryStore.Forgets"/>).</summary>
    internal Func<string, bool>? Forgets { get; init; }

    /// <summary>A new version of the file at <paramref name="path"/> and of every file below it (a folder renamed), of its
    /// top folder for readers that walk it, and of "*" for readers that may read any file.</summary>
    private void Touch(string path)
    {
        Bump(BuildInputs.File, path);
        // A file needs no look at the others (at 10k pages, a pass over every file's version for each save).
        if (memo.Peek(BuildInputs.Options, "") is not { } options || !File.Exists(Path.Combine(options.Source, path)))
        {
            var below = path + "/";
            foreach (var file in memo.Keys(BuildInputs.File).Where(f => f.StartsWith(below, StringComparison.Ordinal)).ToArray()) Bump(BuildInputs.File, file);
        }
        Bump(BuildInputs.Folder, path.Split('/')[0]);
        Bump(BuildInputs.Folder, "*");
    }

    private void Bump(Incremental.Input<string, long> input, string key) => memo.Set(input, key, memo.Peek(input, key) + 1);

    /// <summary>
    /// True when <paramref name="path"/> is a file the last discovery listed and that still exists, reached through no
    /// link: the set of files is the same. A file that became a link is discovered again, and its link checked.
    /// </summary>
    private bool StillListed(string path)
    {
        if (!memo.TryPeek(SiteQueries.Sources, "", out var last)) return false;
        var listed = Listed(last.ContentFiles, path) || Listed(last.BundleResources, path) || Listed(last.DataFiles, path)
            || Listed(last.LayoutFiles, path) || Listed(last.StaticFiles, path) || Listed(last.BibliographyFiles, path) || Listed(last.AssetFiles, path)
            || Listed(last.IncludeFiles, path) || Listed(last.SiteFiles, path) || path == last.ConfigFile;
        var full = Path.Combine(last.Root, path);
        return listed && File.Exists(full) && FileTree.RealPath(last.Root) is { } realRoot && FileTree.RealPath(full) == Path.Combine(realRoot, path);
    }

    /// <summary>True when the path is a plain file now (not a link, not a folder), false when nothing is there, null otherwise.</summary>
    private bool? PlainOrGone(string path)
    {
        var info = new FileInfo(Path.Combine(memo.Peek(BuildInputs.Options, "")!.Source, path));
        if ((int)info.Attributes == -1) return false;
        return info.Attributes.HasFlag(FileAttributes.ReparsePoint) || info.Attributes.HasFlag(FileAttributes.Directory) ? null : true;
    }

    private static bool Listed(ImmutableArray<string> sortedPaths, string path) =>
        sortedPaths.BinarySearch(path, StringComparer.Ordinal) >= 0;
}
