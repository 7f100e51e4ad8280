using System.IO.MemoryMappedFiles;
using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>Comparison 10, from dotnet/runtime #114846 (the accessor up to 518x slower than Java's mapped segments on
/// multi-threaded byte reads): count the zero bytes of a warm file one byte at a time, on 1 and on 2 threads (each
/// thread its half). The engine's `Read&lt;byte&gt;` takes every safe call's checks per byte; a lease per thread takes them
/// once; the accessor takes a SafeBuffer reference per byte. Six measured iterations after one warm-up, whatever the job
/// says: an accessor pass over 1 GiB takes seconds, and this CPU-bound loop is not what the hypervisor slows.</summary>
[InvocationCount(1)]
[WarmupCount(1)]
[IterationCount(6)]
public unsafe class ZeroCount
{
    [ParamsSource(nameof(ScanSizes))]
    public long ScanBytes { get; set; }

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    public static IEnumerable<long> ScanSizes() => [BenchSizes.Current.ScanBytes];

    public static IEnumerable<int> ThreadCounts() => [1, 2];

    private BenchFiles? _files;
    private string _path = "";
    private IntPtr _raw;
    private MemoryMap? _map;
    private MemoryMappedFile? _mmf;
    private MemoryMappedViewAccessor? _accessor;
    private Action? _warm;

    private void CreateFile()
    {
        _files = new BenchFiles("zeros");
        _path = _files.SharedFilled("data.bin", ScanBytes);
    }

    [GlobalSetup(Target = nameof(RawPointer))]
    public void SetupRaw()
    {
        CreateFile();
        _raw = RawMap.Open(_path, ScanBytes);
        _warm = () => Pages.Touch((byte*)_raw, ScanBytes);
    }

    [GlobalSetup(Targets = [nameof(MmapReadByte), nameof(MmapLease)])]
    public void SetupMmap()
    {
        CreateFile();
        _map = MemoryMap.MapFile(_path);
        _warm = () => Pages.Touch(_map.DangerousGetPointer(), ScanBytes);
    }

    [GlobalSetup(Target = nameof(AccessorReadByte))]
    public void SetupAccessor()
    {
        CreateFile();
        (_mmf, _accessor) = ReadAccessor.Open(_path);
        _warm = () => Pages.Touch(_accessor, ScanBytes);
    }

    /// <summary>The one map this method reads, right before each iteration (why: <see cref="Pages"/>).</summary>
    [IterationSetup]
    public void Warm() => _warm!();

    [GlobalCleanup]
    public void Cleanup()
    {
        _accessor?.Dispose();
        _mmf?.Dispose();
        _map?.Dispose();
        RawMap.Close(_raw, ScanBytes);
        _files?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long RawPointer() => Split((from, to) =>
    {
        byte* p = (byte*)_raw;
        long zeros = 0;
        for (long i = from; i < to; i++) zeros += p[i] == 0 ? 1 : 0;
        return zeros;
    });

    [Benchmark]
    public long MmapReadByte() => Split((from, to) =>
    {
        MemoryMap map = _map!;
        long zeros = 0;
        for (long i = from; i < to; i++) zeros += map.Read<byte>(i) == 0 ? 1 : 0;
        return zeros;
    });

    [Benchmark]
    public long MmapLease() => Split((from, to) =>
    {
        using var lease = _map!.Acquire(from, to - from);
        long zeros = 0;
        for (long i = 0; i < to - from; i++) zeros += lease.Read<byte>(i) == 0 ? 1 : 0;
        return zeros;
    });

    [Benchmark]
    public long AccessorReadByte() => Split((from, to) =>
    {
        MemoryMappedViewAccessor accessor = _accessor!;
        long zeros = 0;
        for (long i = from; i < to; i++) zeros += accessor.ReadByte(i) == 0 ? 1 : 0;
        return zeros;
    });

    /// <summary>Runs <paramref name="count"/> over [0, ScanBytes) on <see cref="Threads"/> threads, each its share, and adds up.</summary>
    private long Split(Func<long, long, long> count)
    {
        if (Threads == 1) return count(0, ScanBytes);
        var results = new long[Threads];
        long share = ScanBytes / Threads;
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            results[t] = count(t * share, t == Threads - 1 ? ScanBytes : (t + 1) * share))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return results.Sum();
    }
}
