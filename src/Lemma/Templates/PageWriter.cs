using System.Text;

namespace Lemma.Templates;

/// <summary>
/// A reusable text writer over a growing char buffer. Pages are tens of kilobytes; writing each into a fresh
/// StringWriter and then into a string puts two large-object copies per page on the heap, which a build of
/// thousands of pages pays for in peak memory. This one is cleared and reused, and hands out UTF-8 bytes.
/// Disposing it does nothing: Fluid disposes the writers it wraps around it, and this one lives as long as its engine.
/// </summary>
internal sealed class PageWriter : TextWriter
{
    private char[] buffer = new char[64 * 1024];
    private int length;

    public override Encoding Encoding => Encoding.UTF8;

    public ReadOnlySpan<char> Written => buffer.AsSpan(0, length);

    public void Reset() => length = 0;

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(buffer, 0, length);

    public override void Write(char value)
    {
        Reserve(1);
        buffer[length++] = value;
    }

    public override void Write(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(buffer.AsSpan(length));
        length += text.Length;
    }

    public override void Write(char[] chars, int index, int count) => Write(chars.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    // Fluid writes through the async overloads, whose defaults queue the write on the thread pool: write now.
    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] chars, int index, int count)
    {
        Write(chars, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> text, CancellationToken cancellationToken = default)
    {
        Write(text.Span);
        return Task.CompletedTask;
    }

    public override Task FlushAsync() => Task.CompletedTask;

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Reserve(int more)
    {
        if (length + more <= buffer.Length) return;
        Array.Resize(ref buffer, System.Math.Max(buffer.Length * 2, length + more));
    }
}
