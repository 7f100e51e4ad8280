using System.Runtime.InteropServices;
using System.Text;

namespace Mmap.Benchmarks.Support;

/// <summary>
/// Direct libc calls for the "raw libc" baselines and for page-cache control. Deliberately independent of the
/// engine's own P/Invoke layer so a baseline never shares code with what it measures. Linux x86-64/arm64 values.
/// </summary>
internal static unsafe class Libc
{
    private const string Lib = "libc";

    public const int O_RDONLY = 0, O_RDWR = 2, O_CLOEXEC = 0x80000;
    public const int PROT_READ = 1, PROT_WRITE = 2;
    public const int MAP_SHARED = 1;
    public const int POSIX_FADV_DONTNEED = 4;
    public const int LOCK_SH = 1, LOCK_NB = 4;
    public static readonly IntPtr MapFailed = new(-1);

    [DllImport(Lib, SetLastError = true)] public static extern int open(byte* path, int flags, int mode);
    [DllImport(Lib, SetLastError = true)] public static extern int close(int fd);
    [DllImport(Lib, SetLastError = true)] public static extern IntPtr mmap(IntPtr address, nuint length, int prot, int flags, int fd, long offset);
    [DllImport(Lib, SetLastError = true)] public static extern int munmap(IntPtr address, nuint length);
    [DllImport(Lib, SetLastError = true)] public static extern int fsync(int fd);
    [DllImport(Lib, SetLastError = true)] public static extern int flock(int fd, int operation);
    /// <summary>fstat through glibc's fstatat (AT_EMPTY_PATH), which every glibc exports; the buffer outsizes struct stat.</summary>
    [DllImport(Lib, SetLastError = true)] public static extern int fstatat(int fd, byte* emptyPath, byte* stat, int flags);
    public const int AT_EMPTY_PATH = 0x1000;
    [DllImport(Lib, SetLastError = true)] public static extern int mincore(IntPtr address, nuint length, byte* vector);
    /// <summary>Returns 0 or an errno (it does not set errno).</summary>
    [DllImport(Lib)] public static extern int posix_fadvise(int fd, long offset, long length, int advice);

    /// <summary>A NUL-terminated UTF-8 path, encoded once in setup so the measured loop only calls libc.</summary>
    public static byte[] PathBytes(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }

    /// <summary>Opens or throws with errno, for setup code (the measured loops check return values inline).</summary>
    public static int OpenOrThrow(string path, int flags)
    {
        fixed (byte* p = PathBytes(path))
        {
            int fd = open(p, flags | O_CLOEXEC, 0);
            if (fd < 0) throw Failure("open", path);
            return fd;
        }
    }

    public static IOException Failure(string call, string what) =>
        new($"{call} failed for {what}: errno {Marshal.GetLastPInvokeError()} ({Marshal.GetLastPInvokeErrorMessage()})");
}
