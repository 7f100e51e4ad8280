using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>MemoryMap.Lock, Unlock and ResidentBytes: pages held in memory, and how much of a map is in memory now.</summary>
public sealed class LockResidencyTests : IDisposable
{
    private const int Page = 4096;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The process's locked memory in KiB (VmLck), where Linux says.</summary>
    private static long LockedKiB() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmLck:")).Substring(6).Trim().Split(' ')[0]);

    [Fact]
    public void Untouched_anonymous_memory_is_not_resident_and_a_touched_page_counts_with_its_part_in_the_range()
    {
        using var map = MemoryMap.MapAnonymous(4 * Page);
        Assert.Equal(0, map.ResidentBytes());
        map.Write(0, new byte[] { 1 });
        map.Write(2 * Page + 7, new byte[] { 2 });
        Assert.Equal(2 * Page, map.ResidentBytes());
        Assert.Equal(Page - 100, map.ResidentBytes(100, Page)); // page 0 from 100 on, page 1 not in memory
        Assert.Equal(10, map.ResidentBytes(2 * Page + 5, 10));
        Assert.Equal(0, map.ResidentBytes(Page, Page));
        Assert.Equal(0, map.ResidentBytes(map.Size, 0));
    }

    [Fact]
    public void A_file_just_written_is_resident_through_its_map()
    {
        using var map = MemoryMap.MapFile(_dir.Pattern("warm.bin", 3 * Page + 100));
        map.ReadBytes(0, (int)map.Size);
        Assert.Equal(map.Size, map.ResidentBytes());
    }

    [SkippableFact]
    public void Lock_brings_every_page_in_and_holds_it_until_Unlock_keeping_the_contents()
    {
        Skip.IfNot(Expect.IsLinux, "reads VmLck from /proc/self/status");
        using var map = MemoryMap.MapAnonymous(256 * Page);
        map.Write(5, new byte[] { 9, 8, 7 });
        long before = LockedKiB();
        map.Lock();
        Assert.Equal(map.Size, map.ResidentBytes());
        Assert.True(LockedKiB() - before >= 1024, $"VmLck went from {before} to {LockedKiB()} kB");
        map.Lock(0, Page); // locks do not nest: one Unlock frees it
        map.Unlock();
        Assert.True(LockedKiB() - before < 1024, $"VmLck is {LockedKiB()} kB after Unlock, {before} before");
        map.Unlock(); // unlocking what is not locked is no error
        Assert.Equal(new byte[] { 9, 8, 7 }, map.ReadBytes(5, 3));
    }

    [Fact]
    public void Files_and_tags_lock_too()
    {
        using var file = MemoryMap.MapFile(_dir.Pattern("lock.bin", 2 * Page));
        string tag = "mmap-lock-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        using var shared = MemoryMap.MapShared(tag, new MapOptions { Size = 2 * Page });
        try
        {
            foreach (MemoryMap map in new[] { file, shared })
            {
                map.Lock(Page - 1, 2); // an unaligned start: aligned left to its page, so both pages
                Assert.Equal(map.Size, map.ResidentBytes());
                map.Unlock(Page - 1, 2);
            }
            Assert.Equal(TempDir.PatternBytes(2 * Page), file.ReadBytes(0, 2 * Page));
        }
        finally { SharedMemory.Unlink(tag); }
    }

    [Fact]
    public void A_mirror_locks_and_measures_across_its_copies()
    {
        using var mirror = MirroredMap.MapAnonymous(16 * Page);
        mirror.Lock();
        Assert.Equal(mirror.Size, mirror.ResidentBytes());
        mirror.Write(mirror.BlockSize - 2, new byte[] { 1, 2, 3, 4 });
        Assert.Equal(new byte[] { 3, 4 }, mirror.ReadBytes(0, 2));
        mirror.Unlock();
    }

    [Theory]
    [InlineData(-1L, 1L)]
    [InlineData(0L, 4097L)]
    [InlineData(4097L, 0L)]
    [InlineData(long.MaxValue, 1L)]
    public void A_range_outside_the_map_is_invalid_argument_and_nothing_is_locked(long offset, long length)
    {
        using var map = MemoryMap.MapAnonymous(Page);
        Assert.Contains("Cannot lock", Expect.Error(MmapError.InvalidArgument, () => map.Lock(offset, length)).Message);
        Assert.Contains("Cannot unlock", Expect.Error(MmapError.InvalidArgument, () => map.Unlock(offset, length)).Message);
        Assert.Contains("Cannot measure", Expect.Error(MmapError.InvalidArgument, () => map.ResidentBytes(offset, length)).Message);
        Assert.Equal(0, map.ResidentBytes());
    }

    [Fact]
    public void An_empty_range_off_a_page_start_locks_nothing()
    {
        using var map = MemoryMap.MapAnonymous(4 * Page);
        map.Lock(100, 0); // aligned left it would cover page 0: locking that would read it in
        map.Lock(map.Size, 0);
        Assert.Equal(0, map.ResidentBytes());
    }

    [Fact]
    public void After_Dispose_each_call_is_ObjectDisposedException()
    {
        var map = MemoryMap.MapAnonymous(Page);
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.Lock());
        Assert.Throws<ObjectDisposedException>(() => map.Unlock());
        Assert.Throws<ObjectDisposedException>(() => map.ResidentBytes());
    }

    [Fact]
    public void Calls_racing_Dispose_on_another_thread_complete_or_see_the_map_freed()
    {
        var calls = new Action<MemoryMap>[] { m => m.Lock(), m => m.Unlock(), m => m.ResidentBytes(), m => m.Lock(Page, Page) };
        for (int round = 0; round < 40; round++)
            foreach (var call in calls)
            {
                var map = MemoryMap.MapAnonymous(64 * Page);
                Expect.DisposeRacing(map, () => { for (int i = 0; i < 20; i++) call(map); }, round * 50);
            }
    }

    [Fact]
    public void Lock_and_residency_on_many_threads_at_once_agree()
    {
        using var map = MemoryMap.MapAnonymous(64 * Page);
        Parallel.For(0, 8, i =>
        {
            for (int n = 0; n < 50; n++)
            {
                map.Lock(i * 8 * Page, 8 * Page);
                Assert.Equal(8 * Page, map.ResidentBytes(i * 8 * Page, 8 * Page));
                map.Unlock(i * 8 * Page, 8 * Page);
            }
        });
        Assert.Equal(map.Size, map.ResidentBytes());
    }

    [SkippableFact]
    public void Over_RLIMIT_MEMLOCK_without_CAP_IPC_LOCK_is_out_of_mem_naming_the_limit_and_nothing_stays_locked()
    {
        Skip.IfNot(Expect.IsLinux && Environment.UserName == "root", "needs root on Linux to drop CAP_IPC_LOCK with setpriv");
        // A helper whose capability bounding set lacks CAP_IPC_LOCK (root's would bypass the limit), under a 64 KiB limit.
        var (exit, output) = Helper.Finish(Helper.StartCommand("sh", "-c",
            $"ulimit -l 64 && exec setpriv --inh-caps=-ipc_lock --bounding-set=-ipc_lock -- dotnet '{Helper.Dll}' engine lock - 1048576"),
            TimeSpan.FromSeconds(60));
        Skip.If(output.StartsWith("setpriv:", StringComparison.Ordinal), "setpriv failed here: " + output);
        Assert.True(exit == 2, output);
        Assert.StartsWith("error out_of_mem Cannot lock 1 MiB (1048576 bytes) of anonymous map", output);
        Assert.Contains("RLIMIT_MEMLOCK) is 64 KiB (65536 bytes", output);
        Assert.Contains("ulimit -l", output);
        Assert.Contains("CAP_IPC_LOCK", output);
        Assert.Contains("VmLck-after 0 kB", output);

        var (allowed, fits) = Helper.Finish(Helper.StartCommand("sh", "-c",
            $"ulimit -l 2048 && exec setpriv --inh-caps=-ipc_lock --bounding-set=-ipc_lock -- dotnet '{Helper.Dll}' engine lock - 1048576"),
            TimeSpan.FromSeconds(60));
        Assert.True(allowed == 0, fits);
        Assert.StartsWith("ok locked 1048576", fits);
    }
}
