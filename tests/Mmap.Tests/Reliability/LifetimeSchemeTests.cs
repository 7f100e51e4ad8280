using Mmap;
using Mmap.Platform;

namespace Mmap.Tests.Reliability;

/// <summary>
/// The two ways a map keeps safe calls from touching unmapped memory: retiring its range at Dispose (POSIX maps placed
/// anywhere: calls check a flag before and after the access) and the per-thread AccessGuard (Windows, placed maps,
/// 32-bit processes). Which one a map uses, what each frees when, and the guard's own promises.
/// </summary>
[Collection(ProcessWideCollection.Name)] // the /proc/self/maps checks must not see another test's map land at a freed range
public sealed class LifetimeSchemeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    //          os         ptr  address placement  shared writes  retires
    [InlineData("Linux",   8,   false,  "Any",     false,         true)]
    [InlineData("MacOS",   8,   false,  "Any",     false,         true)]
    [InlineData("Windows", 8,   false,  "Any",     false,         false)]
    [InlineData("Linux",   4,   false,  "Any",     false,         false)]
    [InlineData("Linux",   8,   true,   "Any",     false,         false)]
    [InlineData("Linux",   8,   false,  "Low",     false,         false)]
    [InlineData("Linux",   8,   false,  "High",    false,         false)]
    [InlineData("Linux",   8,   false,  "Any",     true,          false)]
    public void Only_unplaced_maps_of_a_64_bit_POSIX_process_that_write_nothing_shared_retire_in_place(string os, int pointerSize, bool address, string placement, bool writesShared, bool retires)
    {
        var options = new MapOptions { Address = address ? 0x10000000UL : null, Placement = Enum.Parse<MapPlacement>(placement) };
        var facts = PlatformFacts.For(Enum.Parse<HostOs>(os), System.Runtime.InteropServices.Architecture.X64);
        Assert.Equal(retires, MapRules.RetiresInPlace(options, facts, pointerSize, writesShared));
    }

    [Fact]
    public void A_write_racing_Dispose_lands_whole_or_not_at_all()
    {
        // A ReadWrite file map waits for writes in flight at Dispose: retiring in place cut them short, so a Write that
        // threw ObjectDisposedException had already put part of its bytes in the file (torn in 87 of 200 rounds).
        const int Length = 4 << 20;
        var ones = new byte[Length];
        ones.AsSpan().Fill(0xFF);
        int torn = 0, whole = 0, refused = 0;
        for (int round = 0; round < 100; round++)
        {
            string path = _dir.File($"torn-{round}.bin");
            File.WriteAllBytes(path, new byte[Length]);
            var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
            bool disposedFirst = Expect.DisposeRacing(map, () => map.Write(0, ones), round * 50);
            byte[] after = File.ReadAllBytes(path);
            int set = after.Count(b => b == 0xFF);
            if (set != 0 && set != Length) torn++;
            else if (disposedFirst) { Assert.Equal(0, set); refused++; }
            else { Assert.Equal(Length, set); whole++; }
            File.Delete(path);
        }
        Assert.True(torn == 0, $"{torn} torn writes ({whole} whole, {refused} refused)");
    }

    [SkippableFact]
    public void A_map_only_its_creating_thread_used_is_unmapped_at_Dispose()
    {
        Skip.IfNot(Expect.IsLinux, "reads /proc/self/maps");
        string path = _dir.Pattern("own.bin", 4096);
        var map = MemoryMap.MapFile(path);
        IntPtr at = map.Address;
        Assert.Equal(5, map.Read<byte>(5));
        map.Dispose();
        Assert.Null(ProcSelf.MapsLineOutsideJitAt(at));
    }

    [SkippableFact]
    public void A_map_another_thread_used_is_retired_at_Dispose_and_unmapped_once_collected()
    {
        Skip.IfNot(Expect.IsLinux, "reads /proc/self/maps");
        string path = _dir.Pattern("shared.bin", 4096);
        IntPtr at = MapUseElsewhereAndDispose(path);
        string? line = ProcSelf.MapsLineAt(at);
        Assert.NotNull(line);                 // the addresses are held ...
        Assert.DoesNotContain(path, line);    // ... by inert memory, not by the file
        Assert.Equal(0, ProcSelf.DescriptorsUnder(_dir.Path)); // the descriptor went at Dispose
        for (int i = 0; i < 3 && ProcSelf.MapsLineOutsideJitAt(at) != null; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.Null(ProcSelf.MapsLineOutsideJitAt(at));
    }

    /// <summary>In a method of its own, so the map is unreachable (collectable) once it returns.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IntPtr MapUseElsewhereAndDispose(string path)
    {
        var map = MemoryMap.MapFile(path);
        var other = new Thread(() => map.Read<byte>(1));
        other.Start();
        other.Join();
        map.Dispose();
        return map.Address;
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void After_Dispose_a_call_is_refused_before_it_touches_anything(bool retire)
    {
        Skip.If(retire && !PlatformFacts.Current.CanRetireInPlace, "forces retire-in-place, which Windows has not (PlatformFacts.CanRetireInPlace: a view cannot be replaced in place there)");
        var map = MemoryMap.MapAnonymous(4096, new MapOptions { RetireInPlace = retire });
        map.Write<long>(0, 7);
        var other = new Thread(() => map.Read<long>(0));
        other.Start();
        other.Join();
        map.Dispose();
        var destination = new byte[] { 1, 2, 3 };
        Assert.Throws<ObjectDisposedException>(() => map.Read(0, destination));
        Assert.Equal(new byte[] { 1, 2, 3 }, destination); // not overwritten with what the retired range holds
        Assert.Throws<ObjectDisposedException>(() => map.Read<long>(0));
        Assert.Throws<ObjectDisposedException>(() => map.Gather<long>(new long[] { 0 }, new long[1]));
    }

    [SkippableFact]
    public void A_placed_map_another_thread_used_is_unmapped_at_Dispose()
    {
        Skip.IfNot(Expect.IsLinux, "reads /proc/self/maps");
        var map = MemoryMap.MapAnonymous(4096, new MapOptions { Placement = MapPlacement.High });
        IntPtr at = map.Address;
        var other = new Thread(() => map.Write<long>(0, 1));
        other.Start();
        other.Join();
        map.Dispose();
        Assert.Null(ProcSelf.MapsLineOutsideJitAt(at)); // its caller chose where it goes: the addresses come back at once
    }

    [Fact]
    public void Close_waits_for_a_call_inside_the_guard_on_another_thread()
    {
        var guard = new AccessGuard();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            var slot = ReaderSlot.Mine;
            Assert.True(guard.TryEnter(slot));
            entered.Set();
            release.Wait();
            AccessGuard.Leave(slot);
        });
        reader.Start();
        entered.Wait();
        var closing = new Thread(guard.Close);
        closing.Start();
        Assert.False(closing.Join(200), "Close returned while a call was inside");
        release.Set();
        Assert.True(closing.Join(10_000), "Close never returned after the call left");
        reader.Join();
        Assert.True(guard.IsClosed);
        Assert.False(guard.TryEnter(ReaderSlot.Mine));
        Assert.False(guard.TryEnter(ReaderSlot.Mine)); // and the refused entry left the slot clear
    }

    [Fact]
    public void The_slots_of_ended_threads_are_used_again()
    {
        var map = MemoryMap.MapAnonymous(4096, new MapOptions { RetireInPlace = false });
        int RunOne()
        {
            var t = new Thread(() => map.Read<long>(0));
            t.Start();
            t.Join();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return ReaderSlot.All.Length;
        }
        int first = RunOne();
        for (int i = 0; i < 20; i++) RunOne();
        Assert.InRange(ReaderSlot.All.Length, first, first + 2); // other tests' threads may claim one or two meanwhile
        map.Dispose();
    }
}
