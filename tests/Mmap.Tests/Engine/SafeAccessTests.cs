using System.Runtime.InteropServices;
using Mmap;

namespace Mmap.Tests.Engine;

public sealed class SafeAccessTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct Header
    {
        public int A;
        public double B;
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(10)] // smaller than the widest value the one-compare check covers (MapView.ValueBytes)
    public void Values_up_to_the_last_byte_read_and_write_and_one_byte_past_is_refused(int size)
    {
        // Values of up to 16 bytes take one compare on the inlined path and the last 15 bytes of a map the out-of-line one:
        // both must give the same answers at every offset near the end. A Read file map and anonymous memory take the
        // inlined path (a ReadWrite file map's calls are tracked, so never do).
        string path = _dir.Pattern($"end-{size}.bin", size);
        byte[] bytes = File.ReadAllBytes(path);
        using var file = MemoryMap.MapFile(path);
        using var anonymous = MemoryMap.MapAnonymous(size);
        anonymous.Write(0, bytes);
        for (int offset = Math.Max(0, size - 24); offset < size + 2; offset++)
            foreach (int width in new[] { 1, 8, 16 })
            {
                long at = offset;
                Func<MemoryMap, object> read = width == 1 ? m => m.Read<byte>(at) : width == 8 ? m => m.Read<long>(at) : m => m.Read<Guid>(at);
                Action<MemoryMap> write = width == 1 ? m => m.Write(at, (byte)7) : width == 8 ? m => m.Write(at, 7L) : m => m.Write(at, Guid.Empty);
                if (offset + width <= size)
                {
                    Assert.Equal(bytes[offset], file.Read<byte>(at));
                    Assert.Equal(read(file), read(anonymous));
                    write(anonymous);
                }
                else
                {
                    Expect.Error(MmapError.InvalidArgument, () => read(file));
                    Expect.Error(MmapError.InvalidArgument, () => read(anonymous));
                    Expect.Error(MmapError.InvalidArgument, () => write(anonymous));
                }
                anonymous.Write(0, bytes);
            }
    }

    [Fact]
    public void Typed_struct_views_round_trip_through_the_file()
    {
        // lua-mmapfile's example: struct test { int a; double b; } written, freed, reopened.
        string path = _dir.File("struct.bin");
        using (var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Size = Marshal.SizeOf<Header>() }))
            map.Write(0, new Header { A = 1, B = 1.5 });
        using (var map = MemoryMap.MapFile(path))
        {
            var h = map.Read<Header>(0);
            Assert.Equal(1, h.A);
            Assert.Equal(1.5, h.B);
            Assert.Equal(1.5, map.AsRef<Header>(0).B);
        }
    }

    [Fact]
    public void Unaligned_typed_reads_and_writes_work()
    {
        using var map = MemoryMap.MapAnonymous(64, new MapOptions { Access = MapAccess.ReadWrite });
        map.Write<long>(3, -2);
        Assert.Equal(-2, map.Read<long>(3));
    }

    [Fact]
    public void Span_and_array_reads_and_writes()
    {
        using var map = MemoryMap.MapAnonymous(4096, new MapOptions { Access = MapAccess.ReadWrite });
        map.Write<int>(100, new[] { 1, 2, 3 });
        var back = new int[3];
        map.Read<int>(100, back);
        Assert.Equal(new[] { 1, 2, 3 }, back);
        map.GetSpan(0, 4)[0] = 42;
        Assert.Equal(42, map.ReadBytes(0, 1)[0]);
        Assert.Empty(map.ReadBytes(4096, 0));
    }

    [Theory]
    [InlineData(-1L, 1)]
    [InlineData(4096L, 1)]
    [InlineData(4090L, 8)]
    [InlineData(long.MaxValue, 1)]
    public void Out_of_bounds_access_is_invalid_argument(long offset, int count)
    {
        using var map = MemoryMap.MapAnonymous(4096, new MapOptions { Access = MapAccess.ReadWrite });
        var e = Expect.Error(MmapError.InvalidArgument, () => map.Read(offset, new byte[count]));
        Assert.Contains("4096", e.Message);
        Expect.Error(MmapError.InvalidArgument, () => map.Write(offset, new byte[count]));
        Expect.Error(MmapError.InvalidArgument, () => map.GetSpan(offset, count));
        if (count == 8) Expect.Error(MmapError.InvalidArgument, () => map.Read<long>(offset));
        Expect.Error(MmapError.InvalidArgument, () => map.ReadBytes(0, -1));
    }

    [Fact]
    public void Writing_to_a_read_only_file_map_is_an_error_and_the_file_is_unchanged()
    {
        string path = _dir.Pattern("ro.bin", 4096);
        using (var map = MemoryMap.MapFile(path))
        {
            var e = Expect.Error(MmapError.AccessDenied, () => map.Write<int>(0, 1));
            Assert.Contains(path, e.Message);
        }
        Assert.Equal(TempDir.PatternBytes(4096), File.ReadAllBytes(path));
    }

    [SkippableFact]
    public void A_file_truncated_by_someone_else_gives_file_too_short_not_a_crash()
    {
        Expect.SkipUnlessMappedFilesCanShrink();
        string path = _dir.Pattern("trunc.bin", 3 * 4096);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        using (var other = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            other.SetLength(4096);
        Assert.Equal(1, map.Read<byte>(1));
        var e = Expect.Error(MmapError.FileTooShort, () => map.Read<byte>(2 * 4096 + 1));
        Assert.Contains("truncated", e.Message);
        Expect.Error(MmapError.FileTooShort, () => map.Write<byte>(2 * 4096, 1));
        Expect.Error(MmapError.FileTooShort, () => map.ReadBytes(0, 3 * 4096));
        // A copy-on-write map of the same file is protected the same way (in a page past the new end: see below).
        using (var other = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            other.SetLength(3 * 4096);
        using var cow = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.CopyOnWrite });
        using (var other = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            other.SetLength(1);
        Expect.Error(MmapError.FileTooShort, () => cow.Read<byte>(4096 + 7));
    }

    [SkippableFact]
    public void A_cut_inside_a_page_reads_zeros_past_the_new_end_as_any_mapping_does_where_recovery_covers_the_map()
    {
        // No fault: the OS zero-fills the rest of the page that holds the new end (POSIX mmap), so only a size check per call
        // (recovery off) sees it. Flush and Acquire still check the size once.
        Expect.SkipUnlessMappedFilesCanShrink();
        Skip.IfNot(FaultRecovery.IsActive, $"fault recovery is {FaultRecovery.Status}");
        string path = _dir.Pattern("inpage.bin", 4096);
        using var map = MemoryMap.MapFile(path);
        using (var other = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            other.SetLength(100);
        Assert.Equal(0, map.Read<byte>(4000));
        Assert.Null(map.Fault);
        Expect.Error(MmapError.FileTooShort, () => { using var lease = map.Acquire(0, 4096); });
    }

    [Fact]
    public void The_size_check_can_be_turned_off_for_files_nobody_shrinks()
    {
        string path = _dir.Pattern("nocheck.bin", 4096);
        using var map = MemoryMap.MapFile(path, new MapOptions { SizeCheck = false });
        Assert.Equal(7, map.Read<byte>(7));
    }
}
