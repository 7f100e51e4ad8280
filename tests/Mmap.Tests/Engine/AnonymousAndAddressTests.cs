using Mmap;

namespace Mmap.Tests.Engine;

public class AnonymousAndAddressTests
{
    private static readonly long Page = PageInfo.Current.AllocationGranularity;

    [Fact]
    public void Anonymous_memory_is_zeroed_and_writable()
    {
        using var map = MemoryMap.MapAnonymous(3 * Page, new MapOptions { Access = MapAccess.ReadWrite });
        Assert.Equal(MapKind.Anonymous, map.Kind);
        Assert.Null(map.Path);
        Assert.All(map.ReadBytes(0, (int)map.Size), b => Assert.Equal(0, b));
        map.Write<ulong>(Page, ulong.MaxValue);
        Assert.Equal(ulong.MaxValue, map.Read<ulong>(Page));
        map.Flush(); // nothing to write back: must be harmless
    }

    [Fact]
    public void Anonymous_memory_is_read_write_unless_asked_otherwise()
    {
        using var map = MemoryMap.MapAnonymous(Page);
        Assert.Equal(MapAccess.ReadWrite, map.Access);
        map.Write<int>(0, 1);
        Assert.Equal(1, map.Read<int>(0));
    }

    [Fact]
    public void Anonymous_read_only_memory_refuses_writes()
    {
        using var map = MemoryMap.MapAnonymous(Page, new MapOptions { Access = MapAccess.Read });
        var e = Expect.Error(MmapError.AccessDenied, () => map.Write<int>(0, 1));
        Assert.Contains("read-only", e.Message);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void Anonymous_size_must_be_positive(long size) =>
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapAnonymous(size));

    [Fact]
    public void Huge_sizes_are_out_of_memory_not_a_crash() =>
        Expect.Error(MmapError.OutOfMemory, () => MemoryMap.MapAnonymous(long.MaxValue, new MapOptions { Access = MapAccess.ReadWrite }));

    [Fact]
    public void An_exact_free_address_is_honoured()
    {
        ulong free = FreeAddress(4 * Page);
        using var map = MemoryMap.MapAnonymous(4 * Page, new MapOptions { Access = MapAccess.ReadWrite, Address = free });
        Assert.Equal((long)free, map.Address.ToInt64());
    }

    [Fact]
    public void An_address_in_use_is_out_of_memory_and_the_existing_mapping_is_untouched()
    {
        using var existing = MemoryMap.MapAnonymous(2 * Page, new MapOptions { Access = MapAccess.ReadWrite });
        existing.Write<long>(Page, 0x5A5A5A5A);
        ulong taken = (ulong)existing.Address.ToInt64() + (ulong)Page;
        var e = Expect.Error(MmapError.OutOfMemory, () => MemoryMap.MapAnonymous(Page, new MapOptions { Access = MapAccess.ReadWrite, Address = taken }));
        Assert.Contains("already in use", e.Message);
        Assert.Equal(0x5A5A5A5A, existing.Read<long>(Page));
    }

    [Fact]
    public void A_file_map_at_an_address_in_use_is_refused_too()
    {
        using var dir = new TempDir();
        string path = dir.Pattern("at.bin", 4096);
        using var existing = MemoryMap.MapAnonymous(Page);
        Expect.Error(MmapError.OutOfMemory, () => MemoryMap.MapFile(path, new MapOptions { Address = (ulong)existing.Address.ToInt64() }));
    }

    /// <summary>An address that was free a moment ago: map, note, unmap.</summary>
    private static ulong FreeAddress(long size)
    {
        using var probe = MemoryMap.MapAnonymous(size);
        return (ulong)probe.Address.ToInt64();
    }
}
