using System.Collections.Concurrent;
using System.Text.Json;
using Lemma.Configuration;
using Lemma.Content;
using Lemma.Markdown;

namespace Lemma.Build;

/// <summary>
/// What one build can lend the next in the same process (`lemma serve`): the content formats (Markdig pipeline,
/// highlighter, math renderer) while the config is unchanged, and each page's rendered content while its file is
/// unchanged. Keys hold every input of the work they stand for, so a build with the cache gives the same bytes as one
/// without. Thread-safe; owned by whoever rebuilds, never static.
/// </summary>
public sealed class BuildCache
{
    private readonly Lock gate = new();
    private string? formatsKey;
    private IReadOnlyList<IContentFormat>? formats;
    private ConcurrentDictionary<RenderKey, RenderedContent> rendered = new();

    private sealed record RenderKey(string Path, ContentFormat Format, int BodyLine, string Body);

    /// <summary>Pages the last build took from the cache instead of rendering them.</summary>
    public int Reused { get; private set; }

    /// <summary>Pages taken from the cache over its whole life.</summary>
    public long ReusedTotal { get; private set; }

    internal IReadOnlyList<IContentFormat> Formats(SiteConfig config, string root, Func<IReadOnlyList<IContentFormat>> create)
    {
        var key = root + "\n" + JsonSerializer.Serialize(config.Params);
        lock (gate)
        {
            if (formats is null || formatsKey != key)
            {
                formats = create();
                formatsKey = key;
                rendered = new ConcurrentDictionary<RenderKey, RenderedContent>();
            }
            return formats;
        }
    }

    /// <summary>The cached rendering of <paramref name="page"/>, or a new one (then kept). Old entries go after each build.</summary>
    internal Func<PageSource, Func<RenderedContent>, RenderedContent> Renderer(out Action finish)
    {
        var used = new ConcurrentDictionary<RenderKey, RenderedContent>();
        var reused = 0;
        var current = rendered;
        finish = () =>
        {
            // Keep only what this build used, so deleted and edited pages do not pile up.
            lock (gate) if (ReferenceEquals(rendered, current)) rendered = used;
            Reused = reused;
            ReusedTotal += reused;
        };
        return (page, render) =>
        {
            var key = new RenderKey(page.Path, page.Format, page.BodyLine, page.Body);
            if (current.TryGetValue(key, out var hit)) Interlocked.Increment(ref reused);
            else hit = render();
            used[key] = hit;
            return hit;
        };
    }
}
