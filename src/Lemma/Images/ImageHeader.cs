namespace Lemma.Images;

/// <summary>
/// What an image's header says: its size as shown (after its EXIF orientation) and its format ("png", "jpeg", "svg"),
/// or why it cannot be used (<see cref="Problem"/>), in which case the image is published as it is.
/// </summary>
public sealed record ImageHeader(int Width, int Height, string Format, string? Problem = null)
{
    /// <summary>Formats whose smaller copies are worth making: not SVG (drawn at any size), not GIF (often animated), not AVIF already.</summary>
    public bool Resizable => Problem is null && Format is "png" or "jpeg" or "webp";

    public static ImageHeader Unusable(string problem) => new(0, 0, "", problem);

    /// <summary>Reads only the header of the file at <paramref name="path"/>: no pixel is decoded.</summary>
    public static ImageHeader Read(string path) =>
        path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? SvgSize.Read(path) : Read(() => NetVips.Image.NewFromFile(path, access: NetVips.Enums.Access.Sequential));

    /// <summary>Reads only the header of an image held in memory (a notebook's output).</summary>
    public static ImageHeader Read(byte[] bytes) => Read(() => NetVips.Image.NewFromBuffer(bytes, access: NetVips.Enums.Access.Sequential));

    private static ImageHeader Read(Func<NetVips.Image> open)
    {
        if (Libvips.Problem is { } problem) return Unusable($"images cannot be read here: {problem}");
        try
        {
            using var image = open();
            var loader = image.Contains("vips-loader") ? image.Get("vips-loader") as string ?? "" : "";
            var format = loader.EndsWith("load", StringComparison.Ordinal) ? loader[..^4] : loader;
            if (format.EndsWith("_source", StringComparison.Ordinal)) format = format[..^7];
            // libvips reads AVIF and HEIC through one loader.
            if (format == "heif") format = "avif";
            var (width, height) = (image.Width, image.Height);
            if ((long)width * height > Libvips.MaxPixels)
                return new(width, height, format, $"it is {width} x {height} pixels, more than Lemma decodes ({Libvips.MaxPixels / 1_000_000} megapixels); it is published as it is");
            // EXIF orientations 5 to 8 turn the picture a quarter: it shows with width and height swapped.
            if (image.Contains("orientation") && image.Get("orientation") is int orientation and >= 5 and <= 8) (width, height) = (height, width);
            return new(width, height, format);
        }
        catch (NetVips.VipsException)
        {
            // libvips' message names the file by its absolute path, which is this machine's business, not the page's.
            return Unusable("it is not an image Lemma can read (not a PNG, JPEG, WebP, GIF or AVIF file, or a broken one); it is published as it is");
        }
    }

    internal static string FirstLine(string message)
    {
        var text = message.Trim();
        var newline = text.IndexOf('\n');
        return (newline < 0 ? text : text[..newline]).Trim().TrimEnd('.', ':');
    }
}
