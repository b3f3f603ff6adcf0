using Lemma.Output;

namespace Lemma.Tests.Output;

public class ChunkedStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(1_000_000)]
    public void Gives_back_every_byte_written_in_order(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        using var stream = new ChunkedStream();
        // In pieces of uneven sizes, across the blocks' bounds.
        for (int at = 0, piece = 1; at < size; at += piece, piece = piece * 3 % 70_001 + 1)
            stream.Write(bytes.AsSpan(at, System.Math.Min(piece, size - at)));
        Assert.Equal(size, stream.Length);
        Assert.Equal(bytes, stream.ToArray());
    }
}
