using System.IO.MemoryMappedFiles;
using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>Comparison 3: random aligned 8-byte reads (1,000,000 in a 1 GiB map in the real run), page cache
/// and page tables warm. The engine is measured with its per-call file-size check on (the default) and off.</summary>
[InvocationCount(1)]
public unsafe class RandomRead
{
    [ParamsSource(nameof(FileSizes))]
    public long FileBytes { get; set; }

    [ParamsSource(nameof(ReadCounts))]
    public int Reads { get; set; }

    public static IEnumerable<long> FileSizes() => [BenchSizes.Current.FileBytes];

    public static IEnumerable<int> ReadCounts() => [BenchSizes.Current.RandomReads];

    private BenchFiles? _files;
    /// <summary>Values per Gather call (32 KiB of results: stays in L1/L2).</summary>
    public const int Batch = 4096;

    private long[] _offsets = [];
    private readonly long[] _values = new long[Batch];
    private IntPtr _raw;
    private MemoryMap? _checked, _unchecked, _sizeChecked;
    private MemoryMappedFile? _mmf;
    private MemoryMappedViewAccessor? _accessor;

    private string _path = "";
    private Action? _warm;

    /// <summary>The file and the offsets; each method's own setup then makes the one map it reads (why one: <see cref="Pages"/>).</summary>
    private void CreateFile()
    {
        _files = new BenchFiles("random");
        _path = _files.SharedFilled("data.bin", FileBytes);
        _offsets = Pages.RandomOffsets(Reads, FileBytes, sizeof(long));
    }

    [GlobalSetup(Target = nameof(RawPointer))]
    public void SetupRaw()
    {
        CreateFile();
        _raw = RawMap.Open(_path, FileBytes);
        _warm = () => Pages.Touch((byte*)_raw, FileBytes);
    }

    [GlobalSetup(Targets = [nameof(MmapReadChecked), nameof(MmapGatherChecked), nameof(MmapLeaseRead)])]
    public void SetupChecked()
    {
        CreateFile();
        _checked = MemoryMap.MapFile(_path);
        _warm = () => Pages.Touch(_checked.DangerousGetPointer(), FileBytes);
    }

    [GlobalSetup(Target = nameof(MmapReadUnchecked))]
    public void SetupUnchecked()
    {
        CreateFile();
        _unchecked = MemoryMap.MapFile(_path, new MapOptions { SizeCheck = false });
        _warm = () => Pages.Touch(_unchecked.DangerousGetPointer(), FileBytes);
    }

    /// <summary>A map fault recovery leaves out: what every call costs where recovery is off (macOS, MMAP_FAULT_RECOVERY=0).</summary>
    [GlobalSetup(Target = nameof(MmapReadSizeChecked))]
    public void SetupSizeChecked()
    {
        CreateFile();
        _sizeChecked = MemoryMap.MapFile(_path, new MapOptions { SkipFaultRecovery = true });
        _warm = () => Pages.Touch(_sizeChecked.DangerousGetPointer(), FileBytes);
    }

    [GlobalSetup(Target = nameof(AccessorReadInt64))]
    public void SetupAccessor()
    {
        CreateFile();
        (_mmf, _accessor) = ReadAccessor.Open(_path);
        _warm = () => Pages.Touch(_accessor, FileBytes);
    }

    /// <summary>The one map this method reads, right before each iteration (why: <see cref="Pages"/>).</summary>
    [IterationSetup]
    public void Warm() => _warm!();

    [GlobalCleanup]
    public void Cleanup()
    {
        _accessor?.Dispose();
        _mmf?.Dispose();
        _checked?.Dispose();
        _unchecked?.Dispose();
        _sizeChecked?.Dispose();
        RawMap.Close(_raw, FileBytes);
        _files?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long RawPointer()
    {
        byte* start = (byte*)_raw;
        long sum = 0;
        foreach (long offset in _offsets) sum += *(long*)(start + offset);
        return sum;
    }

    /// <summary>Read&lt;long&gt; with default options: where fault recovery is active (Linux), bounds, disposal and fault checks
    /// only; elsewhere one fstat per read.</summary>
    [Benchmark]
    public long MmapReadChecked() => SumThrough(_checked!);

    /// <summary>Read&lt;long&gt; of a map recovery leaves out: one fstat per read.</summary>
    [Benchmark]
    public long MmapReadSizeChecked() => SumThrough(_sizeChecked!);

    /// <summary>Read&lt;long&gt; with SizeCheck off: bounds and disposal checks only.</summary>
    [Benchmark]
    public long MmapReadUnchecked() => SumThrough(_unchecked!);

    /// <summary>The same reads through Gather&lt;long&gt; in batches of <see cref="Batch"/>: the checks, including
    /// the file-size check (SizeCheck on), are made once per batch instead of once per value.</summary>
    [Benchmark]
    public long MmapGatherChecked()
    {
        long sum = 0;
        for (int first = 0; first < _offsets.Length; first += Batch)
        {
            int count = Math.Min(Batch, _offsets.Length - first);
            _checked!.Gather<long>(_offsets.AsSpan(first, count), _values);
            for (int i = 0; i < count; i++) sum += _values[i];
        }
        return sum;
    }

    /// <summary>The same reads through one lease (<see cref="MemoryMap.Acquire"/>) of the checked map: lifetime, access
    /// and file size are checked once for the loop, then a bounds check per read.</summary>
    [Benchmark]
    public long MmapLeaseRead()
    {
        using var lease = _checked!.Acquire(0, FileBytes);
        long sum = 0;
        foreach (long offset in _offsets) sum += lease.Read<long>(offset);
        return sum;
    }

    [Benchmark]
    public long AccessorReadInt64()
    {
        long sum = 0;
        foreach (long offset in _offsets) sum += _accessor!.ReadInt64(offset);
        return sum;
    }

    private long SumThrough(MemoryMap map)
    {
        long sum = 0;
        foreach (long offset in _offsets) sum += map.Read<long>(offset);
        return sum;
    }
}
