using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>MemoryMap.Resize: every kind of map grows and shrinks keeping its bytes, its backing follows the rules of
/// creation, refusals change nothing, and calls racing a resize see the old size or the new one, never a fault.</summary>
public sealed class ResizeTests : IDisposable
{
    private const int Page = 4096;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void OnOtherThread(Action call)
    {
        var t = new Thread(() => call());
        t.Start();
        t.Join();
    }

    [Fact]
    public void A_ReadWrite_file_map_grows_its_file_keeps_its_bytes_and_writes_at_the_new_end()
    {
        string path = _dir.Pattern("grow.bin", 2 * Page);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        map.Resize(5 * Page + 3);
        Assert.Equal(5 * Page + 3, map.Size);
        Assert.Equal(5 * Page + 3, new FileInfo(path).Length);
        Assert.Equal(TempDir.PatternBytes(2 * Page), map.ReadBytes(0, 2 * Page));
        Assert.All(map.ReadBytes(2 * Page, 3 * Page + 3), b => Assert.Equal(0, b));
        map.Write<long>(5 * Page - 5, 0x1122334455667788);
        map.Flush();
        Assert.Equal(0x1122334455667788, BitConverter.ToInt64(TempDir.SharedBytes(path), 5 * Page - 5));
    }

    [Fact]
    public void A_ReadWrite_file_map_that_reached_the_end_cuts_its_file_when_it_shrinks()
    {
        string path = _dir.Pattern("shrink.bin", 4 * Page);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        map.Resize(Page + 10);
        Assert.Equal(Page + 10, map.Size);
        Assert.Equal(ShrinksMappedFiles ? Page + 10 : 4 * Page, new FileInfo(path).Length); // Windows cuts no mapped file
        Assert.Equal(TempDir.PatternBytes(Page + 10), map.ReadBytes(0, Page + 10));
        Expect.Error(MmapError.InvalidArgument, () => map.Read<byte>(Page + 10));
    }

    [Fact]
    public void A_ReadWrite_window_short_of_the_file_end_leaves_the_rest_of_the_file_alone()
    {
        int grain = (int)PageInfo.Current.AllocationGranularity; // a map's offset is a multiple of it (64 KiB on Windows)
        string path = _dir.Pattern("window.bin", 8 * grain);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Offset = grain, Size = 4 * grain });
        map.Resize(2 * grain);
        Assert.Equal(8 * grain, new FileInfo(path).Length);
        Assert.Equal(TempDir.PatternBytes(8 * grain), TempDir.SharedBytes(path));
        Assert.Equal(TempDir.PatternBytes(3 * grain).Skip(grain).ToArray(), map.ReadBytes(0, 2 * grain));
    }

    [Fact]
    public void A_Read_map_grows_within_its_file_and_refuses_past_its_end_unchanged()
    {
        string path = _dir.Pattern("read.bin", 6 * Page);
        using var map = MemoryMap.MapFile(path, new MapOptions { Size = 2 * Page });
        map.Resize(6 * Page);
        Assert.Equal(TempDir.PatternBytes(6 * Page), map.ReadBytes(0, 6 * Page));
        IntPtr before = map.Address;
        var e = Expect.Error(MmapError.FileTooShort, () => map.Resize(7 * Page));
        Assert.Contains("ReadWrite", e.Message);
        Assert.Equal(6 * Page, map.Size);
        Assert.Equal(before, map.Address);
        Assert.Equal(6 * Page, new FileInfo(path).Length);
        Assert.Equal(TempDir.PatternBytes(6 * Page), map.ReadBytes(0, 6 * Page));
    }

    [Fact]
    public void Anonymous_memory_keeps_its_bytes_both_ways_and_grows_with_zeros()
    {
        using var map = MemoryMap.MapAnonymous(3 * Page);
        map.Write(0, TempDir.PatternBytes(3 * Page));
        map.Resize(64 * Page);
        Assert.Equal(TempDir.PatternBytes(3 * Page), map.ReadBytes(0, 3 * Page));
        Assert.All(map.ReadBytes(3 * Page, 61 * Page), b => Assert.Equal(0, b));
        map.Resize(Page);
        Assert.Equal(TempDir.PatternBytes(Page), map.ReadBytes(0, Page));
        Assert.Equal(Page, map.Size);
    }

    [Fact]
    public void A_copy_on_write_map_keeps_its_private_changes_and_never_writes_the_file()
    {
        string path = _dir.Pattern("cow.bin", 8 * Page);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.CopyOnWrite, Size = 2 * Page });
        map.Write<int>(100, -1);
        map.Resize(8 * Page);
        Assert.Equal(-1, map.Read<int>(100));
        Assert.Equal(TempDir.PatternBytes(8 * Page).Skip(2 * Page).ToArray(), map.ReadBytes(2 * Page, 6 * Page));
        Assert.Equal(TempDir.PatternBytes(8 * Page), TempDir.SharedBytes(path));
    }

    [Fact]
    public void A_tag_grows_its_memory_and_a_second_map_of_the_tag_sees_the_bytes_written_there()
    {
        string tag = "mmap-resize-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        using var map = MemoryMap.MapShared(tag, new MapOptions { Size = Page }); // lives past the Unlink: a Windows tag dies with its last map
        try
        {
            if (!Mmap.Platform.PlatformFacts.Current.SharedSegmentsCanGrow)
            {
                Expect.Error(MmapError.FileTooShort, () => map.Resize(4 * Page));
                Assert.Equal(Page, map.Size);
                return;
            }
            map.Resize(4 * Page);
            map.Write<long>(3 * Page, 77);
            using var other = MemoryMap.MapShared(tag, new MapOptions { Size = 4 * Page });
            Assert.Equal(77, other.Read<long>(3 * Page));
        }
        finally { SharedMemory.Unlink(tag); }
    }

    [Fact]
    public void A_map_used_by_other_threads_resizes_when_its_bytes_live_in_a_file_or_its_calls_are_tracked()
    {
        string path = _dir.Pattern("shared-read.bin", 4 * Page);
        using var read = MemoryMap.MapFile(path, new MapOptions { Size = Page });
        using var tracked = MemoryMap.MapAnonymous(Page, new MapOptions { TrackCalls = true });
        tracked.Write<long>(8, 99);
        OnOtherThread(() => { read.Read<long>(0); tracked.Read<long>(0); });
        read.Resize(4 * Page);
        tracked.Resize(4 * Page);
        Assert.Equal(TempDir.PatternBytes(4 * Page), read.ReadBytes(0, 4 * Page));
        Assert.Equal(99, tracked.Read<long>(8));
    }

    [SkippableFact]
    public void Private_memory_other_threads_used_without_tracked_calls_refuses_and_stays_as_it_was()
    {
        Skip.IfNot(RoomToGrowHere, Expect.NoRetiredScheme);
        using var map = MemoryMap.MapAnonymous(Page, new MapOptions { RetireInPlace = true });
        map.Write<long>(0, 5);
        OnOtherThread(() => map.Read<long>(0));
        var e = Expect.Error(MmapError.NotSupported, () => map.Resize(2 * Page));
        Assert.Contains("TrackCalls", e.Message);
        Assert.Equal(Page, map.Size);
        Assert.Equal(5, map.Read<long>(0));
        map.Write<long>(8, 6); // the map works on after the refusal
    }

    [Fact]
    public void Mirrors_refuse_to_resize()
    {
        using var mirror = MirroredMap.MapAnonymous(16 * Page);
        Expect.Error(MmapError.NotSupported, () => mirror.Resize(32 * Page));
        Assert.Equal(32 * Page, mirror.Size);
    }

    [Fact]
    public void Bad_sizes_placed_maps_and_freed_maps_are_refused_clearly()
    {
        using var map = MemoryMap.MapAnonymous(Page);
        Expect.Error(MmapError.InvalidArgument, () => map.Resize(0));
        Expect.Error(MmapError.InvalidArgument, () => map.Resize(-Page));
        Assert.Equal(Page, map.Size);
        ulong at;
        using (var probe = MemoryMap.MapAnonymous(Page)) at = (ulong)probe.Address.ToInt64();
        using (var placed = MemoryMap.MapAnonymous(Page, new MapOptions { Address = at }))
            Assert.Contains("address", Expect.Error(MmapError.NotSupported, () => placed.Resize(2 * Page)).Message);
        var freed = MemoryMap.MapAnonymous(Page);
        freed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => freed.Resize(2 * Page));
    }

    [Fact]
    public void A_resize_to_the_same_size_changes_nothing()
    {
        using var map = MemoryMap.MapAnonymous(Page);
        IntPtr at = map.Address;
        Assert.False(map.Resize(Page));
        Assert.Equal(at, map.Address);
    }

    [Fact]
    public void Resizes_leak_neither_descriptors_nor_registry_entries_and_the_map_stays_listed()
    {
        string path = _dir.Pattern("leak.bin", Page);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        // This test's own files only: the process-wide count also moves with the tests other classes run meanwhile.
        int before = Expect.IsLinux ? ProcSelf.DescriptorsUnder(_dir.Path) : 0;
        for (int i = 0; i < 50; i++) map.Resize((i % 2 + 1) * 64 * Page);
        Assert.True(MemoryMapRegistry.Contains(map.Id));
        if (Expect.IsLinux) Assert.Equal(before, ProcSelf.DescriptorsUnder(_dir.Path));
        map.Dispose();
        Assert.False(MemoryMapRegistry.Contains(map.Id));
    }

    [Fact]
    public void A_lease_taken_before_a_resize_keeps_reading_the_old_mapping()
    {
        string path = _dir.Pattern("lease.bin", 2 * Page);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        using (var lease = map.Acquire(0, 2 * Page))
        {
            map.Resize(16 * Page);
            Assert.True(lease.GetReadOnlySpan(0, 2 * Page).SequenceEqual(TempDir.PatternBytes(2 * Page)));
        }
        Assert.Equal(TempDir.PatternBytes(2 * Page), map.ReadBytes(0, 2 * Page));
    }

    [Fact]
    public void A_memory_window_taken_before_a_resize_keeps_its_pages_and_the_map_keeps_its_bytes()
    {
        using var map = MemoryMap.MapAnonymous(Page);
        map.Write<long>(0, 11);
        using (var window = map.GetMemory(0, Page))
        {
            map.Resize(256 * Page); // the window's pin keeps the pages where they are: mremap would take them away
            Assert.Equal(11, BitConverter.ToInt64(window.Memory.Span));
        }
        Assert.Equal(11, map.Read<long>(0));
    }

    public static TheoryData<string> RacingKinds => new() { "ReadWrite file", "Read file", "tracked anonymous" };

    [Theory]
    [MemberData(nameof(RacingKinds))]
    public void Calls_racing_resizes_see_the_old_size_or_the_new_one_and_never_a_fault(string kind)
    {
        const int small = 2 * Page, large = 64 * Page;
        string path = _dir.Pattern("race.bin", large);
        using var map = kind switch
        {
            "ReadWrite file" => MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Size = large }),
            "Read file" => MemoryMap.MapFile(path, new MapOptions { Size = large }),
            _ => MemoryMap.MapAnonymous(large, new MapOptions { TrackCalls = true }),
        };
        if (kind == "tracked anonymous") map.Write(0, TempDir.PatternBytes(small));
        byte[] expected = TempDir.PatternBytes(small);
        using var stop = new CancellationTokenSource();
        long calls = 0, outOfRange = 0;
        Exception? wrong = null;
        var reader = new Thread(() =>
        {
            var buffer = new byte[small];
            var random = new Random(1);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    map.Read(0, buffer);
                    if (!buffer.AsSpan().SequenceEqual(expected)) throw new InvalidOperationException("read other bytes");
                    map.Read<long>(random.Next(0, large / 8) * 8L); // past a small map's end: refused, never a fault
                }
                catch (MmapException e) when (e.Error == MmapError.InvalidArgument) { outOfRange++; }
                catch (Exception e) { wrong = e; return; }
                calls++;
            }
        });
        reader.Start();
        for (int i = 0; i < 200 && wrong is null; i++)
        {
            map.Resize(i % 2 == 0 ? small : large);
            Thread.SpinWait(2000);
        }
        stop.Cancel();
        reader.Join();
        Assert.Null(wrong);
        Assert.True(calls > 0);
    }

    private static bool RoomToGrowHere => Mmap.Platform.PlatformFacts.Current.CanRetireInPlace;
    private static bool ShrinksMappedFiles => Mmap.Platform.PlatformFacts.Current.BackingCanShrinkUnderMap;
    private const string NoRoomToGrow = "Windows refuses MaxSize (the anonymous test checks the refusal): there is no room to grow into";

    [Fact]
    public void Room_to_grow_keeps_anonymous_memory_where_it_is_and_growth_needs_no_wait_for_other_threads()
    {
        if (!RoomToGrowHere)
        {
            Expect.Error(MmapError.NotSupported, () => MemoryMap.MapAnonymous(Page, new MapOptions { MaxSize = 64 * Page }));
            return;
        }
        using var map = MemoryMap.MapAnonymous(Page, new MapOptions { MaxSize = 64 * Page, RetireInPlace = true });
        IntPtr at = map.Address;
        map.Write(0, TempDir.PatternBytes(Page));
        OnOtherThread(() => map.Read<long>(0)); // used elsewhere: growth in place still needs no wait
        for (int pages = 2; pages <= 64; pages *= 2)
        {
            Assert.False(map.Resize(pages * Page));
            Assert.Equal(at, map.Address);
            Assert.All(map.ReadBytes(Page, (pages - 1) * Page), b => Assert.Equal(0, b));
        }
        Assert.Equal(TempDir.PatternBytes(Page), map.ReadBytes(0, Page));
        Assert.Contains("TrackCalls", Expect.Error(MmapError.NotSupported, () => map.Resize(Page)).Message); // a shrink of private pages does wait
        Expect.Error(MmapError.NotSupported, () => map.Resize(65 * Page)); // past the room it maps again, which waits too
        Assert.Equal(64 * Page, map.Size);
    }

    [SkippableFact]
    public void Room_to_grow_keeps_a_file_map_in_place_while_its_file_grows_and_is_cut_again()
    {
        Skip.IfNot(RoomToGrowHere, NoRoomToGrow);
        string path = _dir.Pattern("room.bin", 100);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, MaxSize = 1 << 20 });
        IntPtr at = map.Address;
        Assert.False(map.Resize(300 * 1024 + 5));
        Assert.Equal(300 * 1024 + 5, new FileInfo(path).Length);
        map.Write<int>(300 * 1024, 12345);
        Assert.Equal(TempDir.PatternBytes(100), map.ReadBytes(0, 100));
        Assert.False(map.Resize(5000));
        Assert.Equal(5000, new FileInfo(path).Length); // MaxSize is not for Windows, so no mapped-file rule applies here
        Assert.False(map.Resize(1 << 20));
        Assert.Equal(0, map.Read<int>(300 * 1024)); // the cut took the bytes, the growth gave zeros
        Assert.Equal(at, map.Address);
        if (Expect.IsLinux)
        {
            string? room = ProcSelf.MapsLineAt(at + (1 << 20) - 1);
            Assert.NotNull(room);
        }
    }

    [SkippableFact]
    public void Room_to_grow_is_refused_where_it_cannot_apply_and_freed_with_the_map()
    {
        Skip.IfNot(RoomToGrowHere, NoRoomToGrow);
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapAnonymous(2 * Page, new MapOptions { MaxSize = Page }));
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapAnonymous(Page, new MapOptions { MaxSize = 2 * Page, Placement = MapPlacement.Low }));
        Expect.Error(MmapError.InvalidArgument, () => MirroredMap.MapAnonymous(16 * Page, 2, new MapOptions { MaxSize = 64 * Page }));
        var map = MemoryMap.MapAnonymous(Page, new MapOptions { MaxSize = 1L << 30 });
        IntPtr end = map.Address + (1 << 30) - 1;
        if (Expect.IsLinux) Assert.Contains("---p", ProcSelf.MapsLineAt(end));
        map.Dispose();
        if (Expect.IsLinux) Assert.Null(ProcSelf.MapsLineOutsideJitAt(end));
    }

    [SkippableFact]
    public void Reads_racing_growth_in_place_by_another_thread_never_fault()
    {
        Skip.IfNot(RoomToGrowHere, NoRoomToGrow);
        using var map = MemoryMap.MapAnonymous(Page, new MapOptions { MaxSize = 4096L * Page, RetireInPlace = true });
        map.Write<long>(0, 1);
        using var stop = new CancellationTokenSource();
        Exception? wrong = null;
        long seen = 0;
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    long size = map.Size;
                    if (map.Read<long>(0) != 1) throw new InvalidOperationException("lost the first value");
                    map.Read<long>(size - 8);
                    seen++;
                }
                catch (Exception e) { wrong = e; return; }
            }
        });
        reader.Start();
        for (long pages = 2; pages <= 4096 && wrong is null; pages++) map.Resize(pages * Page);
        stop.Cancel();
        reader.Join();
        Assert.Null(wrong);
        Assert.True(seen > 0);
    }
}
