namespace Lemma.Output;

/// <summary>
/// One file of the built site: its path under the output folder ("posts/x/index.html") and either its
/// bytes or the source file to copy. A <see cref="Staged"/> file was already written, by this build, to
/// <see cref="CopyFrom"/> in its staging folder, which emit may move rather than copy.
/// </summary>
public sealed record OutputFile(string Path, byte[]? Bytes, string? CopyFrom)
{
    public bool Staged { get; init; }

    /// <summary>A page a build with <see cref="Model.BuildOptions.DeferPages"/> left to be rendered when asked for: its
    /// key in <see cref="PageQueries.Page"/>. It has neither bytes nor a file to copy. A path that ends in '/' is a
    /// folder whose files are all made when asked for, each by its own path as key (<see cref="IsFolder"/>).</summary>
    public string? Pending { get; init; }

    /// <summary>A pending folder (<see cref="Pending"/>): the files below it are known only when asked for.</summary>
    public bool IsFolder => Pending is not null && Path.EndsWith('/');

    public static OutputFile Text(string path, string text) => new(path, System.Text.Encoding.UTF8.GetBytes(text), null);

    public static OutputFile Copy(string path, string absoluteSource) => new(path, null, absoluteSource);

    /// <summary>The file's bytes, from memory or from the file it copies.</summary>
    public byte[] ReadBytes() => Bytes ?? (CopyFrom is { } from ? FileTree.ReadBytes(from) : throw new InvalidOperationException($"{Path} is rendered when asked for"));
}
