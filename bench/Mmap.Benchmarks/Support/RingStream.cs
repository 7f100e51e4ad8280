using System.Numerics;
using System.Runtime.InteropServices;

namespace Mmap.Benchmarks.Support;

/// <summary>
/// The bytes comparison 6 streams through a ring: chunk after chunk of <see cref="ChunkBytes"/> (the last one may be
/// shorter), each cut from a fixed random source at an offset that steps by an odd number of 8-byte words, so no two
/// chunks of a 1 GiB stream start at the same place. <see cref="Fold"/> is the consumer's checksum: a lost, repeated,
/// reordered or altered chunk changes it.
/// </summary>
public sealed class RingStream
{
    /// <summary>60 KiB: not a divisor of the 1 MiB ring, so about one chunk per lap straddles the wrap, each lap at
    /// another offset (a 64 KiB chunk would never straddle it).</summary>
    public const int ChunkBytes = 60 << 10;

    private const int SourceBytes = 2 << 20;
    private const int StrideBytes = 8 * 7919; // 7919 is odd and SourceBytes / 8 a power of two: every start differs
    private readonly byte[] _source = new byte[SourceBytes + ChunkBytes];

    /// <param name="totalBytes">Bytes in the whole stream.</param>
    public RingStream(long totalBytes)
    {
        TotalBytes = totalBytes;
        new Random(20261122).NextBytes(_source);
    }

    /// <summary>Bytes in the whole stream.</summary>
    public long TotalBytes { get; }

    /// <summary>Chunks in the stream, the last one possibly short.</summary>
    public long ChunkCount => (TotalBytes + ChunkBytes - 1) / ChunkBytes;

    /// <summary>The length of chunk <paramref name="index"/>.</summary>
    public int ChunkLength(long index) => (int)Math.Min(ChunkBytes, TotalBytes - index * ChunkBytes);

    /// <summary>Chunk <paramref name="index"/> (0 .. <see cref="ChunkCount"/> - 1).</summary>
    public ReadOnlySpan<byte> Chunk(long index) => _source.AsSpan((int)(index * StrideBytes % SourceBytes), ChunkLength(index));

    /// <summary>The checksum after <paramref name="piece"/>, the next piece of the stream, given the checksum before it.
    /// Order-sensitive across pieces; the sum inside a piece is vectorised so the consumer keeps up with the copies.</summary>
    public static ulong Fold(ulong checksum, ReadOnlySpan<byte> piece) => checksum * 1_000_003 + Sum(piece);

    private static ulong Sum(ReadOnlySpan<byte> piece)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(piece);
        var vectors = MemoryMarshal.Cast<ulong, Vector<ulong>>(words);
        var total = Vector<ulong>.Zero;
        foreach (var v in vectors) total += v;
        ulong sum = Vector.Sum(total);
        for (int i = vectors.Length * Vector<ulong>.Count; i < words.Length; i++) sum += words[i];
        for (int i = words.Length * sizeof(ulong); i < piece.Length; i++) sum += piece[i];
        return sum;
    }
}
