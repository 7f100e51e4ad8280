using System.IO.MemoryMappedFiles;
using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>Comparison 1: open + map + touch one byte + unmap + close of a 4 KiB file. No warm-up before each
/// iteration (see <see cref="Pages"/>): thousands of invocations per iteration read the one page, which keeps it
/// cached while the benchmark runs.</summary>
public unsafe class OpenMapClose
{
    /// <summary>The file size the comparison is defined for (one page).</summary>
    public const int FileBytes = 4096;

    private BenchFiles? _files;
    private string _path = "";
    private byte[] _pathBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = new BenchFiles("open");
        _path = _files.Filled("page.bin", FileBytes);
        _pathBytes = Libc.PathBytes(_path);
    }

    [GlobalCleanup]
    public void Cleanup() => _files?.Dispose();

    /// <summary>open, mmap, read a byte, munmap, close: the floor any wrapper is measured against.</summary>
    [Benchmark(Baseline = true)]
    public byte LibcPInvoke() => LibcOpenMapTouch(_pathBytes, FileBytes, null);

    /// <summary>libc making the system calls the engine makes for a map of a file with none of its maps live: open,
    /// fstat (size and kind), flock(LOCK_SH) (FileShare.None, as FileStream; see the engine's PosixFileLock), mmap, read,
    /// munmap, close. The engine's pointer path over this one is its own managed cost.</summary>
    [Benchmark]
    public byte LibcEngineCalls() => LibcOpenMapTouch(_pathBytes, FileBytes, null, likeTheEngine: true);

    /// <summary>The engine's default path: MapFile (Read), the checked Read&lt;byte&gt; (one fstat), Dispose.</summary>
    [Benchmark]
    public byte MmapSafeRead()
    {
        using var map = MemoryMap.MapFile(_path);
        return map.Read<byte>(0);
    }

    /// <summary>The engine with the byte read through its raw pointer (no per-call size check).</summary>
    [Benchmark]
    public byte MmapPointer()
    {
        using var map = MemoryMap.MapFile(_path);
        return *map.DangerousGetPointer();
    }

    [Benchmark]
    public byte MemoryMappedFiles()
    {
        using var file = MemoryMappedFile.CreateFromFile(_path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        return view.ReadByte(0);
    }

    /// <summary>open + mmap + touch + munmap + close through libc; touches the given page offsets (or the
    /// first byte). Shared with the scale benchmarks so every libc baseline is the same code. With
    /// <paramref name="likeTheEngine"/>, fstat and flock(LOCK_SH) after the open as well.</summary>
    internal static byte LibcOpenMapTouch(byte[] pathBytes, long length, long[]? touches, bool likeTheEngine = false)
    {
        fixed (byte* p = pathBytes)
        {
            int fd = Libc.open(p, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (fd < 0) throw Libc.Failure("open", "the benchmark file");
            if (likeTheEngine)
            {
                byte empty = 0;
                byte* stat = stackalloc byte[256];
                if (Libc.fstatat(fd, &empty, stat, Libc.AT_EMPTY_PATH) != 0 || Libc.flock(fd, Libc.LOCK_SH | Libc.LOCK_NB) != 0)
                {
                    Libc.close(fd);
                    throw Libc.Failure("fstat or flock", "the benchmark file");
                }
            }
            IntPtr at = Libc.mmap(IntPtr.Zero, (nuint)length, Libc.PROT_READ, Libc.MAP_SHARED, fd, 0);
            if (at == Libc.MapFailed)
            {
                Libc.close(fd);
                throw Libc.Failure("mmap", "the benchmark file");
            }
            byte* start = (byte*)at;
            byte result = 0;
            if (touches is null) result = *start;
            else foreach (long offset in touches) result ^= start[offset];
            Libc.munmap(at, (nuint)length);
            Libc.close(fd);
            return result;
        }
    }
}
