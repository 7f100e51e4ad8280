using System.IO.MemoryMappedFiles;
using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>Comparison 5: write a whole file (1 GiB in the real run) from a 1 MiB buffer and flush it to disk.
/// The async flush only starts write-back, so its time is the copy plus msync(MS_ASYNC), not the disk.</summary>
[InvocationCount(1)]
[IterationCount(5)] // no target here, and a synchronous flush iteration takes 6-8 s: 15 would add 4 minutes a run
public unsafe class WriteFlush
{
    private const int Chunk = 1 << 20;

    [ParamsSource(nameof(FileSizes))]
    public long FileBytes { get; set; }

    public static IEnumerable<long> FileSizes() => [BenchSizes.Current.FileBytes];

    private BenchFiles? _files;
    private readonly byte[] _buffer = new byte[Chunk];
    private MemoryMap? _map;
    private MemoryMappedFile? _mmf;
    private MemoryMappedViewAccessor? _accessor;
    private FileStream? _stream;

    private string _path = "";
    private Action? _warm;

    private void CreateFile()
    {
        _files = new BenchFiles("write");
        _path = _files.Filled("data.bin", FileBytes);
        new Random(6).NextBytes(_buffer);
    }

    [GlobalSetup(Targets = [nameof(MmapWriteFlush), nameof(MmapWriteFlushAsync)])]
    public void SetupMap()
    {
        CreateFile();
        _map = MemoryMap.MapFile(_path, new MapOptions { Access = MapAccess.ReadWrite });
        _warm = () => Pages.Touch(_map.DangerousGetPointer(), FileBytes);
    }

    [GlobalSetup(Target = nameof(AccessorWriteFlush))]
    public void SetupAccessor()
    {
        CreateFile();
        _mmf = MemoryMappedFile.CreateFromFile(_path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        _accessor = _mmf.CreateViewAccessor(0, 0, MemoryMappedFileAccess.ReadWrite);
        _warm = () => Pages.Touch(_accessor, FileBytes);
    }

    /// <summary>The stream maps nothing: its warm-up reads the file through itself, which caches it as the maps' touches do.</summary>
    [GlobalSetup(Target = nameof(FileStreamWriteFlush))]
    public void SetupStream()
    {
        CreateFile();
        _stream = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        var scratch = new byte[Chunk];
        _warm = () =>
        {
            _stream.Position = 0;
            while (_stream.Read(scratch, 0, scratch.Length) > 0) { }
        };
    }

    /// <summary>The one map (or the stream) this method writes, right before each iteration, so no write waits for
    /// its page to be read back in first (why: <see cref="Pages"/>).</summary>
    [IterationSetup]
    public void Warm() => _warm!();

    [GlobalCleanup]
    public void Cleanup()
    {
        _stream?.Dispose();
        _accessor?.Dispose();
        _mmf?.Dispose();
        _map?.Dispose();
        _files?.Dispose();
    }

    /// <summary>Write + Flush(true) (fsync).</summary>
    [Benchmark(Baseline = true)]
    public void FileStreamWriteFlush()
    {
        _stream!.Position = 0;
        for (long at = 0; at < FileBytes; at += Chunk)
            _stream.Write(_buffer, 0, ChunkAt(at));
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Checked Write, then Flush() (msync MS_SYNC): on disk when it returns.</summary>
    [Benchmark]
    public void MmapWriteFlush()
    {
        WriteAll(_map!);
        _map!.Flush();
    }

    [Benchmark]
    public void AccessorWriteFlush()
    {
        for (long at = 0; at < FileBytes; at += Chunk)
            _accessor!.WriteArray(at, _buffer, 0, ChunkAt(at));
        _accessor!.Flush();
    }

    /// <summary>Checked Write, then Flush(async: true) (msync MS_ASYNC): returns before the data is on disk.</summary>
    [Benchmark]
    public void MmapWriteFlushAsync()
    {
        WriteAll(_map!);
        _map!.Flush(async: true);
    }

    private void WriteAll(MemoryMap map)
    {
        for (long at = 0; at < FileBytes; at += Chunk)
            map.Write(at, _buffer.AsSpan(0, ChunkAt(at)));
    }

    private int ChunkAt(long at) => (int)Math.Min(Chunk, FileBytes - at);
}
