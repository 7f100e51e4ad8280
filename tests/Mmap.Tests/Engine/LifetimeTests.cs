using System.Runtime.CompilerServices;
using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>Checks addresses and registry entries after Dispose, so no other test may map memory meanwhile.</summary>
[Collection(ProcessWideCollection.Name)]
public class LifetimeTests
{
    [Fact]
    public void Dispose_unmaps_and_double_dispose_is_harmless()
    {
        var map = MemoryMap.MapAnonymous(4096, new MapOptions { Access = MapAccess.ReadWrite });
        IntPtr at = map.Address;
        map.Dispose();
        map.Dispose();
        Assert.True(map.IsDisposed);
        if (Expect.IsLinux) Assert.Null(ProcSelf.MapsLineOutsideJitAt(at));
    }

    [Fact]
    public void Every_use_after_dispose_is_ObjectDisposedException()
    {
        var map = MemoryMap.MapAnonymous(4096, new MapOptions { Access = MapAccess.ReadWrite });
        map.Dispose();
        var uses = new Action[]
        {
            () => map.Read<int>(0), () => map.Write<int>(0, 1), () => map.ReadBytes(0, 1),
            () => map.Read(0, new byte[1]), () => map.Write(0, new byte[1]), () => map.Flush(),
            () => map.GetSpan(0, 1), () => map.AsRef<int>(0),
        };
        foreach (var use in uses)
        {
            var e = Assert.Throws<ObjectDisposedException>(use);
            Assert.Contains("freed", e.Message);
        }
    }

    [Fact]
    public void Dispose_closes_only_what_the_engine_opened()
    {
        using var dir = new TempDir();
        string path = dir.Pattern("own.bin", 4096);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read);
        MemoryMap.MapFile(fs).Dispose();
        fs.Position = 100;
        Assert.Equal(100, fs.ReadByte());
    }

    [Fact]
    public void The_registry_lists_live_maps_only()
    {
        var map = MemoryMap.MapAnonymous(4096);
        Assert.Contains(map, MemoryMapRegistry.GetLiveMaps());
        Assert.Same(map, MemoryMapRegistry.Find(map.Id));
        map.Dispose();
        Assert.DoesNotContain(map, MemoryMapRegistry.GetLiveMaps());
        Assert.Null(MemoryMapRegistry.Find(map.Id));
    }

    [Fact]
    public void Ids_are_unique_and_increasing()
    {
        using var a = MemoryMap.MapAnonymous(4096);
        using var b = MemoryMap.MapAnonymous(4096);
        Assert.True(b.Id > a.Id);
    }

    [SkippableFact]
    public void The_finalizer_frees_maps_nobody_disposed()
    {
        Skip.IfNot(Expect.IsLinux, "checks /proc/self/maps");
        using var dir = new TempDir();
        string path = dir.Pattern("forgotten.bin", 4096);
        long[] ids = MapAndForget(path, 20);
        for (int i = 0; i < 3 && ids.Any(id => MemoryMapRegistry.Find(id) != null || RegistryHas(id)); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.All(ids, id => Assert.False(RegistryHas(id), $"map #{id} still registered"));
        Assert.DoesNotContain(ProcSelf.Maps(), line => line.EndsWith(path));
    }

    [Fact]
    public void Dispose_racing_reads_and_writes_never_touches_unmapped_memory()
    {
        for (int round = 0; round < 200; round++)
        {
            var map = MemoryMap.MapAnonymous(1 << 16, new MapOptions { Access = MapAccess.ReadWrite });
            using var start = new Barrier(3);
            int completed = 0, refused = 0;
            var workers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
            {
                start.SignalAndWait();
                var buffer = new byte[4096];
                for (int i = 0; i < 500; i++)
                {
                    try
                    {
                        if (w == 0) map.Read(i % 16 * 4096, buffer); else map.Write<long>(i % 16 * 4096, i);
                        Interlocked.Increment(ref completed);
                    }
                    catch (ObjectDisposedException) { Interlocked.Increment(ref refused); }
                }
            })).ToArray();
            foreach (var t in workers) t.Start();
            start.SignalAndWait();
            map.Dispose();
            foreach (var t in workers) t.Join();
            Assert.Equal(1000, completed + refused);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long[] MapAndForget(string path, int count) =>
        Enumerable.Range(0, count).Select(_ => MemoryMap.MapFile(path).Id).ToArray();

    private static bool RegistryHas(long id) => MemoryMapRegistry.Contains(id);
}
