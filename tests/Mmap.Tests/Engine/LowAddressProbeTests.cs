using System.Runtime.InteropServices;
using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>The probe must find what /proc/self/maps says is free and leave the address space as it was.
/// Process-wide: other tests' maps would change both figures mid-test.</summary>
[Collection(ProcessWideCollection.Name)]
public class LowAddressProbeTests
{
    private const long GiB = 1L << 30, MiB = 1L << 20;

    [SkippableFact]
    public void The_probe_finds_at_least_99_percent_of_the_free_space_below_2_GiB()
    {
        Skip.IfNot(Expect.IsLinux, "compares with /proc/self/maps");
        long expected = LowAddressFacts.FreeBytesBelow(LowAddressFacts.TwoGiB);
        var report = LowAddressProbe.Run();

        Assert.Equal(2 * GiB, report.Limit);
        Assert.InRange(report.TotalFreeBytes, expected * 99 / 100, expected);
        Assert.Equal(report.Regions.Sum(r => r.Size), report.TotalFreeBytes);
        Assert.Equal(report.Regions.Max(r => r.Size), report.LargestFreeBlock);
        Assert.All(report.Regions, r => Assert.InRange(r.End, r.Start + 1, LowAddressFacts.TwoGiB));
        Assert.Null(report.RequestedSize);
        Assert.Null(report.Fits);
    }

    [SkippableFact]
    public void The_MAP_32BIT_figure_is_measured_apart_and_is_about_1_GiB()
    {
        Skip.IfNot(Expect.IsLinux && RuntimeInformation.ProcessArchitecture == Architecture.X64, "MAP_32BIT exists on Linux x86-64 only");
        var report = LowAddressProbe.Run();
        // The kernel's MAP_32BIT window is [1 GiB, 2 GiB), its start randomized by up to 32 MiB.
        Assert.NotNull(report.Map32BitBytes);
        Assert.InRange(report.Map32BitBytes!.Value, 1 * GiB - 64 * MiB, 1 * GiB);
        Assert.True(report.TotalFreeBytes > report.Map32BitBytes + 512 * MiB,
            $"gap probing ({report.TotalFreeBytes}) should beat MAP_32BIT alone ({report.Map32BitBytes}) below 2 GiB");
        Assert.Contains("MAP_32BIT alone", report.ToString());
    }

    [SkippableFact]
    public void The_address_space_is_byte_identical_before_and_after()
    {
        Skip.IfNot(Expect.IsLinux, "reads /proc/self/maps");
        long freeAtStart = LowAddressFacts.FreeBytesBelow(LowAddressFacts.FourGiB);
        // Warm up, so the JIT compiles the probe outside the measured window; with a small limit, so a leak here
        // could not swallow the whole window and hide the leaks of the measured probes.
        LowAddressProbe.Run(1 * MiB, 4096);
        GC.Collect();
        GC.WaitForPendingFinalizers(); // earlier tests' forgotten maps are unmapped now, not mid-comparison
        // The runtime changes the address space on its own threads at any moment: the managed heap commits memory
        // (a no-GC region commits its budget up front instead), the JIT's code heap grows (the "doublemapper" lines
        // are left out) and tiered compilation commits stub pages. So up to five tries, each of which must match byte
        // for byte: a probe that leaked or moved anything would differ in every try, as each one probes again.
        var differences = new List<string>();
        for (int attempt = 0; attempt < 5; attempt++)
        {
            string before, after;
            Assert.True(GC.TryStartNoGCRegion(16 * MiB), "could not start a no-GC region");
            try
            {
                before = string.Join("\n", ProcSelf.MapsOutsideJit());
                LowAddressProbe.Run(4L * GiB, 1 * MiB);
                after = string.Join("\n", ProcSelf.MapsOutsideJit());
            }
            finally
            {
                if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
            }
            if (before == after)
            {
                Assert.Equal(freeAtStart, LowAddressFacts.FreeBytesBelow(LowAddressFacts.FourGiB));
                return;
            }
            var gone = before.Split('\n').Except(after.Split('\n'));
            var added = after.Split('\n').Except(before.Split('\n'));
            differences.Add($"try {attempt + 1}: gone [{string.Join("; ", gone)}] added [{string.Join("; ", added)}]");
            Thread.Sleep(200); // let the runtime's background work settle
        }
        Assert.Fail("/proc/self/maps changed across every probe:\n" + string.Join("\n", differences));
    }

    [SkippableFact]
    public void A_map_placed_low_is_missing_from_the_next_probe()
    {
        Skip.IfNot(Expect.IsLinux, "Low placement needs Linux (macOS keeps the first 4 GiB unmapped)");
        long before = LowAddressProbe.Run().TotalFreeBytes;
        using (var map = MemoryMap.MapAnonymous(256 * MiB, new MapOptions { Placement = MapPlacement.Low }))
            Assert.Equal(before - 256 * MiB, LowAddressProbe.Run().TotalFreeBytes);
        Assert.Equal(before, LowAddressProbe.Run().TotalFreeBytes);
    }

    [SkippableFact]
    public void A_size_is_judged_against_the_largest_block()
    {
        Skip.IfNot(Expect.IsLinux, "Linux probe");
        var fits = LowAddressProbe.Run(size: 1 * MiB);
        Assert.Equal(1 * MiB, fits.RequestedSize);
        Assert.True(fits.Fits);
        Assert.Contains("1 MiB fits", fits.ToString());
        var tooBig = LowAddressProbe.Run(size: 2 * GiB); // the first 64 KiB are never mappable
        Assert.False(tooBig.Fits);
        Assert.Contains("2 GiB does not fit", tooBig.ToString());
    }

    [SkippableFact]
    public void A_4_GiB_limit_finds_at_least_what_2_GiB_finds()
    {
        Skip.IfNot(Expect.IsLinux, "Linux probe");
        var low = LowAddressProbe.Run();
        var low32 = LowAddressProbe.Run(4L * GiB);
        Assert.InRange(low32.TotalFreeBytes, low.TotalFreeBytes, 4L * GiB);
        Assert.InRange(low32.TotalFreeBytes, LowAddressFacts.FreeBytesBelow(LowAddressFacts.FourGiB) * 99 / 100, 4L * GiB);
        Assert.All(low32.Regions, r => Assert.InRange(r.End, r.Start + 1, LowAddressFacts.FourGiB));
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(-1L, null)]
    [InlineData(2L << 30, 0L)]
    [InlineData(2L << 30, -4096L)]
    public void Bad_limits_and_sizes_are_invalid_arguments(long limit, long? size) =>
        Expect.Error(MmapError.InvalidArgument, () => LowAddressProbe.Run(limit, size));
}
