using System.Diagnostics;
using System.Runtime.CompilerServices;
using Mmap;
using Xunit.Abstractions;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Map/free cycles over every kind of map: file, tag, anonymous, mirror (anonymous, file, tag) and low placement,
/// each freed by Dispose or left to the finalizer (references dropped, then GC.Collect + WaitForPendingFinalizers).
/// Afterwards descriptors, /proc/self/maps, /dev/shm and RSS are back at the baseline (see <see cref="LeakMeter"/>
/// for the margins). 5,000 cycles per kind and way by default (low: 500); 100,000 with MMAP_SOAK=1, checked every 10,000.
/// </summary>
[Collection(ProcessWideCollection.Name)]
public sealed class LeakCycleTests : IDisposable
{
    private const int Size = 256 * 1024, TouchEvery = 16 * 1024, Checkpoint = 10_000, FinalizerBatch = 250;
    private readonly TempDir _dir = new();
    private readonly string _prefix = "mmap-leak-" + Guid.NewGuid().ToString("N").Substring(0, 8) + "-";
    private readonly ITestOutputHelper _log;
    private int _serial;

    public LeakCycleTests(ITestOutputHelper log) => _log = log;

    public void Dispose()
    {
        foreach (string left in Directory.GetFiles("/dev/shm", _prefix + "*")) File.Delete(left);
        _dir.Dispose();
    }

    public static TheoryData<string> Kinds => new() { "file", "tag", "anonymous", "mirror", "mirror-file", "mirror-tag", "low" };

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void Disposed_maps_leave_nothing_behind(string kind) => Cycle(kind, DefaultCycles(kind), dispose: true);

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void Finalized_maps_leave_nothing_behind(string kind) => Cycle(kind, DefaultCycles(kind), dispose: false);

    /// <summary>5,000 keeps the default run short on CI's 2 cores and still means 5,000 leaks would have to hide inside
    /// the margins. A low placement reads /proc/self/maps for the free gaps below 2 GiB on every map (about 3 ms in a
    /// test host with 600 mappings), so it gets 500. The soak gives every kind 100,000.</summary>
    private static int DefaultCycles(string kind) => kind == "low" ? 500 : 5_000;

    [Trait("Category", LeakSoak.Category)]
    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void Soak_disposed_maps_leave_nothing_behind(string kind)
    {
        Skip.IfNot(LeakSoak.Enabled, LeakSoak.Reason);
        Cycle(kind, 100_000, dispose: true);
    }

    [Trait("Category", LeakSoak.Category)]
    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void Soak_finalized_maps_leave_nothing_behind(string kind)
    {
        Skip.IfNot(LeakSoak.Enabled, LeakSoak.Reason);
        Cycle(kind, 100_000, dispose: false);
    }

    private void Cycle(string kind, int cycles, bool dispose)
    {
        Skip.IfNot(Expect.IsLinux, "reads /proc/self and /dev/shm");
        string file = _dir.Pattern("leak.bin", Size);
        var meter = new LeakMeter(_dir.Path, _prefix);
        Run(kind, file, 100, dispose); // warm up the JIT and the runtime's own allocations first
        var baseline = meter.Take();
        var clock = Stopwatch.StartNew();
        for (int done = 0; done < cycles;)
        {
            int n = Math.Min(Checkpoint, cycles - done);
            Run(kind, file, n, dispose);
            done += n;
            meter.AssertBackTo(baseline, $"{kind} after {done} cycles");
        }
        _log.WriteLine($"{kind} {(dispose ? "disposed" : "finalized")}: {cycles} cycles in {clock.Elapsed.TotalSeconds:0.0} s; baseline {baseline}; after {meter.Take()}");
    }

    private void Run(string kind, string file, int count, bool dispose)
    {
        for (int done = 0; done < count;)
        {
            int n = dispose ? count : Math.Min(FinalizerBatch, count - done);
            MapBatch(kind, file, n, dispose);
            done += n;
            if (!dispose)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
    }

    /// <summary>Not inlined, so no reference to a forgotten map outlives it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MapBatch(string kind, string file, int count, bool dispose)
    {
        for (int i = 0; i < count; i++)
        {
            var (owner, map) = Make(kind, file);
            for (long at = 0; at < map.Size; at += TouchEvery) map.Write<long>(at, i);
            if (map.Tag != null) map.Unlink(); // the name goes now; the memory goes with the map
            if (dispose) owner.Dispose();
        }
    }

    private (IDisposable Owner, MemoryMap Map) Make(string kind, string file)
    {
        var rw = new MapOptions { Access = MapAccess.ReadWrite };
        string tag = _prefix + Interlocked.Increment(ref _serial);
        switch (kind)
        {
            case "file": return Plain(MemoryMap.MapFile(file, rw));
            case "tag": return Plain(MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = Size }, new TagOptions { Mode = SharedOpenMode.CreateNew }));
            case "anonymous": return Plain(MemoryMap.MapAnonymous(Size, rw));
            // 1 MiB: 500 default cycles, all leaked, must still overshoot LeakMeter's margins.
            case "low": return Plain(MemoryMap.MapAnonymous(4 * Size, new MapOptions { Access = MapAccess.ReadWrite, Placement = MapPlacement.Low }));
            case "mirror": return Mirror(MirroredMap.MapAnonymous(Size / 2));
            case "mirror-file": return Mirror(MirroredMap.MapFile(file, Size / 2));
            case "mirror-tag": return Mirror(MirroredMap.MapShared(tag, Size / 2));
            default: throw new ArgumentException(kind);
        }
    }

    private static (IDisposable, MemoryMap) Plain(MemoryMap map) => (map, map);

    private static (IDisposable, MemoryMap) Mirror(MirroredMap mirror) => (mirror, mirror);
}
