namespace Lemma.Output;

/// <summary>
/// A write-only stream that keeps what is written in blocks and gives it back as one array of its exact length. A
/// <see cref="MemoryStream"/> doubles one array as it grows: a feed of 900 KB grew through arrays past the large-object
/// threshold, and a small site's six such feeds set off two full collections of its build. The blocks double from
/// 4 KB to 64 KB, so that a term's small feed takes little more than its size.
/// </summary>
internal sealed class ChunkedStream : Stream
{
    private const int FirstBlock = 4 * 1024;
    private const int LargestBlock = 64 * 1024;
    private readonly List<byte[]> blocks = [];
    private int used;
    private long length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            if (blocks.Count == 0 || used == blocks[^1].Length)
            {
                blocks.Add(new byte[(int)System.Math.Clamp(length, FirstBlock, LargestBlock)]);
                used = 0;
            }
            var take = System.Math.Min(buffer.Length, blocks[^1].Length - used);
            buffer[..take].CopyTo(blocks[^1].AsSpan(used));
            used += take;
            length += take;
            buffer = buffer[take..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public byte[] ToArray()
    {
        var all = GC.AllocateUninitializedArray<byte>(checked((int)length));
        var at = 0;
        foreach (var block in blocks)
        {
            var take = System.Math.Min(block.Length, all.Length - at);
            block.AsSpan(0, take).CopyTo(all.AsSpan(at));
            at += take;
        }
        return all;
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
