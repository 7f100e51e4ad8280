using Mmap;

namespace Mmap.Tests.Reliability;

/// <summary>What this process holds that a map could leak, read from /proc/self (Linux).</summary>
/// <param name="Descriptors">All open descriptors.</param>
/// <param name="EngineDescriptors">Descriptors on the test's folder, its tags or the mirrors' memfds: only the engine opens those.</param>
/// <param name="ShmEntries">/dev/shm entries with the test's tag prefix.</param>
/// <param name="MapLines">/proc/self/maps lines outside the JIT's double-mapped code.</param>
/// <param name="EngineMapLines">Lines naming the test's folder, tags or the mirrors' memfds.</param>
/// <param name="MappedBytes">Bytes of <paramref name="MapLines"/>.</param>
/// <param name="RssBytes">Resident memory (VmRSS).</param>
/// <param name="Registered">Maps in <see cref="MemoryMapRegistry"/>.</param>
public sealed record LeakSnapshot(int Descriptors, int EngineDescriptors, int ShmEntries, int MapLines, int EngineMapLines,
    long MappedBytes, long RssBytes, int Registered)
{
    public override string ToString() =>
        $"fds {Descriptors} (engine {EngineDescriptors}), /dev/shm {ShmEntries}, maps {MapLines} lines (engine {EngineMapLines}) " +
        $"{MappedBytes >> 20} MiB, RSS {RssBytes >> 20} MiB, registered {Registered}";
}

/// <summary>
/// Takes <see cref="LeakSnapshot"/>s and checks one against a baseline. Exact for what only the engine makes; loose
/// for process totals the runtime also moves (as in StressTests): it opens pipes, starts threads (8 MiB of stack
/// each) and grows its heaps while tests run. A leaked map of a file, a tag or a mirror keeps a descriptor and a named
/// mapping line, which the exact checks catch one by one; the anonymous kinds are sized so that their cycles, all
/// leaked, would map at least 500 MiB (against a margin of 256) and keep at least 125 MiB resident (against 64).
/// </summary>
public sealed class LeakMeter
{
    private const string MirrorMemfd = "memfd:mmap-mirror";
    private readonly string _folder;
    private readonly string _tagPrefix;

    public LeakMeter(string folder, string tagPrefix)
    {
        _folder = folder;
        _tagPrefix = tagPrefix;
    }

    public LeakSnapshot Take()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var fds = Directory.GetFiles("/proc/self/fd").Select(Target).ToArray();
        string[] lines = ProcSelf.MapsOutsideJit();
        return new LeakSnapshot(fds.Length, fds.Count(IsEngine), Directory.GetFiles("/dev/shm", _tagPrefix + "*").Length,
            lines.Length, lines.Count(IsEngine), ProcSelf.MappedBytes(lines), Rss(), MemoryMapRegistry.Count);
    }

    public void AssertBackTo(LeakSnapshot baseline, string what)
    {
        var now = Take();
        string context = $"{what}: baseline {baseline}; now {now}";
        Assert.True(now.EngineDescriptors == 0, context);
        Assert.True(now.ShmEntries == 0, context);
        Assert.True(now.EngineMapLines == 0, context);
        Assert.True(now.Registered <= baseline.Registered, context); // other tests' forgotten maps may be finalized meanwhile
        Assert.True(now.Descriptors <= baseline.Descriptors + 16, context);
        Assert.True(now.MapLines <= baseline.MapLines + 64, context);
        Assert.True(now.MappedBytes - baseline.MappedBytes <= 256L << 20, context);
        Assert.True(now.RssBytes - baseline.RssBytes <= 64L << 20, context);
    }

    private bool IsEngine(string? name) => name != null &&
        (name.Contains(_folder, StringComparison.Ordinal) || name.Contains(_tagPrefix, StringComparison.Ordinal) || name.Contains(MirrorMemfd, StringComparison.Ordinal));

    private static string? Target(string fd)
    {
        try { return new FileInfo(fd).LinkTarget; }
        catch (IOException) { return null; } // closed while we looked
    }

    private static long Rss()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
