using System.Buffers;
using System.Text;

namespace Lemma.Markdown;

/// <summary>
/// HTML held as UTF-8. A page body lives from the render-content stage until the last page that shows it is
/// written; held as a .NET string, a site's bodies take twice the memory. Equal when the bytes are.
/// </summary>
public sealed class Utf8Html : IEquatable<Utf8Html>
{
    public static readonly Utf8Html Empty = new([]);

    private readonly byte[] bytes;

    private Utf8Html(byte[] bytes) => this.bytes = bytes;

    public static Utf8Html From(string html) => html.Length == 0 ? Empty : new(Encoding.UTF8.GetBytes(html));

    public ReadOnlySpan<byte> Bytes => bytes;

    public bool IsEmpty => bytes.Length == 0;

    public override string ToString() => Encoding.UTF8.GetString(bytes);

    /// <summary>Whether the HTML contains <paramref name="text"/>, searched for in UTF-8 without decoding.</summary>
    public bool Contains(string text) => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>Decodes into <paramref name="writer"/> a piece at a time, so no string of the whole body is made.</summary>
    public void WriteTo(TextWriter writer)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = ArrayPool<char>.Shared.Rent(8192);
        try
        {
            var rest = bytes.AsSpan();
            while (true)
            {
                decoder.Convert(rest, chars, flush: true, out var used, out var written, out var completed);
                writer.Write(chars.AsSpan(0, written));
                rest = rest[used..];
                if (completed) break;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public bool Equals(Utf8Html? other) => other is not null && (ReferenceEquals(this, other) || bytes.AsSpan().SequenceEqual(other.bytes));

    public override bool Equals(object? obj) => Equals(obj as Utf8Html);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
