using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>Maps placed Low, Low32 and High on Linux. Process-wide: filling the space below 2 GiB must not race the probe tests.</summary>
[Collection(ProcessWideCollection.Name)]
public class PlacementTests
{
    private const long GiB = 1L << 30, MiB = 1L << 20;
    private const ulong TwoGiB = LowAddressFacts.TwoGiB, FourGiB = LowAddressFacts.FourGiB;

    private static ulong Start(MemoryMap m) => (ulong)m.Address.ToInt64();
    private static ulong End(MemoryMap m) => Start(m) + (ulong)m.Size;

    [SkippableFact]
    public void Low_maps_of_256_MiB_fill_at_least_1_9_GiB_below_2_GiB_then_fail_with_the_figures()
    {
        Skip.IfNot(Expect.IsLinux, "Low placement needs Linux");
        var maps = new List<MemoryMap>();
        try
        {
            var options = new MapOptions { Access = MapAccess.ReadWrite, Placement = MapPlacement.Low };
            MmapException? full = null;
            while (full is null)
            {
                try { maps.Add(MemoryMap.MapAnonymous(256 * MiB, options)); }
                catch (MmapException e) { full = e; }
            }
            // 2 GiB less the unmappable first 64 KiB holds seven 256 MiB blocks; the eighth is refused with the figures.
            Assert.Equal(MmapError.OutOfMemory, full.Error);
            Assert.Contains("asked 256 MiB (268435456 bytes)", full.Message);
            Assert.Contains("largest free block", full.Message);
            Assert.Contains("0x80000000", full.Message);
            Assert.True(maps.Count >= 7, $"only {maps.Count} maps of 256 MiB fit below 2 GiB");

            // The rest of the window, in ever smaller Low maps.
            for (long size = 128 * MiB; size >= MiB; size /= 2)
            {
                try { maps.Add(MemoryMap.MapAnonymous(size, options)); size *= 2; }
                catch (MmapException e) when (e.Error == MmapError.OutOfMemory) { }
            }

            long total = maps.Sum(m => m.Size);
            Assert.True(total >= 19 * GiB / 10, $"Low maps total {total} bytes, below 1.9 GiB");
            foreach (var m in maps)
            {
                Assert.InRange(End(m), Start(m) + 1, TwoGiB);
                m.Write<long>(m.Size - 8, m.Id); // usable memory, not just address space
                Assert.Equal(m.Id, m.Read<long>(m.Size - 8));
            }
        }
        finally
        {
            foreach (var m in maps) m.Dispose();
        }
    }

    [SkippableFact]
    public void A_Low_request_larger_than_the_free_space_is_out_of_memory_with_the_figures()
    {
        Skip.IfNot(Expect.IsLinux, "Low placement needs Linux");
        long free = LowAddressFacts.FreeBytesBelow(TwoGiB);
        long asked = free + 4096;
        var e = Expect.Error(MmapError.OutOfMemory,
            () => MemoryMap.MapAnonymous(asked, new MapOptions { Placement = MapPlacement.Low }).Dispose());
        Assert.Contains($"asked {ByteSize.ToText(asked)} ({asked} bytes)", e.Message);
        Assert.Contains("largest free block", e.Message);
        Assert.Contains("-0x80000000", e.Message);
        Assert.DoesNotContain(ProcSelf.Maps(), line => line.StartsWith("0000", StringComparison.Ordinal) && line.Contains(" rw-p ") && Spans(line, asked));
    }

    [SkippableFact]
    public void High_maps_all_start_at_or_above_4_GiB()
    {
        Skip.IfNot(Expect.IsLinux || OperatingSystem.IsMacOS(), "placement runs on Linux and macOS here");
        using var dir = new TempDir();
        string path = dir.Pattern("high.bin", 64 * 1024);
        var maps = new List<MemoryMap>();
        try
        {
            for (int i = 0; i < 4; i++)
                maps.Add(MemoryMap.MapAnonymous(64 * MiB, new MapOptions { Access = MapAccess.ReadWrite, Placement = MapPlacement.High }));
            maps.Add(MemoryMap.MapFile(path, new MapOptions { Placement = MapPlacement.High }));
            Assert.All(maps, m => Assert.True(Start(m) >= FourGiB, $"{m} starts below 4 GiB"));
            Assert.Equal(TempDir.PatternBytes(300), maps[^1].ReadBytes(0, 300));
        }
        finally
        {
            foreach (var m in maps) m.Dispose();
        }
    }

    [SkippableFact]
    public void Low32_maps_end_at_or_below_4_GiB()
    {
        Skip.IfNot(Expect.IsLinux, "Low32 placement needs Linux");
        var maps = new List<MemoryMap>();
        try
        {
            for (int i = 0; i < 4; i++)
                maps.Add(MemoryMap.MapAnonymous(512 * MiB, new MapOptions { Placement = MapPlacement.Low32 }));
            Assert.All(maps, m => Assert.InRange(End(m), Start(m) + 1, FourGiB));
        }
        finally
        {
            foreach (var m in maps) m.Dispose();
        }
    }

    [SkippableFact]
    public void A_file_mapped_low_reads_and_writes_through()
    {
        Skip.IfNot(Expect.IsLinux, "Low placement needs Linux");
        using var dir = new TempDir();
        string path = dir.Pattern("low.bin", 10_000);
        using (var map = MemoryMap.MapFile(path, new MapOptions { Placement = MapPlacement.Low }))
        {
            Assert.InRange(End(map), Start(map) + 1, TwoGiB);
            Assert.Equal(TempDir.PatternBytes(10_000), map.ReadBytes(0, 10_000));
        }
        using (var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Placement = MapPlacement.Low }))
        {
            Assert.InRange(End(map), Start(map) + 1, TwoGiB);
            map.Write<int>(100, 0x11223344);
            map.Flush();
        }
        Assert.Equal(0x11223344, BitConverter.ToInt32(File.ReadAllBytes(path), 100));
    }

    [SkippableFact]
    public void An_explicit_address_inside_the_placement_window_is_honoured()
    {
        Skip.IfNot(Expect.IsLinux, "Low placement needs Linux");
        ulong free;
        using (var probe = MemoryMap.MapAnonymous(1 * MiB, new MapOptions { Placement = MapPlacement.Low }))
            free = Start(probe);
        using var map = MemoryMap.MapAnonymous(1 * MiB, new MapOptions { Placement = MapPlacement.Low, Address = free });
        Assert.Equal(free, Start(map));
    }

    [Fact]
    public void A_file_map_whose_size_crosses_the_window_is_refused_before_the_file_grows()
    {
        using var dir = new TempDir();
        string path = dir.Pattern("grow.bin", 4096);
        var e = Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapFile(path,
            new MapOptions { Access = MapAccess.ReadWrite, Size = 2 * MiB, Address = TwoGiB - 1 * MiB, Placement = MapPlacement.Low }));
        Assert.Contains("Placement Low", e.Message);
        Assert.Equal(4096, new FileInfo(path).Length);
        // Without a size the file's own size decides, also after the rules saw only the start.
        string big = dir.Pattern("big.bin", 2 * (int)MiB);
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapFile(big, new MapOptions { Address = TwoGiB - 1 * MiB, Placement = MapPlacement.Low }));
    }

    [SkippableFact]
    public void A_reservation_for_mirrors_lies_in_the_window_and_is_freed()
    {
        Skip.IfNot(Expect.IsLinux, "Low placement needs Linux");
        IntPtr p = AddressReservation.Reserve(64 * MiB, MapPlacement.Low, "a test mirror");
        try
        {
            Assert.InRange((ulong)p.ToInt64() + (ulong)(64 * MiB), (ulong)(64 * MiB), TwoGiB);
            string? line = ProcSelf.MapsLineAt(p);
            Assert.NotNull(line);
            Assert.Contains(" ---p ", line); // inaccessible: nothing committed
        }
        finally
        {
            AddressReservation.Release(p, 64 * MiB);
        }
        Assert.Null(ProcSelf.MapsLineOutsideJitAt(p));
    }

    private static bool Spans(string line, long size)
    {
        var range = line.Split(' ')[0].Split('-');
        return (long)(Convert.ToUInt64(range[1], 16) - Convert.ToUInt64(range[0], 16)) >= size;
    }
}
