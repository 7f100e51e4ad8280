namespace Mmap.Benchmarks.Support;

/// <summary>
/// The records comparison 11 streams through a ring: [4-byte little-endian length][payload], payloads of 1 byte to
/// <see cref="MaxPayload"/> spread at random (a fixed seed), each cut from a fixed random source at a stepping offset.
/// Records are a few KiB against a 64 KiB ring, so about one record in eight straddles the ring's end. The consumer
/// folds each payload into <see cref="RingStream.Fold"/>'s checksum; a lost, torn or reordered record changes it.
/// </summary>
public sealed class RecordStream
{
    /// <summary>The largest payload: 16 KiB, a quarter of the ring.</summary>
    public const int MaxPayload = 16 << 10;

    /// <summary>The length prefix.</summary>
    public const int PrefixBytes = sizeof(int);

    private const int SourceBytes = 2 << 20;
    private const int StrideBytes = 8 * 7919;
    private readonly byte[] _source = new byte[SourceBytes + MaxPayload];
    private readonly int[] _lengths;

    /// <param name="totalBytes">About how many bytes the records take in the ring, prefixes included.</param>
    public RecordStream(long totalBytes)
    {
        var random = new Random(20261207);
        random.NextBytes(_source);
        var lengths = new List<int>();
        for (long total = 0; total < totalBytes; )
        {
            int length = random.Next(1, MaxPayload + 1);
            lengths.Add(length);
            total += PrefixBytes + length;
        }
        _lengths = [.. lengths];
    }

    /// <summary>Records in the stream.</summary>
    public int Count => _lengths.Length;

    /// <summary>The payload of record <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Payload(int index) => _source.AsSpan((int)((long)index * StrideBytes % SourceBytes), _lengths[index]);

    /// <summary>What a ring of <paramref name="ringBytes"/> that shows the consumer two pieces must reassemble: the records
    /// whose prefix or payload straddles its end, and those bytes. A mirrored ring saves this copy and no other.</summary>
    public (int Records, long Bytes, long TotalBytes) Straddling(int ringBytes)
    {
        int records = 0;
        long at = 0, bytes = 0;
        foreach (int length in _lengths)
        {
            long start = at % ringBytes;
            if (start + PrefixBytes > ringBytes) { records++; bytes += PrefixBytes; }
            else if (start + PrefixBytes + length > ringBytes) { records++; bytes += length; }
            at += PrefixBytes + length;
        }
        return (records, bytes, at);
    }

    /// <summary>The checksum a consumer must end with: every payload folded in order.</summary>
    public ulong Checksum()
    {
        ulong sum = 0;
        for (int i = 0; i < Count; i++) sum = RingStream.Fold(sum, Payload(i));
        return sum;
    }
}
