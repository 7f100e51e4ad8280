using Mmap;

namespace Mmap.Tests.Engine;

public sealed class GatherTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Gather_reads_the_same_values_as_single_reads_at_any_alignment()
    {
        using var map = MemoryMap.MapFile(_dir.Pattern("p.bin", 3 * 4096));
        long[] offsets = [0, 3, 4095, 8191, 3 * 4096 - 8, 17];
        var values = new long[offsets.Length + 2];
        map.Gather<long>(offsets, values);
        for (int i = 0; i < offsets.Length; i++) Assert.Equal(map.Read<long>(offsets[i]), values[i]);
        Assert.Equal(0, values[^1]); // the rest of a longer destination is left alone
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3 * 4096 - 7)]
    [InlineData(long.MaxValue)]
    public void Gather_refuses_any_offset_outside_the_map_before_reading(long bad)
    {
        using var map = MemoryMap.MapFile(_dir.Pattern("p.bin", 3 * 4096));
        var e = Expect.Error(MmapError.InvalidArgument, () => map.Gather<long>(new long[] { 0, bad, 8 }, new long[3]));
        Assert.Contains(bad.ToString(), e.Message);
    }

    [Fact]
    public void An_empty_gather_reads_nothing_even_from_a_map_smaller_than_the_type()
    {
        using var map = MemoryMap.MapAnonymous(4);
        map.Gather<long>(ReadOnlySpan<long>.Empty, Span<long>.Empty);
        Expect.Error(MmapError.InvalidArgument, () => map.Gather<long>(new long[] { 0 }, new long[1]));
    }

    [Fact]
    public void Gather_needs_a_destination_as_long_as_the_offsets()
    {
        using var map = MemoryMap.MapFile(_dir.Pattern("p.bin", 4096));
        var e = Assert.Throws<ArgumentException>(() => map.Gather<int>(new long[] { 0, 4 }, new int[1]));
        Assert.Contains("2 offsets", e.Message);
    }

    [SkippableFact]
    public void Gather_checks_the_file_size_against_the_highest_offset()
    {
        Expect.SkipUnlessMappedFilesCanShrink();
        string path = _dir.Pattern("p.bin", 3 * 4096);
        using var map = MemoryMap.MapFile(path);
        using (var other = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            other.SetLength(4096);
        Assert.Equal(new byte[] { 0, 1 }, Gathered(map, 0, 1));
        Expect.Error(MmapError.FileTooShort, () => map.Gather<byte>(new long[] { 0, 2 * 4096 + 1, 5 }, new byte[3]));
    }

    [Fact]
    public void Gather_after_dispose_is_ObjectDisposedException_even_with_no_offsets()
    {
        var map = MemoryMap.MapFile(_dir.Pattern("p.bin", 4096));
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.Gather<byte>(new long[] { 0 }, new byte[1]));
        Assert.Throws<ObjectDisposedException>(() => map.Gather<byte>(ReadOnlySpan<long>.Empty, Span<byte>.Empty));
    }

    private static byte[] Gathered(MemoryMap map, params long[] offsets)
    {
        var values = new byte[offsets.Length];
        map.Gather<byte>(offsets, values);
        return values;
    }
}
