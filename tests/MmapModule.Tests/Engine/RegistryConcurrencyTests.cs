using Mmap;

namespace MmapModule.Tests.Engine;

/// <summary>Listing the live maps while other threads make and free maps never throws.</summary>
public sealed class RegistryConcurrencyTests
{
    [Fact]
    public async Task GetLiveMaps_runs_beside_threads_that_map_and_free()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var churn = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested) MemoryMap.MapAnonymous(4096).Dispose();
        })).ToArray();
        int listings = 0;
        Exception? failure = null;
        while (!stop.IsCancellationRequested && failure is null)
        {
            try { MemoryMapRegistry.GetLiveMaps(); listings++; }
            catch (Exception e) { failure = e; }
        }
        await Task.WhenAll(churn);
        Assert.True(failure is null, $"GetLiveMaps threw after {listings} listings: {failure}");
    }
}
