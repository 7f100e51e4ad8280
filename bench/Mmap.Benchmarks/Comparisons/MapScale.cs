using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>Comparison 8, part 1: the time to map, touch and free a 4 KiB file while N engine maps of the same
/// file are already live (each holds a mapping and a descriptor). Should stay flat as N grows. No warm-up before
/// each iteration (see <see cref="Pages"/>): thousands of invocations per iteration read the one page, which keeps it
/// cached.</summary>
public class MapScale
{
    [ParamsSource(nameof(LiveCounts))]
    public int LiveMaps { get; set; }

    public static IEnumerable<int> LiveCounts() => BenchSizes.Current.LiveMaps;

    private BenchFiles? _files;
    private string _path = "";
    private byte[] _pathBytes = [];
    private readonly List<MemoryMap> _live = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = new BenchFiles("scale");
        _path = _files.Filled("page.bin", OpenMapClose.FileBytes);
        _pathBytes = Libc.PathBytes(_path);
        for (int i = 0; i < LiveMaps; i++) _live.Add(MemoryMap.MapFile(_path));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var map in _live) map.Dispose();
        _live.Clear();
        _files?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte LibcPInvoke() => OpenMapClose.LibcOpenMapTouch(_pathBytes, OpenMapClose.FileBytes, null);

    [Benchmark]
    public byte MmapSafeRead()
    {
        using var map = MemoryMap.MapFile(_path);
        return map.Read<byte>(0);
    }
}
