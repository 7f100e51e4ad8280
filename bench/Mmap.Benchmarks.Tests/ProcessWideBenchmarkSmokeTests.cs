using System.Globalization;
using Mmap;
using Mmap.Benchmarks.Comparisons;
using Mmap.Tests;

namespace Mmap.Benchmarks.Tests;

/// <summary>The smoke run of the benchmark classes that reserve address space across the process (the low-address
/// probe holds everything free below 4 GiB for a moment), alone in the process-wide collection.</summary>
[Collection(ProcessWideCollection.Name)]
public class ProcessWideBenchmarkSmokeTests
{
    [SkippableFact]
    public void TheLowAddressProbeBodiesReturnTheBytesFoundBelow2And4GiB()
    {
        Skip.IfNot(Expect.IsLinux, "the probe runs on Linux (and Windows, not run here); macOS refuses it");
        Assert.Equal([typeof(LowAddressProbing)], BenchmarkSmokeTests.ProcessWide);
        var results = Assert.Single(BenchmarkSmokeTests.RunEveryBody(typeof(LowAddressProbing))).ToDictionary(r => r.Method, r => (long)r.Result!);

        long below2 = results[nameof(LowAddressProbing.Probe2GiB)], below4 = results[nameof(LowAddressProbing.Probe4GiB)];
        Assert.Equal(LowAddressProbe.Run().TotalFreeBytes, below2);
        Assert.InRange(below2, LowAddressFacts.FreeBytesBelow(LowAddressFacts.TwoGiB) * 99 / 100, 2L << 30);
        Assert.InRange(below4, Math.Max(below2, LowAddressFacts.FreeBytesBelow(LowAddressFacts.FourGiB) * 99 / 100), 4L << 30);
    }

    [SkippableFact]
    public void TheReportNoteGivesTheBytesOneProbeFinds()
    {
        Skip.IfNot(Expect.IsLinux, "the probe runs on Linux (and Windows, not run here); macOS refuses it");
        string note = LowAddressProbing.BytesFound(2L << 30);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{LowAddressProbe.Run().TotalFreeBytes:N0} bytes found in "), note);
    }
}
