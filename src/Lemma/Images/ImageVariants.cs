using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Lemma.Images;

/// <summary>One smaller copy of an image: its site path ("/posts/a/figure.800w.webp"), width and format ("avif", "webp").</summary>
public sealed record ImageVariant(string SitePath, int Width, string Format);

/// <summary>An image's copies as made: each variant and the file in the site's cache that holds it; or why none could be made.</summary>
public sealed record ProcessedImage(ImmutableArray<(ImageVariant Variant, string CacheFile)> Files, string? Problem)
{
    public bool Equals(ProcessedImage? other) => other is not null && Problem == other.Problem && Files.SequenceEqual(other.Files);

    public override int GetHashCode() => Files.Length;
}

/// <summary>
/// The smaller copies of an image: which (<see cref="Plan"/>: from its header alone, so a page names them before they
/// exist) and how they are made (<see cref="Make"/>: libvips, EXIF orientation applied, metadata stripped, never
/// upscaled), kept in the site's cache by the hash of the original's bytes so an unchanged image is made once.
/// </summary>
public static class ImageVariants
{
    /// <summary>Bump when what <see cref="Make"/> writes changes (quality, encoder settings), so old cache entries are not reused.</summary>
    public const string FormatVersion = "lemma-images-1";

    /// <summary>The widths copies are made at: about a phone, a laptop's column, and both at twice the pixels.</summary>
    public static readonly ImmutableArray<int> Ladder = [480, 800, 1200, 1600];

    /// <summary>The formats of the copies, best first, as the <c>&lt;source&gt;</c>s of a picture list them.</summary>
    public static readonly ImmutableArray<string> Formats = ["avif", "webp"];

    /// <summary>What the theme's column is wide (its <c>--measure</c>, 42rem), for <c>sizes</c>.</summary>
    public const string Sizes = "(max-width: 46rem) 100vw, 42rem";

    /// <summary>The widths of an image <paramref name="width"/> pixels wide: the ladder's below it, and its own (up to the
    /// ladder's top). None for an image narrower than the ladder's first step, which the original serves best.</summary>
    public static ImmutableArray<int> Widths(int width) =>
        width <= Ladder[0] ? [] : [.. Ladder.Where(w => w < width).Append(System.Math.Min(width, Ladder[^1])).Distinct()];

    /// <summary>The copies of the image at <paramref name="sitePath"/>, beside it: "figure.png" gives "figure.480w.avif"...</summary>
    public static ImmutableArray<ImageVariant> Plan(string sitePath, ImageHeader header) =>
        !header.Resizable ? [] : [.. Widths(header.Width).SelectMany(w => Formats.Select(f => new ImageVariant(Name(sitePath, w, f), w, f)))];

    /// <summary>"a/figure.png" (or a URL with a query) as "a/figure.800w.webp".</summary>
    public static string Name(string path, int width, string format)
    {
        var dot = path.LastIndexOf('.');
        return (dot > path.LastIndexOf('/') ? path[..dot] : path) + $".{width}w.{format}";
    }

    /// <summary>
    /// Makes (or finds in <paramref name="cacheDirectory"/>) the copies of the image file at <paramref name="source"/>.
    /// Never throws for a bad image: its problem comes back instead, and nothing is written for it.
    /// </summary>
    public static ProcessedImage Make(string source, ImmutableArray<ImageVariant> variants, string cacheDirectory)
    {
        if (variants.IsEmpty) return new([], null);
        if (Libvips.Problem is { } unavailable) return new([], $"images cannot be processed here: {unavailable}");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(source); }
        catch (IOException e) { return new([], e.Message); }
        var key = Convert.ToHexString(SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(FormatVersion), .. bytes]).AsSpan(0, 16)).ToLowerInvariant();
        var folder = Path.Combine(cacheDirectory, key[..2], key);
        var files = variants.Select(v => (v, Path.Combine(folder, $"{v.Width}.{v.Format}"))).ToImmutableArray();
        if (files.All(f => File.Exists(f.Item2))) return new(files, null);
        try
        {
            Directory.CreateDirectory(folder);
            using var top = Decode(bytes, variants.Max(v => v.Width));
            foreach (var group in files.GroupBy(f => f.v.Width))
            {
                using var sized = group.Key >= top.Width ? top.Copy() : top.ThumbnailImage(group.Key, height: 10_000_000, size: NetVips.Enums.Size.Down);
                foreach (var (variant, file) in group) Write(sized, variant.Format, file);
            }
            return new(files, null);
        }
        catch (NetVips.VipsException e)
        {
            return new([], $"it could not be decoded ({ImageHeader.FirstLine(e.Message)}); it is published as it is, without smaller copies");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new([], $"its copies could not be written to the cache ({e.Message})");
        }
    }

    /// <summary>
    /// The image decoded once, upright, at <paramref name="width"/> (or its own width if less), in memory: every copy is
    /// made from it. Decoding fails on a truncated or corrupt file (libvips' thumbnail would fill the rest with grey).
    /// </summary>
    private static NetVips.Image Decode(byte[] bytes, int width)
    {
        using var probe = NetVips.Image.NewFromBuffer(bytes, access: NetVips.Enums.Access.Sequential, failOn: NetVips.Enums.FailOn.Error);
        var orientation = probe.Contains("orientation") && probe.Get("orientation") is int o ? o : 1;
        var turned = orientation is >= 5 and <= 8;
        var stored = turned ? probe.Height : probe.Width;
        // A JPEG decodes at a half, quarter or eighth of its size for the asking: most of the work of a large photo saved.
        var shrink = 1;
        if ((probe.Get("vips-loader") as string)?.StartsWith("jpeg", StringComparison.Ordinal) == true)
            while (shrink < 8 && stored / (shrink * 2) >= width) shrink *= 2;
        using var loaded = shrink == 1 ? probe.Copy()
            : NetVips.Image.NewFromBuffer(bytes, access: NetVips.Enums.Access.Sequential, failOn: NetVips.Enums.FailOn.Error, kwargs: new NetVips.VOption { { "shrink", shrink } });
        // Sized in the file's own orientation (a quarter-turned photo's width is its stored height), then turned in memory.
        using var sized = turned
            ? loaded.ThumbnailImage(10_000_000, height: width, size: NetVips.Enums.Size.Down, noRotate: true)
            : loaded.ThumbnailImage(width, height: 10_000_000, size: NetVips.Enums.Size.Down, noRotate: true);
        var memory = sized.CopyMemory();
        if (orientation == 1) return memory;
        using (memory) return memory.Autorot();
    }

    private static void Write(NetVips.Image image, string format, string file)
    {
        // Written beside the entry and moved into place: a build running at the same time never reads half a file.
        var temp = file + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        var bytes = format switch
        {
            "avif" => image.HeifsaveBuffer(q: 50, compression: NetVips.Enums.ForeignHeifCompression.Av1, effort: 2, keep: NetVips.Enums.ForeignKeep.None),
            _ => image.WebpsaveBuffer(q: 78, effort: 3, keep: NetVips.Enums.ForeignKeep.None),
        };
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, file, overwrite: true);
    }
}
