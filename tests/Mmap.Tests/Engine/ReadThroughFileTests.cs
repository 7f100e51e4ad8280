using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>
/// Read of a span from a size-checked shared map of a file or tag is one pread from the map's descriptor (the same
/// page-cache pages, read in the kernel, with no fstat first); copy-on-write and unchecked maps copy through the mapping.
/// Either way the caller sees the map's bytes. Which way a call went shows in the thread's rchar (/proc/thread-self/io).
/// That is the path where fault recovery is off (macOS, MMAP_FAULT_RECOVERY=0): these maps leave recovery out
/// (SkipFaultRecovery) to reach it; a map recovery covers copies through the mapping, with no system call at all.
/// </summary>
public sealed unsafe class ReadThroughFileTests : IDisposable
{
    private const int Length = 1 << 20;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void A_map_fault_recovery_covers_reads_through_the_mapping()
    {
        Skip.IfNot(FaultRecovery.IsActive, $"fault recovery is {FaultRecovery.Status}");
        string path = _dir.Pattern("covered.bin", Length);
        using var map = MemoryMap.MapFile(path);
        Assert.False(map.ChecksSize);
        var buffer = new byte[Length];
        long before = ThreadBytesRead();
        map.Read(0, buffer);
        Assert.True(ThreadBytesRead() - before < Length / 2, "a covered map's Read went through the descriptor");
        Assert.Equal(TempDir.PatternBytes(Length), buffer);
    }

    [SkippableTheory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void A_size_checked_file_map_reads_through_its_descriptor_an_unchecked_one_through_the_mapping(bool sizeCheck, bool readsFile)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "reads /proc/thread-self/io");
        string path = _dir.Pattern("data.bin", Length);
        using var map = MemoryMap.MapFile(path, new MapOptions { SkipFaultRecovery = true, SizeCheck = sizeCheck });
        var buffer = new byte[Length];
        long before = ThreadBytesRead();
        map.Read(0, buffer);
        long read = ThreadBytesRead() - before;
        Assert.Equal(TempDir.PatternBytes(Length), buffer);
        // The second reading of the io file counts the first one's few hundred bytes.
        if (readsFile) Assert.InRange(read, Length, Length + 4096);
        else Assert.InRange(read, 0, 4096);
    }

    [Fact]
    public void A_read_write_map_reads_its_own_writes_at_once()
    {
        string path = _dir.Pattern("rw.bin", 8192);
        using var map = MemoryMap.MapFile(path, new MapOptions { SkipFaultRecovery = true, Access = MapAccess.ReadWrite });
        map.Write<long>(100, 0x0102030405060708);
        map.Write(4000, new byte[] { 9, 8, 7 });
        var buffer = new byte[8192];
        map.Read(0, buffer);
        Assert.Equal(0x0102030405060708, BitConverter.ToInt64(buffer, 100));
        Assert.Equal(new byte[] { 9, 8, 7 }, buffer.AsSpan(4000, 3).ToArray());
    }

    [Fact]
    public void A_copy_on_write_map_reads_its_private_changes_not_the_file()
    {
        string path = _dir.Pattern("cow.bin", 8192);
        using var map = MemoryMap.MapFile(path, new MapOptions { SkipFaultRecovery = true, Access = MapAccess.CopyOnWrite });
        map.Write(10, new byte[] { 0xEE, 0xEE });
        var buffer = new byte[4];
        map.Read(9, buffer);
        Assert.Equal(new byte[] { 9, 0xEE, 0xEE, 12 }, buffer);
        Assert.Equal(10, File.ReadAllBytes(path)[10]);
    }

    [Fact]
    public void A_map_at_an_offset_reads_from_that_offset_of_the_file()
    {
        int granule = (int)PageInfo.Current.AllocationGranularity; // what an offset must be a multiple of (64 KiB on Windows)
        string path = _dir.Pattern("offset.bin", 3 * granule);
        using var map = MemoryMap.MapFile(path, new MapOptions { SkipFaultRecovery = true, Offset = granule, Size = 2 * granule });
        var buffer = new byte[300];
        map.Read(5000, buffer);
        Assert.Equal(TempDir.PatternBytes(3 * granule).AsSpan(granule + 5000, 300).ToArray(), buffer);
        Expect.Error(MmapError.InvalidArgument, () => map.Read(2 * granule - 100, buffer)); // past the map, though not past the file
    }

    [Fact]
    public void A_tag_reads_what_another_map_of_it_wrote()
    {
        string tag = "mmap-readat-" + Guid.NewGuid().ToString("N")[..12];
        using var writer = MemoryMap.MapShared(tag, new MapOptions { SkipFaultRecovery = true, Access = MapAccess.ReadWrite, Size = 8192 });
        try
        {
            using var reader = MemoryMap.MapShared(tag, new MapOptions { SkipFaultRecovery = true, Access = MapAccess.Read });
            writer.Write(6000, new byte[] { 1, 2, 3, 4 });
            var buffer = new byte[6];
            reader.Read(5999, buffer);
            Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 0 }, buffer);
        }
        finally { SharedMemory.Unlink(tag); }
    }

    [SkippableFact]
    public void A_read_of_a_file_cut_short_is_file_too_short_and_names_the_new_size()
    {
        Expect.SkipUnlessMappedFilesCanShrink();
        string path = _dir.Pattern("cut.bin", 8192);
        using var map = MemoryMap.MapFile(path, new MapOptions { SkipFaultRecovery = true });
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite)) stream.SetLength(5000);
        var buffer = new byte[8192];
        var e = Expect.Error(MmapError.FileTooShort, () => map.Read(0, buffer));
        Assert.Contains("is now 5000 bytes", e.Message);
        map.Read(0, buffer.AsSpan(0, 4000)); // what is still there reads
        Assert.Equal(TempDir.PatternBytes(4000), buffer.AsSpan(0, 4000).ToArray());
    }

    [SkippableTheory]
    [InlineData(MapAdvice.Random, 0, 20)]
    [InlineData(MapAdvice.Normal, 24, 2048)]
    public void The_advice_steers_reads_through_the_descriptor_too(MapAdvice advice, int minPages, int maxPages)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "posix_fadvise and mincore as on Linux");
        string path = _dir.Pattern("advised.bin", 8 << 20);
        Skip.If(DriveInfo.GetDrives().Any(d => path.StartsWith(d.RootDirectory.FullName, StringComparison.Ordinal)
            && d.RootDirectory.FullName != "/" && d.DriveFormat == "tmpfs"), "a tmpfs keeps its pages: nothing to read ahead");
        using var map = MemoryMap.MapFile(path);
        DropFromCache(path);
        Skip.If(ResidentPages(map) > 0, "this file system keeps the pages after POSIX_FADV_DONTNEED");
        map.Advise(advice);
        map.Read(0, new byte[64 << 10]); // 16 pages: Random reads just those, Normal reads ahead of them
        Assert.InRange(ResidentPages(map), Math.Max(minPages, 16), maxPages);
    }

    private static unsafe void DropFromCache(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int fd = (int)stream.SafeFileHandle.DangerousGetHandle();
        Assert.Equal(0, Native.fsync(fd));
        Assert.Equal(0, Native.posix_fadvise(fd, 0, 0, 4 /* POSIX_FADV_DONTNEED */));
    }

    private static unsafe int ResidentPages(MemoryMap map)
    {
        int pages = (int)(map.Size / Environment.SystemPageSize);
        var vector = new byte[pages];
        fixed (byte* v = vector)
            Assert.Equal(0, Native.mincore((IntPtr)map.DangerousGetPointer(), (nuint)map.Size, v));
        return vector.Count(b => (b & 1) != 0);
    }

    private static unsafe class Native
    {
        [System.Runtime.InteropServices.DllImport("libc")] internal static extern int fsync(int fd);
        [System.Runtime.InteropServices.DllImport("libc")] internal static extern int posix_fadvise(int fd, long offset, long length, int advice);
        [System.Runtime.InteropServices.DllImport("libc")] internal static extern int mincore(IntPtr address, nuint length, byte* vector);
    }

    /// <summary>Bytes this thread has read through read-like system calls (rchar of /proc/thread-self/io).</summary>
    private static long ThreadBytesRead()
    {
        string line = File.ReadAllLines("/proc/thread-self/io").Single(l => l.StartsWith("rchar:", StringComparison.Ordinal));
        return long.Parse(line.Substring(6).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
