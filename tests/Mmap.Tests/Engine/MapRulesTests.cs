using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>The size/offset/address rules, checked without touching the OS.</summary>
public class MapRulesTests
{
    private static readonly PageInfo Pages = PageInfo.Current;

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Size_must_be_positive(long size)
    {
        var e = Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckOptions(new MapOptions { Size = size }, Pages, fileBacked: true));
        Assert.Contains(size.ToString(), e.Message);
    }

    [Fact]
    public void Anonymous_memory_needs_a_size() =>
        Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckOptions(new MapOptions(), Pages, fileBacked: false));

    [Fact]
    public void Unaligned_offset_names_the_granularity_and_nearest_aligned_offsets()
    {
        long g = Pages.AllocationGranularity;
        var e = Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckOptions(new MapOptions { Offset = g + 100 }, Pages, fileBacked: true));
        Assert.Contains(g.ToString(), e.Message);
        Assert.Contains($"Use {g} or {2 * g}", e.Message);
    }

    [Fact]
    public void Negative_offset_is_rejected() =>
        Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckOptions(new MapOptions { Offset = -4096 }, Pages, fileBacked: true));

    [Fact]
    public void Offset_is_ignored_for_anonymous_memory() =>
        MapRules.CheckOptions(new MapOptions { Size = 1, Offset = 123 }, Pages, fileBacked: false);

    [Fact]
    public void Address_zero_and_unaligned_addresses_are_rejected()
    {
        Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckOptions(new MapOptions { Size = 1, Address = 0 }, Pages, fileBacked: false));
        var e = Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckOptions(new MapOptions { Size = 1, Address = 0x10000001 }, Pages, fileBacked: false));
        Assert.Contains("0x10000000", e.Message);
    }

    [Fact]
    public void Undefined_access_value_is_rejected() =>
        Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckOptions(new MapOptions { Access = (MapAccess)42 }, Pages, fileBacked: true));

    [Fact]
    public void No_size_maps_the_rest_of_the_file()
    {
        var plan = MapRules.PlanFileMap(fileSize: 10000, size: null, offset: 4096, canGrow: false, "f");
        Assert.Equal(10000 - 4096, plan.MapSize);
        Assert.Equal(10000, plan.FileSizeNeeded);
    }

    [Fact]
    public void Empty_file_without_size_is_too_short_even_with_write() =>
        Expect.Error(MmapError.FileTooShort, () => MapRules.PlanFileMap(0, null, 0, canGrow: true, "f"));

    [Fact]
    public void Offset_past_the_end_without_size_is_too_short() =>
        Expect.Error(MmapError.FileTooShort, () => MapRules.PlanFileMap(4096, null, 4096, canGrow: true, "f"));

    [Fact]
    public void Short_file_without_write_is_too_short_and_the_message_has_the_figures()
    {
        var e = Expect.Error(MmapError.FileTooShort, () => MapRules.PlanFileMap(100, 8192, 4096, canGrow: false, "data.bin"));
        Assert.Contains("data.bin", e.Message);
        Assert.Contains("100 bytes", e.Message);
        Assert.Contains("12288", e.Message);
    }

    [Fact]
    public void Short_file_with_write_grows_to_offset_plus_size()
    {
        var plan = MapRules.PlanFileMap(100, 8192, 4096, canGrow: true, "f");
        Assert.Equal(8192, plan.MapSize);
        Assert.Equal(12288, plan.FileSizeNeeded);
    }

    [Fact]
    public void Offset_plus_size_overflow_is_out_of_memory() =>
        Expect.Error(MmapError.OutOfMemory, () => MapRules.PlanFileMap(100, long.MaxValue, 4096, canGrow: true, "f"));

    [Theory]
    [InlineData(0, 10, 0, 10)]
    [InlineData(5000, 10, 4096, 914)]
    [InlineData(8191, 1, 4096, 4096)]
    public void Flush_range_start_is_aligned_left(long offset, long length, long start, long count)
    {
        var r = MapRules.PageRange(mapSize: 16384, offset, length, pageSize: 4096, "flush");
        Assert.Equal((start, count), r);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 16385)]
    [InlineData(16384, 1)]
    [InlineData(1, -1)]
    [InlineData(long.MaxValue, 2)]
    public void Ranges_outside_the_map_are_rejected(long offset, long count) =>
        Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckRange(offset, count, 16384, "read"));

    [Fact]
    public void Paths_are_checked_before_the_os_sees_them()
    {
        Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckPath(null));
        Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckPath(""));
        Expect.Error(MmapError.InvalidArgument, () => MapRules.CheckPath("a\0b"));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(4096, "4 KiB")]
    [InlineData(6L * 1024 * 1024 * 1024, "6 GiB")]
    public void Human_sizes(long bytes, string text) => Assert.Equal(text, ByteSize.ToText(bytes));
}
