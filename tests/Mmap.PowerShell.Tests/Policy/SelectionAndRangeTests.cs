using System.Management.Automation;
using Mmap;
using Mmap.Commands.Policy;

namespace Mmap.PowerShell.Tests.Policy;

public sealed class SelectionAndRangeTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ById_returns_maps_in_the_order_asked_and_an_error_per_missing_id()
    {
        using var a = MemoryMap.MapAnonymous(4096);
        using var b = MemoryMap.MapAnonymous(4096);
        var errors = new List<ErrorRecord>();
        long missing = b.Id + 1_000_000;
        var found = MapSelection.ById([a, b], [b.Id, missing, a.Id], errors);
        Assert.Equal([b, a], found);
        var error = Assert.Single(errors);
        Assert.Equal("map_not_found", error.FullyQualifiedErrorId);
        Assert.Equal(missing, error.TargetObject);
    }

    [Fact]
    public void ByPath_keeps_file_maps_matching_any_pattern()
    {
        using var x = MemoryMap.MapFile(_dir.Pattern("x.bin", 100));
        using var y = MemoryMap.MapFile(_dir.Pattern("y.dat", 100));
        using var anon = MemoryMap.MapAnonymous(4096);
        Func<string, bool> endsBin = p => p.EndsWith(".bin");
        Func<string, bool> none = _ => false;
        Assert.Equal([x], MapSelection.ByPath([x, y, anon], [endsBin, none]));
        Assert.Empty(MapSelection.ByPath([x, y, anon], [none]));
        Assert.Empty(MapSelection.ByPath([anon], [_ => true]));
    }

    [Fact]
    public void ReadCount_defaults_to_the_rest_of_the_map()
    {
        Assert.Equal(1000, DataRanges.ReadCount(1000, 0, null));
        Assert.Equal(1, DataRanges.ReadCount(1000, 999, null));
        Assert.Equal(0, DataRanges.ReadCount(1000, 1000, null));
        Assert.Equal(7, DataRanges.ReadCount(1000, 0, 7));
    }

    [Fact]
    public void ReadCount_and_RangeLength_check_a_given_range_whole_before_the_first_step()
    {
        var e = Expect.Error(MmapError.InvalidArgument, () => DataRanges.ReadCount(1000, 0, 5000));
        Assert.StartsWith("Cannot read 5000 bytes at offset 0: the map holds 1000 bytes", e.Message);
        e = Expect.Error(MmapError.InvalidArgument, () => DataRanges.RangeLength(4096, 100000, 0, "flush"));
        Assert.StartsWith("Cannot flush at offset 100000: the map holds 4096 bytes", e.Message);
        e = Expect.Error(MmapError.InvalidArgument, () => DataRanges.CheckWrite(4096, 4096, 1));
        Assert.StartsWith("Cannot write 1 byte at offset 4096", e.Message);
    }

    [Fact]
    public void ReadCount_refuses_an_offset_past_the_end() =>
        Expect.Error(MmapError.InvalidArgument, () => DataRanges.ReadCount(1000, 1001, null));

    [Fact]
    public void ReadCount_refuses_a_rest_too_big_for_one_array()
    {
        Assert.Equal(DataRanges.MaxArrayLength, DataRanges.ReadCount(DataRanges.MaxArrayLength + 4096L, 4096, null));
        var e = Expect.Error(MmapError.InvalidArgument, () => DataRanges.ReadCount(8L << 30, 0, null));
        Assert.Contains("-Count", e.Message);
        Assert.Contains("8 GiB", e.Message);
    }

    [Fact]
    public void ReadCount_refuses_a_count_too_big_for_one_array_saying_the_limit_and_how_to_read_in_chunks()
    {
        Assert.Equal(DataRanges.MaxArrayLength, DataRanges.ReadCount(8L << 30, 0, DataRanges.MaxArrayLength));
        var e = Expect.Error(MmapError.InvalidArgument, () => DataRanges.ReadCount(8L << 30, 0, 3L << 30));
        Assert.Equal("-Count 3221225472 (3 GiB) is more than one byte[] can hold (2147483591 bytes). " +
            "Give -Count (at most that; 1GB, say) and step -Offset by it to read in chunks.", e.Message);
    }

    [Fact]
    public void RangeLength_defaults_to_the_rest_of_the_map()
    {
        Assert.Equal(10L << 30, DataRanges.RangeLength(10L << 30, 0, null, "flush"));
        Assert.Equal(904, DataRanges.RangeLength(1000, 96, null, "flush"));
        Assert.Equal(3, DataRanges.RangeLength(1000, 96, 3, "flush"));
        Expect.Error(MmapError.InvalidArgument, () => DataRanges.RangeLength(1000, 1001, null, "flush"));
    }

    [Fact]
    public void The_default_ranges_work_with_the_engine()
    {
        using var map = MemoryMap.MapFile(_dir.Pattern("r.bin", 300), new MapOptions { Access = MapAccess.ReadWrite });
        Assert.Equal(TempDir.PatternBytes(300)[100..], map.ReadBytes(100, DataRanges.ReadCount(map.Size, 100, null)));
        map.Flush(100, DataRanges.RangeLength(map.Size, 100, null, "flush"));
    }

    [Theory]
    [InlineData(0x7F0000001000L, 0x7F0000001000UL)]
    [InlineData(4096, 4096UL)]
    [InlineData((short)4096, 4096UL)]
    [InlineData((byte)16, 16UL)]
    [InlineData(0xFFFF_FFFF_FFFF_F000UL, 0xFFFF_FFFF_FFFF_F000UL)]
    [InlineData("0x7F0000001000", 0x7F0000001000UL)]
    [InlineData(" 0X10000 ", 0x10000UL)]
    [InlineData("65536", 65536UL)]
    public void Address_arguments_keep_the_exact_address(object given, ulong address) =>
        Assert.Equal(address, AddressArgument.From(given));

    [Fact]
    public void Address_arguments_take_pointers_as_their_bits()
    {
        Assert.Equal(0x7F0000001000UL, AddressArgument.From(new IntPtr(0x7F0000001000)));
        Assert.Equal(0xFFFF_8000_0000_0000UL, AddressArgument.From(new IntPtr(unchecked((long)0xFFFF_8000_0000_0000UL)))); // the top half, as the OS gives it
        Assert.Equal(0x10000UL, AddressArgument.From(new UIntPtr(0x10000UL)));
    }

    [Theory]
    [InlineData(-4096L, "-4096 is not an address")]
    [InlineData("0x", "'0x' is not an address")]
    [InlineData("-1", "'-1' is not an address")]
    [InlineData("12z", "'12z' is not an address")]
    [InlineData(1.5, "A Double is not an address")]
    [InlineData(null, "$null is not an address")]
    public void Other_address_arguments_are_invalid_and_say_what_to_give(object? given, string start)
    {
        var e = Expect.Error(MmapError.InvalidArgument, () => AddressArgument.From(given));
        Assert.StartsWith(start, e.Message);
        Assert.Contains("$map.Address", e.Message);
    }

    [Fact]
    public void Id_completion_lists_live_ids_by_prefix_with_the_description()
    {
        using var a = MemoryMap.MapAnonymous(4096);
        using var b = MemoryMap.MapAnonymous(1536);
        var all = MapIds.Complete("", [a, b]);
        Assert.Equal([a.Id.ToString(), b.Id.ToString()], all.Select(c => c.Id));
        Assert.Equal($"{b.Description}: ReadWrite, 1.5 KiB", all[1].ToolTip);
        Assert.Equal([b.Id.ToString()], MapIds.Complete($"'{b.Id}", [a, b]).Select(c => c.Id));
        Assert.Empty(MapIds.Complete("x", [a, b]));
    }
}
