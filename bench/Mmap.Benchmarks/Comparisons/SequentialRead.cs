using System.IO.MemoryMappedFiles;
using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>Comparison 2: read a whole file (1 GiB in the real run) sequentially into a 1 MiB buffer, page cache warm.</summary>
[InvocationCount(1)] // one pass is 0.1-1 s: one invocation per iteration is precise and keeps quick runs quick
public unsafe class SequentialRead
{
    private const int Chunk = 1 << 20;

    [ParamsSource(nameof(FileSizes))]
    public long FileBytes { get; set; }

    public static IEnumerable<long> FileSizes() => [BenchSizes.Current.FileBytes];

    private BenchFiles? _files;
    private readonly byte[] _buffer = new byte[Chunk];
    private IntPtr _raw;
    private MemoryMap? _map;
    private MemoryMappedFile? _mmf;
    private MemoryMappedViewAccessor? _accessor;
    private FileStream? _stream;

    [GlobalSetup]
    public void Setup()
    {
        _files = new BenchFiles("seq");
        string path = _files.Filled("data.bin", FileBytes);
        _raw = RawMap.Open(path, FileBytes);
        _map = MemoryMap.MapFile(path);
        _mmf = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _accessor = _mmf.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
    }

    /// <summary>Every map of the class before each iteration, whichever method it measures; the FileStream reads the
    /// same file, cached by the touches (why: <see cref="Pages"/>).</summary>
    [IterationSetup]
    public void TouchEveryMap()
    {
        Pages.Touch((byte*)_raw, FileBytes);
        Pages.Touch(_map!.DangerousGetPointer(), FileBytes);
        Pages.Touch(_accessor!, FileBytes);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stream?.Dispose();
        _accessor?.Dispose();
        _mmf?.Dispose();
        _map?.Dispose();
        RawMap.Close(_raw, FileBytes);
        _files?.Dispose();
    }

    /// <summary>memcpy from a libc mapping: the ceiling.</summary>
    [Benchmark(Baseline = true)]
    public byte RawPointerCopy()
    {
        byte* start = (byte*)_raw;
        for (long at = 0; at < FileBytes; at += Chunk)
            new ReadOnlySpan<byte>(start + at, ChunkAt(at)).CopyTo(_buffer);
        return _buffer[0];
    }

    /// <summary>The engine's checked Read (bounds, disposal and file-size check per call).</summary>
    [Benchmark]
    public byte MmapRead()
    {
        for (long at = 0; at < FileBytes; at += Chunk)
            _map!.Read(at, _buffer.AsSpan(0, ChunkAt(at)));
        return _buffer[0];
    }

    [Benchmark]
    public byte AccessorReadArray()
    {
        for (long at = 0; at < FileBytes; at += Chunk)
            _accessor!.ReadArray(at, _buffer, 0, ChunkAt(at));
        return _buffer[0];
    }

    [Benchmark]
    public byte FileStreamRead()
    {
        _stream!.Position = 0;
        while (_stream.Read(_buffer, 0, _buffer.Length) > 0) { }
        return _buffer[0];
    }

    private int ChunkAt(long at) => (int)Math.Min(Chunk, FileBytes - at);
}
