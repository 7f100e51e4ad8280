using System.Globalization;
using Mmap;
using Mmap.Benchmarks.Comparisons;
using Mmap.Benchmarks.Support;
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
        Assert.Contains(typeof(LowAddressProbing), BenchmarkSmokeTests.ProcessWide);
        var results = Assert.Single(BenchmarkSmokeTests.RunEveryBody(typeof(LowAddressProbing))).ToDictionary(r => r.Method, r => (long)r.Result!);

        long below2 = results[nameof(LowAddressProbing.Probe2GiB)], below4 = results[nameof(LowAddressProbing.Probe4GiB)];
        Assert.Equal(LowAddressProbe.Run().TotalFreeBytes, below2);
        Assert.InRange(below2, LowAddressFacts.FreeBytesBelow(LowAddressFacts.TwoGiB) * 99 / 100, 2L << 30);
        Assert.InRange(below4, Math.Max(below2, LowAddressFacts.FreeBytesBelow(LowAddressFacts.FourGiB) * 99 / 100), 4L << 30);
    }

    /// <summary>The huge-page comparison takes pages from the machine's 2 MiB pool: reserved here for the run, given back after.</summary>
    [SkippableFact]
    public void TheHugePageBodiesReadTheSameWordsOnEveryKindOfPage()
    {
        Assert.Contains(typeof(HugePageRandomRead), BenchmarkSmokeTests.ProcessWide);
        long pages = BenchSizes.Smoke.FileBytes / HugePageRandomRead.HugePage;
        using var pool = HugePool.Set(HugePool.Current + pages);
        var results = Assert.Single(BenchmarkSmokeTests.RunEveryBody(typeof(HugePageRandomRead)));
        long expected = Pages.RandomOffsets(BenchSizes.Smoke.RandomReads, BenchSizes.Smoke.FileBytes, sizeof(long)).Sum(); // each word holds its offset
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(expected, (long)r.Result!));
    }

    [SkippableFact]
    public void TheReportNoteGivesTheBytesOneProbeFinds()
    {
        Skip.IfNot(Expect.IsLinux, "the probe runs on Linux (and Windows, not run here); macOS refuses it");
        string note = LowAddressProbing.BytesFound(2L << 30);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{LowAddressProbe.Run().TotalFreeBytes:N0} bytes found in "), note);
    }
}
