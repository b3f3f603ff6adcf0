using System.Collections.Immutable;

namespace Lemma.Output;

/// <summary>The files the render-pages stage copies as they are: static/ and bundle resources (paths relative to Root).</summary>
public sealed record SourceLayout(string Root, ImmutableArray<string> StaticFiles, ImmutableArray<string> BundleResources)
{
    /// <summary>A Jekyll site's files published at their own paths (assets/img/a.png -> /assets/img/a.png).</summary>
    public ImmutableArray<string> SiteFiles { get; init; } = [];
}
