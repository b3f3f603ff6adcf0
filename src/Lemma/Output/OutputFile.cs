namespace Lemma.Output;

/// <summary>
/// One file of the built site: its path under the output folder ("posts/x/index.html") and either its
/// bytes or the source file to copy.
/// </summary>
public sealed record OutputFile(string Path, byte[]? Bytes, string? CopyFrom)
{
    public static OutputFile Text(string path, string text) => new(path, System.Text.Encoding.UTF8.GetBytes(text), null);

    public static OutputFile Copy(string path, string absoluteSource) => new(path, null, absoluteSource);
}
