namespace Lemma.Model;

/// <summary>What the user asked of one build.</summary>
public sealed record BuildOptions
{
    /// <summary>Site root (absolute).</summary>
    public required string Source { get; init; }
    /// <summary>Output folder (absolute); "public" under the source by default.</summary>
    public required string Output { get; init; }
    public bool Drafts { get; init; }
    public bool Future { get; init; }
    public string? BaseUrl { get; init; }
    /// <summary>Warnings fail the build.</summary>
    public bool Strict { get; init; }
    /// <summary>True for `lemma serve`: drafts and in-progress pages carry a visible badge.</summary>
    public bool Preview { get; init; }
    /// <summary>False for `lemma check` and the server: build in memory, write nothing.</summary>
    public bool Emit { get; init; } = true;
    /// <summary>True for `lemma serve`'s preview: a build lists its pages and leaves each to be rendered when first asked
    /// for (<see cref="Build.BuildStore.RenderPage"/>), so an edit that moves a thousand list pages costs a look at the one open.</summary>
    public bool DeferPages { get; init; }
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
