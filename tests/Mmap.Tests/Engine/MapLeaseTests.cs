using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>MemoryMap.Acquire: one set of checks for a loop, then bounds-checked raw access until the lease ends.</summary>
public sealed class MapLeaseTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_lease_reads_and_writes_the_map_at_offsets_from_its_start()
    {
        using var map = MemoryMap.MapFile(_dir.Pattern("lease.bin", 8192), new MapOptions { Access = MapAccess.ReadWrite });
        using (var lease = map.Acquire(4096, 4096, write: true))
        {
            Assert.Equal((4096L, 4096L, true), (lease.Offset, lease.Length, lease.IsWritable));
            Assert.Equal(map.Read<long>(4096), lease.Read<long>(0));
            Assert.Equal(map.Read<int>(8188), lease.Read<int>(4092));
            lease.Write<long>(8, -2);
            lease.Write(100, new byte[] { 7, 8 });
            var two = new byte[2];
            lease.Read(100, two);
            Assert.Equal(new byte[] { 7, 8 }, two);
            Assert.Equal(new byte[] { 7, 8 }, lease.GetReadOnlySpan(100, 2).ToArray());
            lease.GetSpan(200, 1)[0] = 9;
        }
        Assert.Equal(-2L, map.Read<long>(4096 + 8));
        Assert.Equal(new byte[] { 7, 8 }, map.ReadBytes(4096 + 100, 2));
        Assert.Equal(9, map.Read<byte>(4096 + 200));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(4089L)]  // 8 bytes from here run one past the end
    [InlineData(4096L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void An_access_outside_the_lease_is_invalid_argument_and_touches_nothing(long offset)
    {
        using var map = MemoryMap.MapAnonymous(8192);
        var e = Assert.Throws<MmapException>(() => { using var l = map.Acquire(0, 4096); return l.Read<long>(offset); });
        Assert.Equal(MmapError.InvalidArgument, e.Error);
        Assert.Contains("the lease covers 4096 bytes", e.Message);
        Assert.Throws<MmapException>(() => { using var l = map.Acquire(0, 4096, write: true); l.Write<long>(offset, -1); });
        Assert.All(map.ReadBytes(0, 8192), b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_lease_shorter_than_a_value_refuses_it()
    {
        using var map = MemoryMap.MapAnonymous(4096);
        Assert.Throws<MmapException>(() => { using var l = map.Acquire(0, 4); return l.Read<long>(0); });
    }

    [Theory]
    [InlineData(-1L, 1L)]
    [InlineData(0L, 4097L)]
    [InlineData(4096L, 1L)]
    [InlineData(1L, -1L)]
    public void A_lease_outside_the_map_is_invalid_argument(long offset, long length)
    {
        using var map = MemoryMap.MapAnonymous(4096);
        var e = Expect.Error(MmapError.InvalidArgument, () => { using var l = map.Acquire(offset, length); });
        Assert.Contains("Cannot acquire", e.Message);
    }

    [Fact]
    public void A_read_only_lease_refuses_writes_and_a_read_only_map_refuses_a_writable_lease()
    {
        using var map = MemoryMap.MapFile(_dir.Pattern("ro.bin", 4096));
        Assert.Contains("read-only", Expect.Error(MmapError.AccessDenied, () => { using var l = map.Acquire(0, 4096, write: true); }).Message);
        var e = Assert.Throws<MmapException>(() => { using var l = map.Acquire(0, 4096); l.Write<byte>(0, 1); });
        Assert.Equal(MmapError.AccessDenied, e.Error);
        Assert.Contains("write: true", e.Message);
        Assert.Throws<MmapException>(() => { using var l = map.Acquire(0, 4096); l.GetSpan(0, 1); });
        Assert.Equal(0, map.Read<byte>(0));
    }

    [Fact]
    public void A_disposed_lease_refuses_every_access_and_a_second_Dispose_does_nothing()
    {
        using var map = MemoryMap.MapAnonymous(4096);
        var lease = map.Acquire(0, 4096, write: true);
        lease.Dispose();
        lease.Dispose();
        Assert.Equal(0, lease.Length);
        // A ref struct cannot be captured by a lambda: catch by hand.
        var refusals = new List<Exception?>();
        try { lease.Read<long>(0); refusals.Add(null); } catch (Exception e) { refusals.Add(e); }
        try { lease.Write<long>(0, 1); refusals.Add(null); } catch (Exception e) { refusals.Add(e); }
        try { lease.GetReadOnlySpan(0, 1); refusals.Add(null); } catch (Exception e) { refusals.Add(e); }
        Assert.All(refusals, e => Assert.Contains("lease was disposed", Assert.IsType<ObjectDisposedException>(e).Message));
        map.Write<long>(0, 5); // the map's own reference count is intact: it still works, and disposes cleanly below
        Assert.Equal(5, map.Read<long>(0));
    }

    [Fact]
    public void A_lease_keeps_the_memory_mapped_through_the_maps_Dispose_until_it_ends()
    {
        string path = _dir.Pattern("held.bin", 4096);
        var map = MemoryMap.MapFile(path);
        IntPtr at = map.Address;
        var lease = map.Acquire(0, 4096);
        map.Dispose();
        Assert.True(map.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => map.Read<byte>(0));
        Assert.Throws<ObjectDisposedException>(() => { using var l = map.Acquire(0, 1); });
        Assert.Equal(100, lease.Read<byte>(100)); // still the file's bytes
        if (Expect.IsLinux) Assert.Contains(path, ProcSelf.MapsLineAt(at));
        lease.Dispose();
        if (Expect.IsLinux) Assert.DoesNotContain(path, ProcSelf.MapsLineOutsideJitAt(at) ?? "");
    }

    [SkippableFact]
    public void Acquire_checks_the_file_size_once_and_refuses_a_truncated_file()
    {
        Expect.SkipUnlessMappedFilesCanShrink();
        string path = _dir.Pattern("cut.bin", 8192);
        using var map = MemoryMap.MapFile(path);
        using (var stream = new FileStream(path, FileMode.Open)) stream.SetLength(4096);
        using (var low = map.Acquire(0, 4096)) Assert.Equal(1, low.Read<byte>(1));
        Assert.Contains("truncated", Expect.Error(MmapError.FileTooShort, () => { using var l = map.Acquire(0, 8192); }).Message);
    }

    [SkippableFact]
    public void A_failed_acquire_takes_no_reference()
    {
        Expect.SkipUnlessMappedFilesCanShrink();
        string path = _dir.Pattern("ref.bin", 8192);
        var map = MemoryMap.MapFile(path);
        IntPtr at = map.Address;
        using (var stream = new FileStream(path, FileMode.Open)) stream.SetLength(4096);
        Expect.Error(MmapError.FileTooShort, () => { using var l = map.Acquire(0, 8192); });
        map.Dispose(); // with a reference left behind, the file would stay mapped
        if (Expect.IsLinux) Assert.DoesNotContain(path, ProcSelf.MapsLineOutsideJitAt(at) ?? "");
    }
}
