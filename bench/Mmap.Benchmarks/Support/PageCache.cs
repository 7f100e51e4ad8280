namespace Mmap.Benchmarks.Support;

/// <summary>
/// Evicts a file from the page cache without root-only tricks (no drop_caches): fsync writes dirty pages
/// back, then posix_fadvise(POSIX_FADV_DONTNEED) drops the clean ones. mincore then measures what is left.
/// </summary>
public static unsafe class PageCache
{
    /// <summary>How the cold benchmarks make a file cold; quoted in bench/results/latest.md.</summary>
    public const string DropMethod = "fsync(fd) then posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) before every invocation; mincore must then report under 1% of the pages resident or the run fails";

    /// <summary>Drops <paramref name="path"/> from the page cache and throws if more than 1% stayed resident
    /// (e.g. on tmpfs, where the cache is the file), so a "cold" figure is never silently warm.</summary>
    public static void Drop(string path)
    {
        int fd = Libc.OpenOrThrow(path, Libc.O_RDONLY);
        try
        {
            if (Libc.fsync(fd) != 0) throw Libc.Failure("fsync", path);
            int error = Libc.posix_fadvise(fd, 0, 0, Libc.POSIX_FADV_DONTNEED);
            if (error != 0) throw new IOException($"posix_fadvise(DONTNEED) failed for {path}: errno {error}");
        }
        finally { Libc.close(fd); }
        double resident = ResidentFraction(path);
        if (resident > 0.01)
            throw new InvalidOperationException($"{path} is still {resident:P1} resident after POSIX_FADV_DONTNEED " +
                "(tmpfs or a file mapped elsewhere?); a cold-cache figure would be wrong.");
    }

    /// <summary>Whether files in <paramref name="folder"/> can be evicted at all (false on tmpfs): writes, reads and
    /// drops a small probe file.</summary>
    public static bool CanDropIn(string folder)
    {
        string probe = Path.Combine(folder, $"mmap-bench-probe-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        try
        {
            File.WriteAllBytes(probe, new byte[1 << 20]);
            Drop(probe);
            return true;
        }
        catch (InvalidOperationException) { return false; }
        finally { File.Delete(probe); }
    }

    /// <summary>The fraction of the file's pages in the page cache (mincore over a temporary read-only map).</summary>
    public static double ResidentFraction(string path)
    {
        long length = new FileInfo(path).Length;
        if (length == 0) return 0;
        int fd = Libc.OpenOrThrow(path, Libc.O_RDONLY);
        try
        {
            IntPtr p = Libc.mmap(IntPtr.Zero, (nuint)length, Libc.PROT_READ, Libc.MAP_SHARED, fd, 0);
            if (p == Libc.MapFailed) throw Libc.Failure("mmap", path);
            try
            {
                long pages = (length + Environment.SystemPageSize - 1) / Environment.SystemPageSize;
                var vector = new byte[pages];
                fixed (byte* v = vector)
                    if (Libc.mincore(p, (nuint)length, v) != 0) throw Libc.Failure("mincore", path);
                long resident = vector.Count(b => (b & 1) != 0);
                return (double)resident / pages;
            }
            finally { Libc.munmap(p, (nuint)length); }
        }
        finally { Libc.close(fd); }
    }
}
