using Mmap.Benchmarks.Comparisons;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Tests;

/// <summary>The count behind comparison 11's note: what the plain ring reassembles is what a consumer of the real plain
/// ring finds split across its end, record by record.</summary>
public class RecordStreamTests
{
    [Fact]
    public void StraddlingCountsTheRecordsThePlainRingShowsInTwoPieces()
    {
        var records = new RecordStream(4 << 20);
        var ring = new PlainRing(RecordRing.RingBytes);
        int next = 0, split = 0;
        long splitBytes = 0;
        // One thread: fill the ring with whole records, then take each back, noting those Peek gives in two pieces.
        while (next < records.Count)
        {
            int written = next;
            while (written < records.Count && ring.TryWriteRecord(records.Payload(written))) written++;
            for (; next < written; next++)
            {
                ring.Peek(out ReadOnlySpan<byte> first, out _);
                int length = records.Payload(next).Length;
                if (first.Length < RecordStream.PrefixBytes) { split++; splitBytes += RecordStream.PrefixBytes; }
                else if (first.Length < RecordStream.PrefixBytes + length) { split++; splitBytes += length; }
                ring.Advance(RecordStream.PrefixBytes + length);
            }
        }
        var (straddling, bytes, total) = records.Straddling(RecordRing.RingBytes);
        Assert.True(split > 0, "no record straddled the ring's end: the check shows nothing");
        Assert.Equal(split, straddling);
        Assert.Equal(splitBytes, bytes);
        Assert.Equal(Enumerable.Range(0, records.Count).Sum(i => (long)RecordStream.PrefixBytes + records.Payload(i).Length), total);
        Assert.Equal((0, 0L, total), records.Straddling(int.MaxValue));
    }
}
