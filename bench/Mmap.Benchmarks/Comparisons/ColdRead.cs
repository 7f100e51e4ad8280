using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>Comparison 4: map a file that is not in the page cache and read it once (1 MiB chunks through the
/// checked Read), with and without MapOptions.Populate. <see cref="PageCache.DropMethod"/> says how it is made cold.</summary>
[InvocationCount(1)] // the cache must be dropped before every single invocation
public class ColdRead
{
    private const int Chunk = 1 << 20;

    [ParamsSource(nameof(FileSizes))]
    public long FileBytes { get; set; }

    public static IEnumerable<long> FileSizes() => [BenchSizes.Current.FileBytes];

    private BenchFiles? _files;
    private string _path = "";
    private readonly byte[] _buffer = new byte[Chunk];

    [GlobalSetup]
    public void Setup()
    {
        _files = new BenchFiles("cold");
        _path = _files.Filled("data.bin", FileBytes);
    }

    [GlobalCleanup]
    public void Cleanup() => _files?.Dispose();

    [IterationSetup]
    public void DropFromPageCache() => PageCache.Drop(_path);

    [Benchmark(Baseline = true)]
    public byte MapAndRead() => MapAndReadOnce(populate: false);

    [Benchmark]
    public byte MapPopulateAndRead() => MapAndReadOnce(populate: true);

    /// <summary>The same read after telling the OS it is sequential (MapAdvice.Sequential): the kernel reads ahead in
    /// larger steps while the copy runs, where Populate waits for every page before the first byte is copied.</summary>
    [Benchmark]
    public byte MapAdviseAndRead() => MapAndReadOnce(populate: false, MapAdvice.Sequential);

    /// <summary>The same read after MapAdvice.WillNeed on the whole file: the kernel starts reading all of it at once.</summary>
    [Benchmark]
    public byte MapWillNeedAndRead() => MapAndReadOnce(populate: false, MapAdvice.WillNeed);

    private byte MapAndReadOnce(bool populate, MapAdvice? advice = null)
    {
        using var map = MemoryMap.MapFile(_path, new MapOptions { Populate = populate });
        if (advice is MapAdvice given) map.Advise(given);
        for (long at = 0; at < map.Size; at += Chunk)
            map.Read(at, _buffer.AsSpan(0, (int)Math.Min(Chunk, map.Size - at)));
        return _buffer[0];
    }
}
