using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>Comparison 8, part 2: map a sparse file larger than the machine's RAM (64 GiB in the real run), read
/// one byte in each of 1,000 random pages, free it. After the first pass the touched pages are cached:
/// no warm-up before each iteration (see <see cref="Pages"/>), as every invocation (many per iteration) reads the same
/// 1,000 pages again, which keeps them cached.</summary>
public class SparseMap
{
    [ParamsSource(nameof(SparseSizes))]
    public long FileBytes { get; set; }

    [ParamsSource(nameof(TouchCounts))]
    public int Touches { get; set; }

    public static IEnumerable<long> SparseSizes() => [BenchSizes.Current.SparseBytes];

    public static IEnumerable<int> TouchCounts() => [BenchSizes.Current.PageTouches];

    private BenchFiles? _files;
    private string _path = "";
    private byte[] _pathBytes = [];
    private long[] _pages = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = new BenchFiles("sparse");
        _path = _files.Sparse("huge.bin", FileBytes);
        _pathBytes = Libc.PathBytes(_path);
        _pages = Pages.RandomOffsets(Touches, FileBytes, Pages.Size);
    }

    [GlobalCleanup]
    public void Cleanup() => _files?.Dispose();

    [Benchmark(Baseline = true)]
    public byte LibcPInvoke() => OpenMapClose.LibcOpenMapTouch(_pathBytes, FileBytes, _pages);

    [Benchmark]
    public byte MmapSafeRead()
    {
        using var map = MemoryMap.MapFile(_path);
        byte result = 0;
        foreach (long page in _pages) result ^= map.Read<byte>(page);
        return result;
    }
}
