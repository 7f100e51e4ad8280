using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>MemoryMap.ChangeAccess: a live map turns read-only and back, and executable or not; the safe calls follow at
/// once; what the mapping or its descriptor cannot become is refused with the map unchanged; writes racing a change to Read
/// complete or are refused, never fault.</summary>
public sealed class AccessChangeTests : IDisposable
{
    private const int Page = 4096;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The permission letters /proc/self/maps gives the mapping at <paramref name="address"/> ("rw-s", "r-xp").</summary>
    private static string Permissions(IntPtr address) => ProcSelf.MapsLineAt(address)!.Split(' ')[1];

    [Fact]
    public void A_ReadWrite_file_map_turns_read_only_refuses_writes_and_turns_back()
    {
        string path = _dir.Pattern("rw.bin", 2 * Page);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        map.ChangeAccess(MapAccess.Read);
        Assert.Equal(MapAccess.Read, map.Access);
        Expect.Error(MmapError.AccessDenied, () => map.Write<int>(0, 1));
        Assert.Equal(TempDir.PatternBytes(2 * Page), map.ReadBytes(0, 2 * Page));
        if (Expect.IsLinux) Assert.StartsWith("r-", Permissions(map.Address));
        map.ChangeAccess(MapAccess.ReadWrite);
        map.Write<int>(8, -2);
        map.Flush();
        Assert.Equal(-2, BitConverter.ToInt32(TempDir.SharedBytes(path), 8));
    }

    [Fact]
    public void A_file_opened_for_reading_refuses_ReadWrite_and_stays_readable()
    {
        using var map = MemoryMap.MapFile(_dir.Pattern("r.bin", Page));
        var e = Expect.Error(MmapError.AccessDenied, () => map.ChangeAccess(MapAccess.ReadWrite));
        Assert.Contains("Map it again", e.Message);
        Assert.Equal(MapAccess.Read, map.Access);
        Assert.Equal(TempDir.PatternBytes(Page), map.ReadBytes(0, Page));
    }

    [Fact]
    public void Copy_on_write_and_ReadWrite_never_turn_into_each_other()
    {
        string path = _dir.Pattern("cow.bin", Page);
        using var cow = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.CopyOnWrite });
        Expect.Error(MmapError.InvalidArgument, () => cow.ChangeAccess(MapAccess.ReadWrite));
        cow.ChangeAccess(MapAccess.Read);
        cow.ChangeAccess(MapAccess.CopyOnWrite);
        cow.Write<byte>(0, 200);
        Assert.Equal(0, TempDir.SharedBytes(path)[0]); // still private
        using var rw = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        Expect.Error(MmapError.InvalidArgument, () => rw.ChangeAccess(MapAccess.CopyOnWrite));
        Assert.Equal(MapAccess.ReadWrite, rw.Access);
    }

    [Fact]
    public void Anonymous_memory_made_Read_can_become_ReadWrite_and_keeps_its_bytes()
    {
        using var map = MemoryMap.MapAnonymous(Page);
        map.Write<long>(0, 42);
        map.ChangeAccess(MapAccess.Read);
        Expect.Error(MmapError.AccessDenied, () => map.Write<long>(0, 1));
        map.ChangeAccess(MapAccess.ReadWrite);
        Assert.Equal(42, map.Read<long>(0));
        using var made = MemoryMap.MapAnonymous(Page, new MapOptions { Access = MapAccess.Read });
        made.ChangeAccess(MapAccess.ReadWrite);
        made.Write<long>(0, 7);
        Assert.Equal(7, made.Read<long>(0));
    }

    [SkippableFact]
    public void Execution_turns_on_and_off_and_the_map_says_so()
    {
        Skip.IfNot(Expect.IsLinux, "reads the permissions from /proc/self/maps");
        using var map = MemoryMap.MapAnonymous(Page);
        map.ChangeAccess(MapAccess.ReadWrite, execute: true);
        Assert.True(map.Execute);
        Assert.Equal("rwxp", Permissions(map.Address));
        map.ChangeAccess(MapAccess.Read, execute: false);
        Assert.False(map.Execute);
        Assert.Equal("r--p", Permissions(map.Address));
        map.ChangeAccess(MapAccess.ReadWrite); // null keeps execution as it is
        Assert.Equal("rw-p", Permissions(map.Address));
    }

    [SkippableFact]
    public void Private_memory_other_threads_used_without_tracked_calls_refuses_to_turn_read_only_but_gains_rights()
    {
        Skip.IfNot(Mmap.Platform.PlatformFacts.Current.CanRetireInPlace, Expect.NoRetiredScheme);
        using var map = MemoryMap.MapAnonymous(Page, new MapOptions { RetireInPlace = true });
        var thread = new Thread(() => map.Write<long>(0, 3));
        thread.Start();
        thread.Join();
        Assert.Contains("TrackCalls", Expect.Error(MmapError.NotSupported, () => map.ChangeAccess(MapAccess.Read)).Message);
        Assert.Equal(MapAccess.ReadWrite, map.Access);
        map.Write<long>(0, 4);
        map.ChangeAccess(MapAccess.ReadWrite, execute: true); // adding a right never needs the map to itself
        Assert.True(map.Execute);
    }

    [Fact]
    public void Mirrors_refuse_to_change_access()
    {
        using var mirror = MirroredMap.MapAnonymous(16 * Page);
        Expect.Error(MmapError.NotSupported, () => mirror.ChangeAccess(MapAccess.Read));
        Assert.Equal(MapAccess.ReadWrite, mirror.Access);
    }

    [Fact]
    public void Bad_access_values_and_freed_maps_are_refused()
    {
        using var map = MemoryMap.MapAnonymous(Page);
        Expect.Error(MmapError.InvalidArgument, () => map.ChangeAccess((MapAccess)9));
        var freed = MemoryMap.MapAnonymous(Page);
        freed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => freed.ChangeAccess(MapAccess.Read));
    }

    public static TheoryData<string> RacingKinds => new() { "ReadWrite file", "tracked anonymous", "ReadWrite tag" };

    [Theory]
    [MemberData(nameof(RacingKinds))]
    public void Writes_racing_changes_to_Read_complete_or_are_refused_and_never_fault(string kind)
    {
        string tag = "mmap-access-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        using var map = kind switch
        {
            "ReadWrite file" => MemoryMap.MapFile(_dir.File("race.bin"), new MapOptions { Access = MapAccess.ReadWrite, Size = 16 * Page }),
            "ReadWrite tag" => MemoryMap.MapShared(tag, new MapOptions { Size = 16 * Page }),
            _ => MemoryMap.MapAnonymous(16 * Page, new MapOptions { TrackCalls = true }),
        };
        try
        {
            using var stop = new CancellationTokenSource();
            long written = 0, refused = 0;
            Exception? wrong = null;
            var writers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
            {
                var chunk = new byte[Page];
                for (long i = 1; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        chunk.AsSpan().Fill((byte)i);
                        map.Write(w * 4 * Page + i % 4 * Page, chunk);
                        map.Write<long>(12 * Page + w * 8, i);
                        Interlocked.Increment(ref written);
                    }
                    catch (MmapException e) when (e.Error == MmapError.AccessDenied) { Interlocked.Increment(ref refused); }
                    catch (Exception e) { wrong = e; return; }
                }
            })).ToArray();
            foreach (var t in writers) t.Start();
            for (int i = 0; i < 300 && wrong is null; i++)
            {
                map.ChangeAccess(i % 2 == 0 ? MapAccess.Read : MapAccess.ReadWrite);
                Thread.SpinWait(3000);
            }
            stop.Cancel();
            foreach (var t in writers) t.Join();
            Assert.Null(wrong);
            Assert.True(written > 0 && refused > 0, $"{written} writes, {refused} refused");
        }
        finally { if (kind == "ReadWrite tag") SharedMemory.Unlink(tag); }
    }
}
