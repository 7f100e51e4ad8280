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

    private string _path = "";
    private Action? _warm;

    private void CreateFile()
    {
        _files = new BenchFiles("seq");
        _path = _files.SharedFilled("data.bin", FileBytes);
    }

    [GlobalSetup(Target = nameof(RawPointerCopy))]
    public void SetupRaw()
    {
        CreateFile();
        _raw = RawMap.Open(_path, FileBytes);
        _warm = () => Pages.Touch((byte*)_raw, FileBytes);
    }

    [GlobalSetup(Target = nameof(MmapRead))]
    public void SetupMap()
    {
        CreateFile();
        _map = MemoryMap.MapFile(_path);
        _warm = () => Pages.Touch(_map.DangerousGetPointer(), FileBytes);
    }

    [GlobalSetup(Target = nameof(AccessorReadArray))]
    public void SetupAccessor()
    {
        CreateFile();
        (_mmf, _accessor) = ReadAccessor.Open(_path);
        _warm = () => Pages.Touch(_accessor, FileBytes);
    }

    /// <summary>The stream maps nothing: its warm-up is a pass through itself, which caches the file.</summary>
    [GlobalSetup(Target = nameof(FileStreamRead))]
    public void SetupStream()
    {
        CreateFile();
        _stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        _warm = () => FileStreamRead();
    }

    /// <summary>The one map (or the stream) this method reads, right before each iteration (why: <see cref="Pages"/>).</summary>
    [IterationSetup]
    public void Warm() => _warm!();

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
