namespace Mmap.Benchmarks.Support;

/// <summary>A read-only libc mapping of a whole file, for the raw-pointer baselines (its class touches it before each iteration).</summary>
public static class RawMap
{
    public static IntPtr Open(string path, long length)
    {
        int fd = Libc.OpenOrThrow(path, Libc.O_RDONLY);
        try
        {
            IntPtr at = Libc.mmap(IntPtr.Zero, (nuint)length, Libc.PROT_READ, Libc.MAP_SHARED, fd, 0);
            if (at == Libc.MapFailed) throw Libc.Failure("mmap", path);
            return at;
        }
        finally { Libc.close(fd); } // the mapping keeps the file; the descriptor is not needed
    }

    public static void Close(IntPtr at, long length)
    {
        if (at != IntPtr.Zero) Libc.munmap(at, (nuint)length);
    }
}
