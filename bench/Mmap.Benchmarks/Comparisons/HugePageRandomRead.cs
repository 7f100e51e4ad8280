using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>
/// Comparison 12: what huge pages gain for random access. The same random aligned 8-byte reads as comparison 3
/// (1,000,000 in 1 GiB in the real run) through a raw pointer into anonymous memory on base pages, on transparent huge
/// pages (<see cref="MapAdvice.HugePage"/>) and on explicit 2 MiB pages (<see cref="MapOptions.PageSize"/>): the
/// pages are resident and warm in all three, so what differs is the TLB (one entry per 4 KiB against one per 2 MiB).
/// <para>The explicit method needs FileBytes / 2 MiB free pages in the 2 MiB pool (512 for 1 GiB): reserve them as
/// root first (echo 512 &gt; /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages); its setup fails with that advice
/// otherwise. The machine line says whether THP is "always" (then the base-page map may get huge pages too).</para>
/// </summary>
[InvocationCount(1)]
public unsafe class HugePageRandomRead
{
    /// <summary>The explicit page size: 2 MiB, the size every x86-64 and arm64 (4 KiB granule) kernel offers.</summary>
    public const long HugePage = 2L << 20;

    [ParamsSource(nameof(MapSizes))]
    public long FileBytes { get; set; }

    [ParamsSource(nameof(ReadCounts))]
    public int Reads { get; set; }

    public static IEnumerable<long> MapSizes() => [BenchSizes.Current.FileBytes];

    public static IEnumerable<int> ReadCounts() => [BenchSizes.Current.RandomReads];

    private long[] _offsets = [];
    private MemoryMap? _map;

    /// <summary>Each method's one map (why one: <see cref="Pages"/>), filled with its own offsets so every method sums the same.</summary>
    private void Make(MapOptions options, bool adviseHugePages)
    {
        _offsets = Pages.RandomOffsets(Reads, FileBytes, sizeof(long));
        _map = MemoryMap.MapAnonymous(FileBytes, options);
        if (adviseHugePages) _map.Advise(MapAdvice.HugePage); // before the first touch, so the faults take huge pages
        long* words = (long*)_map.DangerousGetPointer();
        for (long i = 0; i < FileBytes / sizeof(long); i++) words[i] = i * sizeof(long); // each word holds its offset
    }

    [GlobalSetup(Target = nameof(BasePages))]
    public void SetupBase() => Make(new MapOptions(), adviseHugePages: false);

    [GlobalSetup(Target = nameof(TransparentHugePages))]
    public void SetupTransparent() => Make(new MapOptions(), adviseHugePages: true);

    [GlobalSetup(Target = nameof(Explicit2MiBPages))]
    public void SetupExplicit() => Make(new MapOptions { PageSize = HugePage }, adviseHugePages: false);

    /// <summary>The one map, right before each iteration (why: <see cref="Pages"/>).</summary>
    [IterationSetup]
    public void Warm() => Pages.Touch(_map!.DangerousGetPointer(), FileBytes);

    [GlobalCleanup]
    public void Cleanup() => _map?.Dispose();

    [Benchmark(Baseline = true)]
    public long BasePages() => Sum();

    [Benchmark]
    public long TransparentHugePages() => Sum();

    [Benchmark]
    public long Explicit2MiBPages() => Sum();

    private long Sum()
    {
        byte* start = _map!.DangerousGetPointer();
        long sum = 0;
        foreach (long offset in _offsets) sum += *(long*)(start + offset);
        return sum;
    }
}
