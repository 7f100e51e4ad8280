using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>MemoryMap.Advise: a hint to the OS that never changes what the map holds.</summary>
public sealed class AdviceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<MapAdvice> Advice => new() { MapAdvice.Normal, MapAdvice.Random, MapAdvice.Sequential, MapAdvice.WillNeed };

    [Theory]
    [MemberData(nameof(Advice))]
    public void Advice_on_any_kind_and_range_keeps_the_contents(MapAdvice advice)
    {
        using var file = MemoryMap.MapFile(_dir.Pattern("advice.bin", 3 * 4096));
        using var anonymous = MemoryMap.MapAnonymous(3 * 4096);
        anonymous.Write(0, TempDir.PatternBytes(3 * 4096));
        using var mirror = MirroredMap.MapAnonymous(4096);
        mirror.Write(10, new byte[] { 1, 2, 3 });
        foreach (MemoryMap map in new[] { file, anonymous, mirror })
        {
            map.Advise(advice);
            map.Advise(advice, 4095, 2); // an unaligned start: aligned left to its page
            map.Advise(advice, map.Size, 0);
        }
        Assert.Equal(TempDir.PatternBytes(3 * 4096), file.ReadBytes(0, 3 * 4096));
        Assert.Equal(TempDir.PatternBytes(3 * 4096), anonymous.ReadBytes(0, 3 * 4096));
        Assert.Equal(new byte[] { 1, 2, 3 }, mirror.ReadBytes(mirror.BlockSize + 10, 3));
    }

    [Fact]
    public void An_advice_that_is_not_one_is_invalid_argument()
    {
        using var map = MemoryMap.MapAnonymous(4096);
        Assert.Contains("Normal, Random, Sequential, WillNeed", Expect.Error(MmapError.InvalidArgument, () => map.Advise((MapAdvice)42)).Message);
    }

    [Theory]
    [InlineData(-1L, 1L)]
    [InlineData(0L, 4097L)]
    [InlineData(4097L, 0L)]
    public void Advice_outside_the_map_is_invalid_argument(long offset, long length)
    {
        using var map = MemoryMap.MapAnonymous(4096);
        Assert.Contains("Cannot advise on", Expect.Error(MmapError.InvalidArgument, () => map.Advise(MapAdvice.WillNeed, offset, length)).Message);
    }

    [Fact]
    public void Advice_after_Dispose_is_ObjectDisposedException()
    {
        var map = MemoryMap.MapAnonymous(4096);
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.Advise(MapAdvice.Sequential));
    }
}
