using System.Text.RegularExpressions;
using Lemma.Images;
using Lemma.Server.Hosting;

namespace Lemma.Server.Publishing;

/// <summary>
/// The smaller copies of images ("figure.800w.webp") that the server's builds name but do not make: each is made on
/// its first request (and kept in the site's cache), so starting `serve` never waits for a site's images.
/// </summary>
internal static partial class ImageCopies
{
    /// <summary>The copy at <paramref name="urlPath"/>, made now if need be; null for a path that names no copy.</summary>
    public static ServedFile? Find(SiteHost host, string urlPath)
    {
        if (!Names(urlPath)) return null;
        var sitePath = "/" + Uri.UnescapeDataString(urlPath).TrimStart('/');
        if (!host.TryRead(ImageQueries.Copy, sitePath, out var file) || file is null) return null;
        byte[] bytes;
        try { bytes = File.ReadAllBytes(file); }
        catch (IOException) { return null; }
        return new ServedFile(sitePath.TrimStart('/'), bytes, ContentTypes.For(sitePath), SiteSnapshot.ETagOf(bytes));
    }

    /// <summary>True for a path shaped like a copy's ("figure.800w.webp").</summary>
    public static bool Names(string urlPath) => Copy().IsMatch(urlPath);

    [GeneratedRegex(@"\.[0-9]{1,5}w\.(avif|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex Copy();
}
