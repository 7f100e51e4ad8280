using System.Diagnostics;
using Mmap;

namespace Mmap.Tests.Reliability;

/// <summary>
/// The registry (Get-MemoryMap, MemoryMapRegistry.GetLiveMaps) is read by other threads at any moment: a map must
/// appear in it only once fully built (never as a mirror of one copy), and maps freed while it is read must not break
/// the read.
/// </summary>
public sealed class RegistrationRaceTests
{
    [Fact]
    public async Task Listing_maps_while_others_are_freed_never_fails()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1)); // before the fix: failed within 0.1 s
        var churn = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                using (MemoryMap.MapAnonymous(4096)) { }
        });
        int lists = 0;
        Exception? failure = null;
        while (failure is null && !stop.IsCancellationRequested)
        {
            failure = Record.Exception(() => MemoryMapRegistry.GetLiveMaps());
            lists++;
        }
        stop.Cancel();
        await churn;
        Assert.True(failure is null, $"list {lists}: {failure}");
    }

    [Fact]
    public async Task Other_threads_never_see_a_half_built_map()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)); // before the fix: failed within 0.1 s
        string? seen = null;
        var watcher = Task.Run(() =>
        {
            while (seen is null && !stop.IsCancellationRequested)
                foreach (var map in MemoryMapRegistry.GetLiveMaps())
                    if (map is MirroredMap m && (m.Times < 2 || m.BlockSize * m.Times != m.Size))
                        seen = $"a mirror listed as {m.Times} x {m.BlockSize} bytes of {m.Size}";
        });
        var clock = Stopwatch.StartNew();
        int made = 0;
        while (seen is null && !stop.IsCancellationRequested)
        {
            using (MirroredMap.MapAnonymous(4096)) made++;
        }
        stop.Cancel();
        await watcher;
        Assert.True(seen is null, $"after {made} mirrors in {clock.ElapsedMilliseconds} ms: {seen}");
    }
}
