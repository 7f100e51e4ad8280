namespace Mmap.Benchmarks.Support;

/// <summary>A read-only libc mapping of a whole file, for the raw-pointer baselines, with its pages touched.</summary>
public static unsafe class RawMap
{
    public static IntPtr Open(string path, long length)
    {
        int fd = Libc.OpenOrThrow(path, Libc.O_RDONLY);
        try
        {
            IntPtr at = Libc.mmap(IntPtr.Zero, (nuint)length, Libc.PROT_READ, Libc.MAP_SHARED, fd, 0);
            if (at == Libc.MapFailed) throw Libc.Failure("mmap", path);
            Pages.Touch((byte*)at, length);
            return at;
        }
        finally { Libc.close(fd); } // the mapping keeps the file; the descriptor is not needed
    }

    public static void Close(IntPtr at, long length)
    {
        if (at != IntPtr.Zero) Libc.munmap(at, (nuint)length);
    }
}
