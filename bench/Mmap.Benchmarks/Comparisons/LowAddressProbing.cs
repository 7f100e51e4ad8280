using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Mmap.Benchmarks.Comparisons;

/// <summary>
/// Comparison 7: how long the engine's low-address probe (<see cref="Mmap.LowAddressProbe"/>) takes for the 2 GiB
/// window LuaJIT without GC64 can use, and for 4 GiB. It reserves and frees address space only. Each method returns
/// the bytes found; BenchmarkDotNet keeps no return values, so the report gets them from <see cref="BytesFound"/>.
/// </summary>
public class LowAddressProbing
{
    [Benchmark(Baseline = true)]
    public long Probe2GiB() => LowAddressProbe.Run().TotalFreeBytes;

    [Benchmark]
    public long Probe4GiB() => LowAddressProbe.Run(4L << 30).TotalFreeBytes;

    /// <summary>One probe of the window below <paramref name="limit"/>, in words, for the report's note.</summary>
    public static string BytesFound(long limit)
    {
        var report = LowAddressProbe.Run(limit);
        return string.Create(CultureInfo.InvariantCulture, $"{report.TotalFreeBytes:N0} bytes found in {report.Regions.Count} region(s), largest {report.LargestFreeBlock:N0} (one probe by the host process)");
    }
}
