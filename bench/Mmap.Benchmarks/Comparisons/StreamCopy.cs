using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>
/// Comparison 13: copy a whole warm file (1 GiB in the real run) into another file through a map's stream
/// (<c>MemoryMap.AsStream().CopyTo</c>), called on a MapStream and on a variable of type Stream (as any API taking a Stream
/// calls it: the net8.0 build's override), against the raw loop it should cost no more than: FileStream.Write of 1 MiB
/// spans of a libc mapping; and through CopyToAsync (each chunk handed to WriteAsync as memory of the map) against the same
/// loop awaiting FileStream.WriteAsync of memory over the libc mapping. The destination is a file in /dev/shm (tmpfs), written over from its start each time, so each write
/// is the kernel's copy into memory, not a disk's speed; both methods write the same chunks the same way.
/// </summary>
[InvocationCount(1)] // one pass is 0.1-1 s: one invocation per iteration, right after its warm-up
public class StreamCopy
{
    private const int Chunk = MapStream.CopyChunk;

    [ParamsSource(nameof(FileSizes))]
    public long FileBytes { get; set; }

    public static IEnumerable<long> FileSizes() => [BenchSizes.Current.FileBytes];

    private BenchFiles? _files;
    private string _path = "", _target = "";
    private IntPtr _raw, _start;
    private MemoryMap? _map;
    private FileStream? _out;

    [GlobalSetup(Targets = [nameof(RawMapWrite), nameof(RawMapWriteAsync)])]
    public void SetupRaw() => Setup(() => _raw = RawMap.Open(_path, FileBytes));

    [GlobalSetup(Targets = [nameof(MmapStreamCopyTo), nameof(MmapStreamTypedAsStreamCopyTo), nameof(MmapStreamCopyToAsync)])]
    public void SetupMap() => Setup(() => (_map = MemoryMap.MapFile(_path)).Address);

    /// <summary>The source file, the one mapping this method copies from (<paramref name="map"/> gives its start), and the
    /// destination: a file in /dev/shm, so each write is the kernel's copy into memory.</summary>
    private void Setup(Func<IntPtr> map)
    {
        _files = new BenchFiles("stream");
        _path = _files.SharedFilled("data.bin", FileBytes);
        _start = map();
        string memory = Directory.Exists("/dev/shm") ? "/dev/shm" : _files.Folder;
        _target = Path.Combine(memory, $"mmap-bench-stream-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        _out = new FileStream(_target, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
    }

    /// <summary>The one mapping this method copies from, touched right before each iteration (why: <see cref="Pages"/>).</summary>
    [IterationSetup]
    public unsafe void Warm() => Pages.Touch((byte*)_start, FileBytes);

    [GlobalCleanup]
    public void Cleanup()
    {
        _out?.Dispose();
        if (_target.Length > 0) File.Delete(_target);
        _map?.Dispose();
        RawMap.Close(_raw, FileBytes);
        _files?.Dispose();
    }

    /// <summary>FileStream.Write of spans of a libc mapping: one write system call per chunk, the ceiling.</summary>
    [Benchmark(Baseline = true)]
    public unsafe byte RawMapWrite()
    {
        _out!.Position = 0;
        byte* start = (byte*)_raw;
        for (long at = 0; at < FileBytes; at += Chunk)
            _out.Write(new ReadOnlySpan<byte>(start + at, (int)Math.Min(Chunk, FileBytes - at)));
        return LastByteWritten();
    }

    /// <summary>The raw loop with WriteAsync, each chunk of the libc mapping handed over as memory, awaited in turn: what
    /// an async copy costs with nothing of the engine in it. The destination, opened for synchronous I/O (Unix has no
    /// asynchronous file writes), runs each write on the thread pool.</summary>
    [Benchmark]
    public byte RawMapWriteAsync()
    {
        WriteRawAsync().GetAwaiter().GetResult();
        return LastByteWritten();
    }

    private async Task WriteRawAsync()
    {
        _out!.Position = 0;
        for (long at = 0; at < FileBytes; at += Chunk)
            await _out.WriteAsync(RawChunk(at)).ConfigureAwait(false);
    }

    private unsafe ReadOnlyMemory<byte> RawChunk(long at) => new PointerMemory((byte*)_raw + at, (int)Math.Min(Chunk, FileBytes - at)).Memory;

    /// <summary>The engine's stream: a lease-checked span of the map per chunk, written the same way.</summary>
    [Benchmark]
    public byte MmapStreamCopyTo()
    {
        _out!.Position = 0;
        using var stream = _map!.AsStream();
        stream.CopyTo(_out);
        return LastByteWritten();
    }

    /// <summary>The same stream held as a <see cref="Stream"/>: Stream.CopyTo(Stream) with its default buffer size, into
    /// MapStream's override.</summary>
    [Benchmark]
    public byte MmapStreamTypedAsStreamCopyTo()
    {
        _out!.Position = 0;
        using Stream stream = _map!.AsStream();
        stream.CopyTo(_out);
        return LastByteWritten();
    }

    /// <summary>The same copy through CopyToAsync, waited for here, as <see cref="RawMapWriteAsync"/> waits for its loop.
    /// Reported without a target: in 7 of 9 runs on this VM every iteration took 0.4-1.2 s, and so did a raw WriteAsync loop
    /// over the engine's mapping put in its place (no engine call in it), while the synchronous methods kept fast
    /// iterations; run alone it took 123 ms at best, and after the raw async method only 1.24x that loop (157 against 127 ms).
    /// The writes run on thread-pool threads, the synchronous ones on the benchmark's thread.</summary>
    [Benchmark]
    public byte MmapStreamCopyToAsync()
    {
        _out!.Position = 0;
        using var stream = _map!.AsStream();
        stream.CopyToAsync(_out).GetAwaiter().GetResult();
        return LastByteWritten();
    }

    /// <summary>What the copy put last, read back from the destination: every method must have written the same bytes.</summary>
    private byte LastByteWritten()
    {
        Span<byte> last = stackalloc byte[1];
        RandomAccess.Read(_out!.SafeFileHandle, last, FileBytes - 1);
        return last[0];
    }
}
