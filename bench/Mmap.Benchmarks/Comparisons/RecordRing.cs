using System.Globalization;
using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>
/// Comparison 11: variable-length records (a 4-byte length, then 1 byte to 16 KiB of payload; <see cref="RecordStream"/>)
/// passed through a 64 KiB ring from a producer thread to a consumer that parses them where they lie and folds every
/// payload into a checksum, which every method returns (the smoke test checks they agree with the stream's). About one
/// record in eight straddles the ring's end: the engine's ring hands it over as one span (reserve/commit, peek/advance),
/// the plain ring as two pieces the consumer copies into a scratch buffer first. A third method copies every record out of
/// the plain ring, as a consumer of a ring with copy calls only must.
/// </summary>
[InvocationCount(1)] // one pass is 0.1-1 s and starts its own producer thread
public class RecordRing
{
    /// <summary>The rings' capacity.</summary>
    public const int RingBytes = 64 << 10;

    /// <summary>Bytes streamed, prefixes included (named FileBytes like comparisons 2-6 so --file-mib and GB/s apply).</summary>
    [ParamsSource(nameof(StreamSizes))]
    public long FileBytes { get; set; }

    public static IEnumerable<long> StreamSizes() => [BenchSizes.Current.FileBytes];

    private RecordStream? _records;
    private PlainRing? _plain;
    private ByteRing? _ring;

    [GlobalSetup]
    public void Setup()
    {
        _records = new RecordStream(FileBytes);
        _plain = new PlainRing(RingBytes);
        _ring = RingPump.EngineRing(RingBytes);
    }

    [GlobalCleanup]
    public void Cleanup() => _ring?.Dispose();

    /// <summary>The copy the mirror saves, in words, for the report's note: BenchmarkDotNet keeps no such count.</summary>
    public static string Reassembled()
    {
        var records = new RecordStream(BenchSizes.Current.FileBytes);
        var (straddling, bytes, total) = records.Straddling(RingBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"the plain ring reassembles {straddling:N0} of {records.Count:N0} records ({100.0 * straddling / records.Count:F1}%), {bytes:N0} bytes ({100.0 * bytes / total:F1}% of the stream): all the mirror can save");
    }

    /// <summary>The plain byte[] ring: split copies in; the consumer parses in place and reassembles straddling records.</summary>
    [Benchmark(Baseline = true)]
    public ulong PlainRingReassembling() => RecordPump.ThroughPlainRing(_records!, _plain!);

    /// <summary>The plain byte[] ring with copy calls only: split copies in, and each record copied out (length, then
    /// payload) before it is folded: what the in-place calls save against a ring without them.</summary>
    [Benchmark]
    public ulong PlainRingCopyingOut() => RecordPump.ThroughPlainRingCopyingOut(_records!, _plain!);

    /// <summary>The engine's ring: each record reserved and written in place, parsed in place from one peeked span.</summary>
    [Benchmark]
    public ulong MmapByteRingInPlace() => RecordPump.ThroughByteRing(_records!, _ring!);
}
