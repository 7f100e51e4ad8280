using Mmap;

namespace Mmap.Tests.Shared;

/// <summary>Placement reaches every kind of map: tags and mirrors as well as files and anonymous memory.</summary>
public sealed class SharedPlacementTests : IDisposable
{
    private const ulong TwoGiB = 0x80000000, FourGiB = 0x100000000;
    private readonly Tags _tags = new();
    public void Dispose() => _tags.Dispose();

    [SkippableFact]
    public void A_low_mirror_lies_wholly_below_2_GiB_and_still_mirrors()
    {
        Skip.IfNot(Expect.IsLinux, "Low placement is not supported on macOS; Windows is not run here");
        using var mirror = MirroredMap.MapAnonymous(64 * 1024, times: 3, new MapOptions { Access = MapAccess.ReadWrite, Placement = MapPlacement.Low });
        ulong start = (ulong)mirror.Address.ToInt64();
        Assert.True(start + (ulong)mirror.Size <= TwoGiB, $"mirror at 0x{start:X} ends past 2 GiB");
        mirror.Write<int>(100, 7);
        Assert.Equal(7, mirror.Read<int>(2 * mirror.BlockSize + 100));
    }

    [SkippableFact]
    public void A_high_tag_map_and_a_high_tag_mirror_start_at_or_above_4_GiB()
    {
        Skip.IfNot(Expect.IsLinux, "runs on Linux here");
        string tag = _tags.New();
        using var map = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 4096, Placement = MapPlacement.High });
        Assert.True((ulong)map.Address.ToInt64() >= FourGiB);
        using var mirror = MirroredMap.MapShared(tag, 4096, 2, new MapOptions { Access = MapAccess.ReadWrite, Placement = MapPlacement.High });
        Assert.True((ulong)mirror.Address.ToInt64() >= FourGiB);
    }

    [Fact]
    public void A_mirror_whose_whole_range_cannot_fit_the_window_is_refused_before_any_os_call()
    {
        // 3 copies of 1 GiB can never end below 2 GiB.
        var e = Expect.Error(MmapError.OutOfMemory, () => MirroredMap.MapAnonymous(1L << 30, times: 3,
            new MapOptions { Access = MapAccess.ReadWrite, Placement = MapPlacement.Low }));
        Assert.Contains("GiB", e.Message);
    }

    [Fact]
    public void A_mirror_address_outside_the_placement_window_is_invalid()
    {
        Expect.Error(MmapError.InvalidArgument, () => MirroredMap.MapAnonymous(64 * 1024, times: 2,
            new MapOptions { Access = MapAccess.ReadWrite, Placement = MapPlacement.Low, Address = 0x7FFF0000 }));
    }
}
