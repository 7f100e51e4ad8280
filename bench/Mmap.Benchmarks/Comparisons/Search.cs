using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>Comparison 9: find a 17-byte pattern 4 KiB before the end of a file (1 GiB in the real run), page cache warm:
/// the engine's IndexOf (4 MiB safe steps) against the same vectorized span search over a raw libc mapping. The
/// cmdlet's cost on top, and CPython's mmap.find, are measured by bench/Measure-CmdletSpeed.ps1.</summary>
[InvocationCount(1)] // one pass is 0.1-1 s: one invocation per iteration is precise and keeps quick runs quick
public unsafe class Search
{
    /// <summary>17 bytes the file's fill pattern (byte i is i*31+7) never holds: consecutive bytes there differ by 31.</summary>
    internal static readonly byte[] Pattern = "MMAP-SEARCH-MARK!"u8.ToArray();

    [ParamsSource(nameof(FileSizes))]
    public long FileBytes { get; set; }

    public static IEnumerable<long> FileSizes() => [BenchSizes.Current.FileBytes];

    private BenchFiles? _files;
    private IntPtr _raw;
    private MemoryMap? _map;
    private string _path = "";
    private Action? _warm;

    /// <summary>Where the pattern lies: near the end, so the whole file is searched.</summary>
    public long PatternOffset => FileBytes - 4096 - Pattern.Length;

    private void CreateFile()
    {
        _files = new BenchFiles("search");
        _path = _files.SharedFilled("search.bin", FileBytes); // its own: the pattern goes in (the same bytes in each process)
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Write);
        stream.Position = PatternOffset;
        stream.Write(Pattern);
    }

    [GlobalSetup(Target = nameof(RawSpanIndexOf))]
    public void SetupRaw()
    {
        CreateFile();
        _raw = RawMap.Open(_path, FileBytes);
        _warm = () => Pages.Touch((byte*)_raw, FileBytes);
    }

    [GlobalSetup(Target = nameof(MmapIndexOf))]
    public void SetupMap()
    {
        CreateFile();
        _map = MemoryMap.MapFile(_path);
        _warm = () => Pages.Touch(_map.DangerousGetPointer(), FileBytes);
    }

    /// <summary>The one map this method searches, right before each iteration (why: <see cref="Pages"/>).</summary>
    [IterationSetup]
    public void Warm() => _warm!();

    [GlobalCleanup]
    public void Cleanup()
    {
        _map?.Dispose();
        RawMap.Close(_raw, FileBytes);
        _files?.Dispose();
    }

    /// <summary>MemoryExtensions.IndexOf over the raw mapping in the engine's 4 MiB steps: the ceiling.</summary>
    [Benchmark(Baseline = true)]
    public long RawSpanIndexOf()
    {
        const int step = 4 << 20;
        byte* start = (byte*)_raw;
        for (long at = 0; FileBytes - at >= Pattern.Length; at += step)
        {
            int found = new ReadOnlySpan<byte>(start + at, (int)Math.Min(step + Pattern.Length - 1, FileBytes - at)).IndexOf(Pattern);
            if (found >= 0) return at + found;
        }
        return -1;
    }

    /// <summary>The engine's safe IndexOf of the whole map (bounds, disposal and file-size check per step).</summary>
    [Benchmark]
    public long MmapIndexOf() => _map!.IndexOf(Pattern);
}
