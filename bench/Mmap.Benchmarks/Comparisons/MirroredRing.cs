using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>
/// Comparison 6: a stream (1 GiB in the real run) passed through a 1 MiB ring from a producer thread to a consumer
/// thread in <see cref="RingStream.ChunkBytes"/> chunks, which straddle the wrap about once a lap. The consumer keeps
/// a checksum of what it received; every method returns it, so the smoke test proves they all moved the same bytes.
/// <para>No warm-up before each iteration (see <see cref="Pages"/>): every pass laps the 1 MiB rings and re-reads the
/// 2 MiB source hundreds of times, so memory gone cold since setup costs faults on the first lap only, a few MiB of
/// the 1 GiB streamed.</para>
/// </summary>
[InvocationCount(1)] // one pass is 0.1-1 s and starts its own producer thread
public class MirroredRing
{
    /// <summary>The ring's capacity.</summary>
    public const int RingBytes = 1 << 20;

    /// <summary>Bytes streamed (named FileBytes like comparisons 2-5 so --file-mib and the report's GB/s apply).</summary>
    [ParamsSource(nameof(StreamSizes))]
    public long FileBytes { get; set; }

    public static IEnumerable<long> StreamSizes() => [BenchSizes.Current.FileBytes];

    private RingStream? _stream;
    private PlainRing? _plain;
    private ByteRing? _ring;

    [GlobalSetup]
    public void Setup()
    {
        _stream = new RingStream(FileBytes);
        _plain = new PlainRing(RingBytes);
        _ring = RingPump.EngineRing(RingBytes);
    }

    [GlobalCleanup]
    public void Cleanup() => _ring?.Dispose();

    /// <summary>The plain byte[] ring: two copies at the wrap; waits with .NET's SpinWait.</summary>
    [Benchmark(Baseline = true)]
    public ulong PlainRingSplitCopies() =>
        RingPump.Run(_stream!, RingPump.Spinning(_plain!.TryWrite), RingPump.Spinning(_plain.TryRead));

    /// <summary>The engine's ring as a caller uses it: the blocking Write and Read, with the engine's own waiting.</summary>
    [Benchmark]
    public ulong MmapByteRing()
    {
        var ring = _ring!;
        return RingPump.Run(_stream!,
            chunk => { if (!ring.Write(chunk, RingPump.Stall)) throw RingPump.Stalled("write"); },
            into => ring.Read(into, RingPump.Stall) is > 0 and var count ? count : throw RingPump.Stalled("read"));
    }

    /// <summary>The engine's TryWrite/TryRead with the baseline's waiting: the rings alone, without the wait strategies.</summary>
    [Benchmark]
    public ulong MmapByteRingTryCalls() =>
        RingPump.Run(_stream!, RingPump.Spinning(_ring!.TryWrite), RingPump.Spinning(_ring.TryRead));
}
