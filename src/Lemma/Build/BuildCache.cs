using System.Collections.Immutable;
using Lemma.Bibliography;
using Lemma.Configuration;
using Lemma.Content;
using Lemma.Data;
using Lemma.Diagnostics;
using Lemma.Markdown;
using Lemma.Model;
using Lemma.Output;
using Lemma.Sources;
using Lemma.Templates;

namespace Lemma.Build;

/// <summary>
/// What one build lends the next in the same process (`lemma serve`): each stage's result, kept while its inputs are
/// unchanged. The owner reports which files changed (<see cref="Changed"/>); a stage redoes only the work those files
/// reach, and compares what it would hand on with what it handed on last time, so unchanged things keep their objects
/// and later stages can tell them apart by reference. A build with the cache gives the same bytes as one without.
/// Thread-safe; owned by whoever rebuilds, never static.
/// </summary>
public sealed class BuildCache
{
    private readonly Lock gate = new();
    private SourceChanges pending = SourceChanges.Unknown;
    private IReadOnlyList<IContentFormat>? formats;
    private (SiteConfig Config, BibLibrary Bibliography)? formatsKey;
    private volatile Dictionary<string, (PageSource Source, RenderedContent Content)> rendered = new(StringComparer.Ordinal);

    /// <summary>The last build's stage results.</summary>
    internal BuildState? Last { get; set; }

    /// <summary>Pages the last build took from the cache instead of rendering their content.</summary>
    public int Reused { get; private set; }

    /// <summary>Pages taken from the cache over its whole life.</summary>
    public long ReusedTotal { get; private set; }

    /// <summary>Pages the last build did not render through the templates again.</summary>
    public int ReusedPages => Last?.Pages?.Reused ?? 0;

    /// <summary>Tells the next build that these files (relative to the site root) were written, created or deleted.</summary>
    public void Changed(IEnumerable<string> relativePaths)
    {
        lock (gate) pending = pending.Union(SourceChanges.Of(relativePaths));
    }

    /// <summary>Tells the next build that anything may have changed (a watcher lost events).</summary>
    public void ChangedUnknown()
    {
        lock (gate) pending = SourceChanges.Unknown;
    }

    /// <summary>The changes since the last build, which the caller now owns; <see cref="Requeue"/> them if the build fails.</summary>
    internal SourceChanges TakeChanges()
    {
        lock (gate)
        {
            var taken = Last is null ? SourceChanges.Unknown : pending;
            pending = SourceChanges.Of([]);
            return taken;
        }
    }

    internal void Requeue(SourceChanges changes)
    {
        lock (gate) pending = pending.Union(changes);
    }

    internal IReadOnlyList<IContentFormat> Formats(SiteConfig config, BibLibrary bibliography, Func<IReadOnlyList<IContentFormat>> create)
    {
        lock (gate)
        {
            if (formats is null || formatsKey is not { } key || !ReferenceEquals(key.Config, config) || !ReferenceEquals(key.Bibliography, bibliography))
            {
                formats = create();
                formatsKey = (config, bibliography);
                rendered = new Dictionary<string, (PageSource, RenderedContent)>(StringComparer.Ordinal);
            }
            return formats;
        }
    }

    /// <summary>The last build's rendering of <paramref name="page"/>, if its body is the same; thread-safe (read-only
    /// during a build). <paramref name="same"/> tells whether the last build rendered this very source object.</summary>
    internal RenderedContent? Rendered(PageSource page, out bool same)
    {
        // A rendering depends on the path, format and body (and its line, for positions). The same source object
        // has the same body; another one (a front matter edit) is compared, and only then, character by character.
        same = false;
        if (!rendered.TryGetValue(page.Path, out var entry)) return null;
        same = ReferenceEquals(entry.Source, page);
        // A Hugo shortcode may read the front matter (param, .Page.Params): such a body is rendered again after any edit.
        return same || (entry.Source.Format == page.Format && entry.Source.BodyLine == page.BodyLine && entry.Source.Body == page.Body
            && entry.Source.BodyLines.SequenceEqual(page.BodyLines) && SameMathFlags(entry.Source.FrontMatter.Raw, page.FrontMatter.Raw)
            && !Markdown.Shortcodes.ShortcodeReader.MayHave(page.Body))
            ? entry.Content : null;
    }

    // The front matter that changes how math is read (MarkdownFormat.DialectOf) or whether cells show (echo) changes the
    // rendering too; a map (execute:) is never equal to last build's, so its page is rendered again, which is safe.
    private static bool SameMathFlags(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
        MarkdownFormat.RenderingKeys.All(key => Equals(a.GetValueOrDefault(key), b.GetValueOrDefault(key)));

    /// <summary>
    /// Keeps this build's renderings for the next, and only these, so deleted and edited pages do not pile up.
    /// <paramref name="changed"/> are the pages whose source or rendering is not the last build's.
    /// </summary>
    internal void KeepRendered(IReadOnlyList<PageSource> sources, IReadOnlyList<RenderedContent?> results, IReadOnlyList<int> changed, int reused)
    {
        var last = rendered;
        Dictionary<string, (PageSource, RenderedContent)> next;
        if (last.Count == sources.Count && results.All(r => r is not null) && changed.All(i => last.ContainsKey(sources[i].Path)))
        {
            // The same paths as last time: copy the table (no hashing) and put in what changed.
            next = new Dictionary<string, (PageSource, RenderedContent)>(last, StringComparer.Ordinal);
            foreach (var i in changed) next[sources[i].Path] = (sources[i], results[i]!);
        }
        else
        {
            next = new Dictionary<string, (PageSource, RenderedContent)>(sources.Count, StringComparer.Ordinal);
            for (var i = 0; i < sources.Count; i++)
                if (results[i] is { } content) next[sources[i].Path] = (sources[i], content);
        }
        lock (gate) rendered = next;
        Reused = reused;
        ReusedTotal += reused;
    }

    /// <summary>Keeps the renderings of a build that rendered only <paramref name="edited"/> and took the rest from the last.</summary>
    internal void KeepEdited(IReadOnlyList<(PageSource Source, RenderedContent Content)> edited)
    {
        var next = new Dictionary<string, (PageSource, RenderedContent)>(rendered, StringComparer.Ordinal);
        foreach (var (source, content) in edited) next[source.Path] = (source, content);
        lock (gate) rendered = next;
        Reused = next.Count - edited.Count;
        ReusedTotal += Reused;
    }
}

/// <summary>The results of one build's stages, as the next build may reuse them.</summary>
internal sealed record BuildState(
    ConfigResult Config,
    SiteConfig SiteConfig,
    SourceSet Sources,
    LoadResult Loaded,
    DataResult Data,
    ModelResult Model,
    (BibLibrary Library, ImmutableArray<Diagnostic> Diagnostics) Bibliography,
    ContentResult Content,
    (TemplateEngine Engine, ImmutableArray<Diagnostic> Diagnostics, SiteUrls Urls) Templates,
    RenderedPages? Pages);
