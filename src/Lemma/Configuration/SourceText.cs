using System.Text;
using Lemma.Diagnostics;

namespace Lemma.Configuration;

/// <summary>
/// Reads a site's text files (config, content, data, layouts) as UTF-8. A file that is not UTF-8 text (UTF-16
/// without a byte order mark, an image saved as .md) is an error at its first bad byte, rather than a page that
/// reads as garbage and fails later for a reason that names nothing the writer can see.
/// </summary>
public static class SourceText
{
    /// <summary>The text of <paramref name="path"/> (relative to <paramref name="root"/>), or why it is not text.</summary>
    public static (string? Text, Diagnostic? Error) Read(string root, string path) => Decode(path, FileTree.ReadBytes(Path.Combine(root, path)));

    public static (string? Text, Diagnostic? Error) Decode(string path, ReadOnlySpan<byte> bytes)
    {
        // A byte order mark says what the file is; UTF-16 and UTF-32 with one are read as they say.
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0])) return Strict(path, new UTF32Encoding(false, true, true), bytes[4..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Strict(path, new UnicodeEncoding(false, true, true), bytes[2..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Strict(path, new UnicodeEncoding(true, true, true), bytes[2..]);

        var nul = bytes.IndexOf((byte)0);
        var valid = Utf8Prefix(bytes);
        var bad = nul >= 0 ? System.Math.Min(nul, valid) : valid;
        if (bad < bytes.Length)
        {
            var what = bad == nul ? "a NUL byte" : $"byte 0x{bytes[bad]:X2}";
            var hint = nul >= 0 ? " (UTF-16 without a byte order mark, or a binary file?)" : " (another encoding, or a binary file?)";
            return (null, Diagnostic.Error(Position(path, bytes[..bad]), $"not UTF-8 text: {what}{hint}; save the file as UTF-8"));
        }
        return (Encoding.UTF8.GetString(bytes), null);
    }

    private static (string? Text, Diagnostic? Error) Strict(string path, Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            var text = encoding.GetString(bytes);
            var nul = text.IndexOf('\0');
            if (nul < 0) return (text, null);
            return (null, Diagnostic.Error(Position(path, Encoding.UTF8.GetBytes(text[..nul])), "not text: a NUL character"));
        }
        catch (DecoderFallbackException)
        {
            return (null, Diagnostic.Error(SourceSpan.File(path), $"not {encoding.WebName} text, though it starts with that encoding's byte order mark"));
        }
    }

    /// <summary>How many leading bytes are well-formed UTF-8.</summary>
    private static int Utf8Prefix(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return bytes.Length;
        var at = 0;
        while (at < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[at..], out _, out var used) != System.Buffers.OperationStatus.Done) return at;
            at += used;
        }
        return at;
    }

    /// <summary>The line and column just after <paramref name="before"/>: where the next byte sits.</summary>
    private static SourceSpan Position(string path, ReadOnlySpan<byte> before)
    {
        var line = 1 + before.Count((byte)'\n');
        var lastNewline = before.LastIndexOf((byte)'\n');
        var column = 1 + Encoding.UTF8.GetCharCount(before[(lastNewline + 1)..]);
        return new SourceSpan(path, line, column);
    }
}
