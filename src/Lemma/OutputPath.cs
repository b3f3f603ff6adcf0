using System.Text;

namespace Lemma;

/// <summary>
/// The one gate between a URL and a file of the output: every path a build writes, deletes or plans passes
/// <see cref="Problem"/>, so nothing a site contains (a slug, a url, an alias, a permalink pattern, a term, a file
/// name, a manifest line) can name a file outside the output folder.
/// </summary>
public static class OutputPath
{
    /// <summary>The longest name most file systems take, in bytes of UTF-8.</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>A whole path's limit, far below the operating system's (4096 bytes with the output folder in front).</summary>
    public const int MaxPathBytes = 2048;

    /// <summary>The output file for a site path: "/posts/x/" -> "posts/x/index.html"; "/404.html" stays.</summary>
    public static string For(string sitePath) =>
        sitePath.EndsWith('/') ? sitePath.TrimStart('/') + "index.html" : sitePath.TrimStart('/');

    /// <summary>
    /// Null when <paramref name="path"/> ('/'-separated, relative to the output folder) names a file inside it;
    /// else why it does not, as the end of a sentence ("has a '..' segment"). Checked by its text alone, so it proves
    /// the same thing on every system: no rooted path, no empty, '.' or '..' segment, no backslash or NUL, and no
    /// name longer than a file system takes.
    /// </summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0) return "is empty";
        if (path.Contains('\\')) return "has a backslash";
        if (path.Contains('\0')) return "has a NUL character";
        if (path[0] == '/' || Path.IsPathRooted(path)) return "is an absolute path";
        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes) return $"is longer than {MaxPathBytes} bytes";
        // Segment by segment without splitting: every output path of a 16,000-page site passes here after each edit.
        foreach (var range in path.AsSpan().Split('/'))
        {
            var segment = path.AsSpan(range);
            switch (segment)
            {
                case "": return "has an empty segment ('//' or a trailing '/')";
                case ".": return "has a '.' segment";
                case "..": return "has a '..' segment that climbs out of its folder";
            }
            var bytes = Encoding.UTF8.GetByteCount(segment);
            if (bytes > MaxSegmentBytes) return $"has a name of {bytes} bytes, longer than the {MaxSegmentBytes} a file system takes";
        }
        return null;
    }
}
