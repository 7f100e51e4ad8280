using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>MapOptions.NoReserve: anonymous memory mapped without reserving memory or swap up front (MAP_NORESERVE).</summary>
public sealed class NoReserveTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>More than this machine's RAM and swap together, so the kernel's overcommit check refuses it reserved.</summary>
    private static long BeyondMemory()
    {
        var info = File.ReadLines("/proc/meminfo").ToDictionary(l => l.Split(':')[0], l => long.Parse(l.Split(':')[1].Trim().Split(' ')[0]) * 1024);
        return (info["MemTotal"] + info["SwapTotal"]) * 4;
    }

    [SkippableFact]
    public void A_map_beyond_RAM_and_swap_is_refused_reserved_and_made_without_reserve_where_only_touched_pages_cost()
    {
        Skip.IfNot(Expect.IsLinux && File.ReadAllText("/proc/sys/vm/overcommit_memory").Trim() == "0",
            "needs Linux's heuristic overcommit (vm.overcommit_memory = 0), which refuses a reserved map larger than RAM plus swap");
        long size = BeyondMemory();
        Assert.Contains("anonymous memory", Expect.Error(MmapError.OutOfMemory, () => MemoryMap.MapAnonymous(size)).Message);
        using var map = MemoryMap.MapAnonymous(size, new MapOptions { NoReserve = true });
        map.Write(size - 8, BitConverter.GetBytes(42L));
        Assert.Equal(42L, map.Read<long>(size - 8));
        Assert.Equal(4096, map.ResidentBytes(size - 4096, 4096));
        Assert.Equal(4096, map.ResidentBytes());
    }

    [Fact]
    public void A_small_map_without_reserve_works_like_any_other_and_Windows_refuses_it_saying_why()
    {
        var options = new MapOptions { NoReserve = true };
        if (OperatingSystem.IsWindows()) // commits the page file for an anonymous section's whole size when it is made
        {
            Assert.Contains("Windows commits the page file", Expect.Error(MmapError.NotSupported, () => MemoryMap.MapAnonymous(1 << 20, options)).Message);
            return;
        }
        using var map = MemoryMap.MapAnonymous(1 << 20, options);
        Assert.Equal(new byte[16], map.ReadBytes(4096, 16));
        map.Write(100, new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, map.ReadBytes(100, 3));
    }

    [Fact]
    public void File_tag_and_mirror_maps_refuse_it_before_touching_anything()
    {
        string path = Path.Combine(_dir.Path, "never.bin");
        var options = new MapOptions { NoReserve = true, Size = 4096, Access = MapAccess.ReadWrite };
        Assert.Contains("anonymous memory only", Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapFile(path, options)).Message);
        Assert.False(File.Exists(path));
        string tag = "mmap-noreserve-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapShared(tag, options));
        Assert.Throws<MmapException>(() => SharedMemory.Unlink(tag)); // never created
        Expect.Error(MmapError.InvalidArgument, () => MirroredMap.MapAnonymous(4096, 2, new MapOptions { NoReserve = true }));
    }
}
