using Mmap;

namespace Mmap.Tests.Shared;

/// <summary>How the blocking ring calls wait. A waiter that busy-spins for long holds a CPU its peer may need: with
/// 50 looks of up to 1,280 SpinWait iterations (about 7-12 ms on this host before the first yield) a 1 GiB stream
/// through a 1 MiB ring took 1.3-3.5 s instead of 0.1-0.2 s on a loaded 2-core machine (benchmark comparison 6).</summary>
public class ByteRingWaitTests
{
    [Fact]
    public void A_waiter_spins_only_a_few_microseconds_before_it_yields_the_CPU()
    {
        var spins = Enumerable.Range(1, 100).Select(ByteRing.Waiter.SpinIterations).ToList();
        Assert.True(spins[0] > 0, "the first look should spin: the peer is usually a moment behind");
        int firstYield = spins.IndexOf(0);
        Assert.InRange(firstYield, 1, 10);
        // 126 iterations of Thread.SpinWait are under 10 us on hosts where one iteration is 35-70 ns.
        Assert.InRange(spins.Take(firstYield).Sum(), 1, 126);
        Assert.All(spins.Skip(firstYield), s => Assert.Equal(0, s));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void A_look_count_that_wrapped_around_never_spins(int look) => Assert.Equal(0, ByteRing.Waiter.SpinIterations(look));
}
