using Mmap;
using Mmap.Platform;

namespace Mmap.Tests.Engine;

/// <summary>The placement rules and the address-range arithmetic behind placement, checked without touching the OS.</summary>
public class PlacementRulesTests
{
    private const ulong TwoGiB = 0x80000000, FourGiB = 0x100000000;
    /// <summary>4 KiB pages and granularity, whatever this machine has: the addresses below are written for them.</summary>
    private static readonly PageInfo Pages = new(4096, 4096, 0);

    [Fact]
    public void An_undefined_placement_is_rejected()
    {
        var e = Expect.Error(MmapError.InvalidArgument,
            () => MapRules.CheckOptions(new MapOptions { Size = 4096, Placement = (MapPlacement)42 }, Pages, fileBacked: false));
        Assert.Contains("42", e.Message);
        Assert.Contains("Low32", e.Message);
    }

    [Theory]
    [InlineData(MapPlacement.Low, 0x80000000UL, 4096L)]          // starts at the end of the window
    [InlineData(MapPlacement.Low, 0x7FFFF000UL, 8192L)]          // crosses 2 GiB by one page
    [InlineData(MapPlacement.Low32, 0xFFFFF000UL, 8192L)]        // crosses 4 GiB by one page
    [InlineData(MapPlacement.High, 0xFFFFF000UL, 4096L)]         // ends at 4 GiB: starts below it
    [InlineData(MapPlacement.High, 0x10000UL, 4096L)]
    public void An_address_outside_the_placement_window_names_both(MapPlacement placement, ulong address, long size)
    {
        var e = Expect.Error(MmapError.InvalidArgument,
            () => MapRules.CheckOptions(new MapOptions { Size = size, Address = address, Placement = placement }, Pages, fileBacked: false));
        Assert.Contains($"0x{address:X}", e.Message);
        Assert.Contains($"Placement {placement}", e.Message);
    }

    [Theory]
    [InlineData(MapPlacement.Low, 0x7FFFF000UL, 4096L)]          // ends exactly at 2 GiB
    [InlineData(MapPlacement.Low32, 0x80000000UL, 0x80000000L)]  // ends exactly at 4 GiB
    [InlineData(MapPlacement.High, 0x100000000UL, 4096L)]        // starts exactly at 4 GiB
    [InlineData(MapPlacement.Any, 0x1000UL, 4096L)]
    public void An_address_inside_the_placement_window_is_accepted(MapPlacement placement, ulong address, long size) =>
        MapRules.CheckOptions(new MapOptions { Size = size, Address = address, Placement = placement }, Pages, fileBacked: false);

    [Fact]
    public void Without_a_size_only_the_start_is_checked()
    {
        PlacementRules.Check(MapPlacement.Low, TwoGiB - 4096, null);
        Expect.Error(MmapError.InvalidArgument, () => PlacementRules.Check(MapPlacement.Low, TwoGiB, null));
    }

    [Fact]
    public void The_no_room_error_carries_the_figures()
    {
        var window = new AddressWindow(MapPlacement.Low, 0x10000, TwoGiB);
        var e = PlacementRules.NoRoom(3L << 30, 123 << 20, window, "3 GiB of anonymous memory");
        Assert.Equal(MmapError.OutOfMemory, e.Error);
        Assert.Contains("asked 3 GiB (3221225472 bytes)", e.Message);
        Assert.Contains("largest free block in 0x10000-0x80000000 is 123 MiB (128974848 bytes)", e.Message);
        Assert.Contains("below 2 GiB", e.Message);
        Assert.Contains("unknown", PlacementRules.NoRoom(1, -1, window, "x").Message);
    }

    /// <summary>Wine refused High with out_of_mem whose own text gave 127.4 TiB free: a refusal with room to spare is
    /// not_supported, saying so; out_of_mem stays for a window whose free blocks are too small (or unknown).</summary>
    [Theory]
    [InlineData(4096L, 140_000_000_000_000L, MmapError.NotSupported)]
    [InlineData(4096L, 4096L, MmapError.NotSupported)]
    [InlineData(8192L, 4096L, MmapError.OutOfMemory)]
    [InlineData(4096L, -1L, MmapError.OutOfMemory)]
    public void A_refused_placement_is_out_of_mem_only_without_room(long size, long largestFree, MmapError expected)
    {
        var window = AddressWindow.For(MapPlacement.High);
        var e = PlacementRules.NotPlaced(size, largestFree, window, "4 KiB of anonymous memory", 8);
        Assert.Equal(expected, e.Error);
        Assert.Equal(8, e.NativeErrorCode);
        if (expected == MmapError.NotSupported)
        {
            Assert.Contains("the OS refused it (OS error 8)", e.Message);
            Assert.Contains("enough for the", e.Message);
            Assert.Contains("use Placement Any", e.Message);
        }
    }

    [Theory]
    [InlineData(MapPlacement.Low, 0UL, 0x80000000UL)]
    [InlineData(MapPlacement.Low32, 0UL, 0x100000000UL)]
    [InlineData(MapPlacement.High, 0x100000000UL, ulong.MaxValue)]
    [InlineData(MapPlacement.Any, 0UL, ulong.MaxValue)]
    public void Each_placement_has_its_window(MapPlacement placement, ulong lowest, ulong highestEnd)
    {
        var w = AddressWindow.For(placement);
        Assert.Equal((lowest, highestEnd), (w.Lowest, w.HighestEnd));
        Assert.False(w.Contains(highestEnd == ulong.MaxValue ? ulong.MaxValue : highestEnd, 1));
        Assert.False(w.Contains(lowest + 1, ulong.MaxValue)); // no overflow wrap-around
    }

    [Fact]
    public void Proc_maps_lines_parse_into_ranges()
    {
        byte[] text = System.Text.Encoding.ASCII.GetBytes(
            "00400000-00452000 r-xp 00000000 08:02 173521      /usr/bin/dbus-daemon\n" +
            "7f2c4e000000-7f2c4e021000 rw-p 00000000 00:00 0 \n" +
            "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]");
        var ranges = LinuxProcMaps.ParseRanges(text, text.Length);
        Assert.Equal(new[] { (0x400000UL, 0x452000UL), (0x7f2c4e000000UL, 0x7f2c4e021000UL), (0xffffffffff600000UL, 0xffffffffff601000UL) }, ranges);
    }

    [Fact]
    public void Gaps_are_the_page_aligned_holes_inside_the_window()
    {
        var used = new List<(ulong, ulong)> { (0x0UL, 0x20000UL), (0x30000UL, 0x40000UL), (0x7FFFF000UL, 0x90000000UL) };
        var window = new AddressWindow(MapPlacement.Low, 0x10000, TwoGiB);
        var gaps = LinuxProcMaps.Gaps(used, window, 4096);
        Assert.Equal(new[] { (0x20000UL, 0x30000UL), (0x40000UL, 0x7FFFF000UL) }, gaps);
        // Nothing used: the whole window, trimmed to pages.
        Assert.Equal(new[] { (0x11000UL, 0x7FFFF000UL) },
            LinuxProcMaps.Gaps(new List<(ulong, ulong)>(), new AddressWindow(MapPlacement.Low, 0x10001, 0x7FFFF123), 4096));
    }

    [Fact]
    public void Touching_ranges_merge_into_one_block()
    {
        var merged = AddressRanges.Merge(new List<(ulong, ulong)> { (0x5000UL, 0x6000UL), (0x1000UL, 0x3000UL), (0x3000UL, 0x4000UL) });
        Assert.Equal(new[] { (0x1000UL, 0x4000UL), (0x5000UL, 0x6000UL) }, merged);
        Assert.Equal(0x3000L, AddressRanges.Largest(merged));
        Assert.Equal(0L, AddressRanges.Largest(new List<(ulong, ulong)>()));
    }
}
