using System.Management.Automation;
using Mmap;
using Mmap.Commands;
using Mmap.Commands.Policy;

namespace Mmap.PowerShell.Tests.Policy;

public sealed class ValueAndSearchTests
{
    [Theory]
    [InlineData(255, typeof(byte), (byte)255)]
    [InlineData(-128, typeof(sbyte), (sbyte)-128)]
    [InlineData(4294967295L, typeof(uint), 4294967295u)]
    [InlineData(2.0, typeof(int), 2)]
    [InlineData("-2", typeof(int), -2)]
    [InlineData("0x1F", typeof(long), 31L)]
    [InlineData("1KB", typeof(long), 1024L)]
    [InlineData(1.5, typeof(double), 1.5)]
    [InlineData(3, typeof(float), 3f)]
    public void Numbers_convert_exactly_to_the_type(object value, Type type, object expected)
    {
        object converted = ValueTypes.Convert(value, type, "-Value");
        Assert.Equal(expected, converted);
        Assert.IsType(type, converted);
        Assert.Equal(expected, ValueTypes.Convert(new PSObject(value), type, "-Value"));
    }

    [Fact]
    public void UInt64_takes_its_whole_range_through_decimal()
    {
        Assert.Equal(ulong.MaxValue, ValueTypes.Convert(ulong.MaxValue, typeof(ulong), "-Value"));
        Assert.Equal(ulong.MaxValue, ValueTypes.Convert(18446744073709551615m, typeof(ulong), "-Value"));
    }

    [Theory]
    [InlineData(256, typeof(byte), "does not fit Byte (0 to 255)")]
    [InlineData(-1, typeof(uint), "does not fit UInt32")]
    [InlineData(2.5, typeof(int), "not a whole number")]
    [InlineData(1e30, typeof(long), "does not fit Int64")]
    [InlineData(double.NaN, typeof(int), "not a whole number")]
    [InlineData("abc", typeof(int), "'abc' (String) is not a number")]
    [InlineData(true, typeof(int), "is not a number")]
    [InlineData(1e300, typeof(float), "does not fit Single")]
    public void Values_that_do_not_fit_are_invalid_argument_naming_the_parameter(object value, Type type, string says)
    {
        var e = Assert.Throws<MmapException>(() => ValueTypes.Convert(value, type, "-Value"));
        Assert.Equal(MmapError.InvalidArgument, e.Error);
        Assert.StartsWith("-Value", e.Message);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void Null_is_no_number()
    {
        Assert.Contains("is not a number", Assert.Throws<MmapException>(() => ValueTypes.Convert(null, typeof(int), "-Add")).Message);
    }

    [Fact]
    public void A_negative_addend_of_an_unsigned_type_is_its_twos_complement()
    {
        Assert.Equal(uint.MaxValue, ValueTypes.ToAddend(-1, typeof(uint), "-Add"));
        Assert.Equal(ulong.MaxValue - 1, ValueTypes.ToAddend("-2", typeof(ulong), "-Add"));
        Assert.Equal(5u, ValueTypes.ToAddend(5, typeof(uint), "-Add"));
        Assert.Throws<MmapException>(() => ValueTypes.ToAddend(-3_000_000_000L, typeof(uint), "-Add"));
    }

    [Fact]
    public void Type_names_read_as_a_list()
    {
        Assert.Equal("Int32, UInt32, Int64 or UInt64", ValueTypes.Names(ValueTypes.Atomic));
        Assert.Equal(10, ValueTypes.Numbers.Count);
    }

    [Fact]
    public void Searches_find_first_last_and_all_matches_without_overlap()
    {
        using var map = MemoryMap.MapAnonymous(4096);
        map.Write(10, "aaaa"u8);
        byte[] aa = "aa"u8.ToArray();
        var none = new Progress<long>();
        Assert.Equal([10L], MapSearch.Matches(map, aa, 0, 4096, all: false, last: false, default, none));
        Assert.Equal([12L], MapSearch.Matches(map, aa, 0, 4096, all: false, last: true, default, none));
        Assert.Equal([10L, 12L], MapSearch.Matches(map, aa, 0, 4096, all: true, last: false, default, none));
        Assert.Equal([12L, 10L], MapSearch.Matches(map, aa, 0, 4096, all: true, last: true, default, none));
        Assert.Empty(MapSearch.Matches(map, aa, 13, 2, all: true, last: false, default, none));
        // The first search runs even on a range too short for the pattern, so a bad range is reported.
        Assert.Throws<MmapException>(() => MapSearch.Matches(map, aa, 4095, 2, all: true, last: false, default, none).ToList());
    }

    [Theory]
    [InlineData(20, 4, 12, 20)]   // 8 before, the match, 8 after
    [InlineData(3, 4, 0, 15)]     // cut at the start of the map
    [InlineData(4090, 4, 4082, 14)] // cut at its end
    public void A_match_keeps_up_to_eight_bytes_of_context_on_each_side(long offset, int length, long start, int count)
    {
        Assert.Equal((start, count), MapSearch.Context(4096, offset, length));
    }
}
