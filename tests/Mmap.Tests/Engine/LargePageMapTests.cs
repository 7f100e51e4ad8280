using Mmap;
using Mmap.Platform;

namespace Mmap.Tests.Engine;

/// <summary>Anonymous maps on explicit large pages (MapOptions.PageSize) and transparent huge pages by advice: their bad
/// inputs (refused before any OS call, nothing mapped), an empty pool (out_of_mem that says how to reserve), and as root a
/// few pages reserved for the test and given back after, with the page size the kernel reports.</summary>
[Collection(ProcessWideCollection.Name)] // resizes the machine's 2 MiB pool for a moment
public sealed class LargePageMapTests : IDisposable
{
    private const long TwoMiB = 2L << 20;
    private readonly TempDir _dir = new();
    private readonly Tags _tags = new();

    public void Dispose()
    {
        _tags.Dispose();
        _dir.Dispose();
    }

    public static TheoryData<string> BadRequests => new()
    {
        "not a power of two", "negative", "a file map", "a tag", "a mirror", "not offered", "address off the page", "placement",
    };

    [SkippableTheory]
    [MemberData(nameof(BadRequests))]
    public void A_bad_large_page_request_is_refused_before_anything_is_mapped(string request)
    {
        Skip.IfNot(Expect.IsLinux && PageInfo.Current.LargePages.Any(p => p.Size == TwoMiB), "needs a 2 MiB hugetlb pool (Linux)");
        int before = MemoryMapRegistry.Count;
        var huge = new MapOptions { PageSize = TwoMiB, Access = MapAccess.ReadWrite, Size = TwoMiB };
        string path = _dir.File("large.bin");
        var e = Expect.Error(MmapError.InvalidArgument, () =>
        {
            switch (request)
            {
                case "not a power of two": MemoryMap.MapAnonymous(TwoMiB, new MapOptions { PageSize = 3 << 20 }).Dispose(); break;
                case "negative": MemoryMap.MapAnonymous(TwoMiB, new MapOptions { PageSize = -TwoMiB }).Dispose(); break;
                case "a file map": MemoryMap.MapFile(path, huge).Dispose(); break;
                case "a tag": MemoryMap.MapShared(_tags.New(), huge).Dispose(); break;
                case "a mirror": MirroredMap.MapAnonymous(TwoMiB, 2, huge).Dispose(); break;
                case "not offered": MemoryMap.MapAnonymous(TwoMiB, new MapOptions { PageSize = NotOffered() }).Dispose(); break;
                case "address off the page": MemoryMap.MapAnonymous(TwoMiB, new MapOptions { PageSize = TwoMiB, Address = 0x7f0000001000 }).Dispose(); break;
                default: MemoryMap.MapAnonymous(TwoMiB, new MapOptions { PageSize = TwoMiB, Placement = MapPlacement.High }).Dispose(); break;
            }
        });
        Assert.Matches("(?i)page", e.Message);
        Assert.False(File.Exists(path), "a refused file map created its file");
        Assert.Equal(before, MemoryMapRegistry.Count);
    }

    [Fact]
    public void The_base_page_size_asked_for_is_a_normal_map_and_the_kernel_reports_it()
    {
        using var map = MemoryMap.MapAnonymous(10_000, new MapOptions { PageSize = PageInfo.Current.PageSize });
        Assert.Equal(10_000, map.Size);
        Assert.Equal(PageInfo.Current.PageSize, map.PageSize);
    }

    [Fact]
    public void A_freed_map_reports_its_pages_without_throwing()
    {
        var read = MemoryMap.MapAnonymous(4096);
        long size = read.PageSize;
        read.Dispose();
        Assert.Equal(size, read.PageSize); // read before: kept
        var unread = MemoryMap.MapAnonymous(4096);
        unread.Dispose();
        Assert.Equal(0, unread.PageSize);
        Assert.Equal(0, unread.HugePageBytes);
    }

    [SkippableFact]
    public void An_empty_pool_is_out_of_mem_naming_how_to_reserve_pages()
    {
        using var pool = HugePool.Set(0);
        int before = MemoryMapRegistry.Count;
        var e = Expect.Error(MmapError.OutOfMemory, () => MemoryMap.MapAnonymous(3 << 20, new MapOptions { PageSize = TwoMiB }));
        Assert.Contains("2 free 2 MiB page(s)", e.Message);
        Assert.Contains("hugepages-2048kB/nr_hugepages", e.Message);
        Assert.Contains("echo 2 >", e.Message);
        Assert.Equal(before, MemoryMapRegistry.Count);
    }

    [SkippableFact]
    public void A_map_on_2_MiB_pages_is_whole_pages_the_kernel_reports_and_gives_back_at_Dispose()
    {
        using var pool = HugePool.Set(HugePool.Current + 2);
        long freeBefore = FreePages();
        var map = MemoryMap.MapAnonymous(3 << 20, new MapOptions { PageSize = TwoMiB });
        Assert.Equal(2 * TwoMiB, map.Size); // rounded up to whole pages
        Assert.Equal(TwoMiB, map.PageSize);  // the kernel's KernelPageSize, not the option echoed
        Assert.Equal(0, map.Address.ToInt64() % TwoMiB);
        map.Write<long>(map.Size - 8, 42);
        map.Write<long>(0, 7);
        Assert.Equal(42, map.Read<long>(map.Size - 8));
        Assert.Equal(freeBefore - 2, FreePages());
        map.Advise(MapAdvice.WillNeed, TwoMiB + 5, 100); // aligned left to its 2 MiB page, not to 4 KiB (EINVAL)
        map.Flush();
        map.Dispose();
        GC.Collect(); // a range retired in place is unmapped once the map object is collected
        GC.WaitForPendingFinalizers();
        Assert.Equal(freeBefore, FreePages());
    }

    [SkippableFact]
    public void Huge_page_advice_gets_transparent_huge_pages_the_kernel_counts()
    {
        Skip.IfNot(Expect.IsLinux, "transparent huge pages are Linux's");
        string enabled = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled");
        Skip.If(enabled.Contains("[never]"), "transparent huge pages are off here (" + enabled.Trim() + ")");
        using var map = MemoryMap.MapAnonymous(16L << 20);
        map.Advise(MapAdvice.HugePage);
        for (long at = 0; at < map.Size; at += 4096) map.Write<byte>(at, 1);
        Assert.Equal(PageInfo.Current.PageSize, map.PageSize); // THP leave the mapping's page size alone
        Assert.True(map.HugePageBytes >= TwoMiB, $"no huge pages after the advice: {map.HugePageBytes} bytes ({enabled.Trim()})");
    }

    /// <summary>One fact on every OS (the README promises no xunit skips on Linux): on Windows the size it lists maps on large
    /// pages (and says so), or, without the privilege or the free memory, says which and how to get it; elsewhere the system's
    /// own size maps or its empty pool says how to fill it; where none is offered, any large page size is not_supported.</summary>
    [Fact]
    public void The_default_large_page_size_maps_or_is_refused_clearly_where_it_cannot()
    {
        long size = PageInfo.Current.LargePageSize;
        int before = MemoryMapRegistry.Count;
        if (OperatingSystem.IsWindows() && size > 0)
        {
            MemoryMap? map = null;
            try { map = MemoryMap.MapAnonymous(size + 1, new MapOptions { PageSize = size }); }
            catch (MmapException e) when (e.Error == MmapError.AccessDenied) { Assert.Contains("Lock pages in memory", e.Message); }
            catch (MmapException e) when (e.Error == MmapError.OutOfMemory) { Assert.Contains("free", e.Message); }
            using (map)
                if (map != null)
                {
                    Assert.Equal(2 * size, map.Size); // whole large pages
                    map.Write<long>(size, 7);
                    Assert.Equal(7, map.Read<long>(size));
                    Assert.Contains(map.PageSize, new[] { size, PageInfo.Current.PageSize }); // what the working set says it got
                }
        }
        else if (size > 0 && PageInfo.Current.LargePages.Any(p => p.Size == size && p.Free > 0))
        {
            using var map = MemoryMap.MapAnonymous(size, new MapOptions { PageSize = size });
            Assert.Equal(size, map.Size);
        }
        else if (size > 0)
        {
            var e = Expect.Error(MmapError.OutOfMemory, () => MemoryMap.MapAnonymous(size, new MapOptions { PageSize = size }));
            Assert.Contains("nr_hugepages", e.Message); // an empty pool names how to fill it
        }
        else
            Expect.Error(MmapError.NotSupported, () => MemoryMap.MapAnonymous(TwoMiB, new MapOptions { PageSize = TwoMiB })); // none offered (LargePageRules)
        Assert.Equal(before, MemoryMapRegistry.Count);
    }

    [Fact]
    public void Smaps_is_read_for_the_range_asked_only()
    {
        string[] smaps =
        {
            "7f0000000000-7f0000200000 rw-p 00000000 00:00 0 ",
            "Size:               2048 kB",
            "KernelPageSize:        4 kB",
            "AnonHugePages:      2048 kB",
            "7f0000200000-7f0000600000 rw-p 00000000 00:00 0 ",
            "KernelPageSize:        4 kB",
            "AnonHugePages:      4096 kB",
            "VmFlags: rd wr mr mw me ac hg",
            "7f0000600000-7f0000800000 rw-p 00000000 00:00 0    /anon_hugepage (deleted)",
            "KernelPageSize:     2048 kB",
            "AnonHugePages:         0 kB",
        };
        Assert.Equal((4096L, 6L << 20), LinuxSmaps.Parse(smaps, 0x7f0000000000, 0x7f0000600000));
        Assert.Equal((4096L, 4L << 20), LinuxSmaps.Parse(smaps, 0x7f0000200000, 0x7f0000400000));
        Assert.Equal((TwoMiB, 0L), LinuxSmaps.Parse(smaps, 0x7f0000600000, 0x7f0000800000));
        Assert.Equal((0L, 0L), LinuxSmaps.Parse(smaps, 0x10000, 0x20000));
    }

    private static long NotOffered()
    {
        var offered = PageInfo.Current.LargePages.Select(p => p.Size).ToHashSet();
        long size = PageInfo.Current.PageSize * 2;
        while (offered.Contains(size)) size *= 2;
        return size;
    }

    private static long FreePages() => PageInfo.Current.LargePages.Single(p => p.Size == TwoMiB).Free!.Value;
}
