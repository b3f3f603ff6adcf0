using System.Globalization;
using System.Text.RegularExpressions;

namespace Lemma.Images;

/// <summary>
/// An SVG file's size, read from its root element's <c>width</c> and <c>height</c> (in pixels, or without a unit), else
/// from its <c>viewBox</c>: what a browser shows it at. The drawing itself is never rendered.
/// </summary>
internal static partial class SvgSize
{
    // The root element is near the start: past an XML prolog, comments and a doctype.
    private const int Head = 64 * 1024;

    public static ImageHeader Read(string path)
    {
        string text;
        try
        {
            using var file = File.OpenRead(path);
            var buffer = new byte[Head];
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return ImageHeader.Unusable("it could not be read; it is published as it is");
        }
        if (Root().Match(text) is not { Success: true } root)
            return ImageHeader.Unusable("it is not an SVG file (no <svg> element at its start); it is published as it is");
        var tag = root.Value;
        var width = Length(Attribute(tag, "width"));
        var height = Length(Attribute(tag, "height"));
        if (width is null || height is null)
        {
            var box = Attribute(tag, "viewBox")?.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (box is { Length: 4 } && Length(box[2]) is { } w && Length(box[3]) is { } h)
            {
                // One given size scales the other by the viewBox's aspect ratio, as a browser does.
                if (width is { } givenWidth) (width, height) = (givenWidth, givenWidth * h / w);
                else if (height is { } givenHeight) (width, height) = (givenHeight * w / h, givenHeight);
                else (width, height) = (w, h);
            }
        }
        return width is > 0 and < 100_000 && height is > 0 and < 100_000
            ? new((int)System.Math.Round(width.Value), (int)System.Math.Round(height.Value), "svg")
            : new(0, 0, "svg"); // drawn at the size its page gives it
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"""\s{name}\s*=\s*["']([^"']*)["']""", RegexOptions.CultureInvariant) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>A length in pixels ("640", "640px", "640.5"); null for a percentage or a relative unit.</summary>
    private static double? Length(string? value)
    {
        var text = value?.Trim();
        if (text is null) return null;
        if (text.EndsWith("px", StringComparison.Ordinal)) text = text[..^2];
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
    }

    [GeneratedRegex(@"<svg\b[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Root();
}
