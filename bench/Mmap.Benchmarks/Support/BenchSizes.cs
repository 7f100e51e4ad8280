namespace Mmap.Benchmarks.Support;

/// <summary>
/// The sizes every benchmark class takes its [ParamsSource] values from. The host process picks a profile
/// before BenchmarkDotNet reads the parameters (they are then baked into each benchmark process), and the
/// xunit smoke test picks <see cref="Smoke"/>, so one code path serves the real run and the rot check.
/// </summary>
public sealed record BenchSizes(long FileBytes, int RandomReads, long SparseBytes, int PageTouches, int[] LiveMaps, long ScanBytes)
{
    /// <summary>The sizes the targets are stated for.</summary>
    public static readonly BenchSizes Full = new(FileBytes: 1L << 30, RandomReads: 1_000_000, SparseBytes: 64L << 30,
        PageTouches: 1000, LiveMaps: [1, 100, 1000, 10_000], ScanBytes: 1L << 30);

    /// <summary>Small enough that running every benchmark body once takes well under a second.</summary>
    public static readonly BenchSizes Smoke = new(FileBytes: 4L << 20, RandomReads: 10_000, SparseBytes: 1L << 30,
        PageTouches: 100, LiveMaps: [1, 100], ScanBytes: 1L << 20);

    /// <summary>The profile the parameter sources read (set once, before benchmarks are discovered).</summary>
    public static BenchSizes Current { get; set; } = Full;
}
