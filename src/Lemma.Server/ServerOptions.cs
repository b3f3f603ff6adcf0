namespace Lemma.Server;

/// <summary>How `lemma serve` runs.</summary>
public sealed record ServerOptions
{
    /// <summary>Site root (absolute).</summary>
    public required string Source { get; init; }
    public string Bind { get; init; } = "127.0.0.1";
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; } = 1313;
    /// <summary>For readers: no drafts, no watcher, no injected script; caching, compression and security headers.</summary>
    public bool Production { get; init; }
    /// <summary>Quiet period after a file event before rebuilding, so an editor's burst of writes is one rebuild. An editor's
    /// save (write, or temp file and rename) comes within a millisecond or two; a later write simply rebuilds again.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(10);
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
