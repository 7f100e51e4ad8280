using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Tests;

/// <summary>The machine line's DAMON and THP words, read from a fake sysfs tree laid out as this VM's /sys is.</summary>
public class KernelMemoryStateTests
{
    private static void Write(TempDir sys, string file, string text)
    {
        string path = sys.File(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text + "\n");
    }

    /// <summary>A kdamond with one paddr context and one pageout scheme, as this VM runs (values from its /sys).</summary>
    private static void Kdamond(TempDir sys, int index, string state)
    {
        string k = $"kernel/mm/damon/admin/kdamonds/{index}/";
        Write(sys, k + "state", state);
        string c = k + "contexts/0/";
        Write(sys, c + "operations", "paddr");
        Write(sys, c + "monitoring_attrs/intervals/sample_us", "500000");
        Write(sys, c + "monitoring_attrs/intervals/aggr_us", "5000000");
        string s = c + "schemes/0/";
        Write(sys, s + "action", "pageout");
        Write(sys, s + "access_pattern/age/min", "12");
        Write(sys, s + "access_pattern/nr_accesses/min", "0");
        Write(sys, s + "access_pattern/nr_accesses/max", "1");
        Write(sys, s + "quotas/bytes", "134217728");
        Write(sys, s + "quotas/ms", "50");
        Write(sys, s + "quotas/reset_interval_ms", "1000");
        Write(sys, s + "watermarks/metric", "none");
        Write(sys, s + "ops_filters/0/type", "anon");
        Write(sys, s + "ops_filters/0/matching", "Y");
        Write(sys, s + "ops_filters/0/allow", "N");
        Write(sys, s + "ops_filters/1/type", "unmapped");
        Write(sys, s + "ops_filters/1/matching", "Y");
        Write(sys, s + "ops_filters/1/allow", "Y");
    }

    [Fact]
    public void ARunningPageoutSchemeIsDescribedWithItsAgeQuotaFiltersAndIntervals()
    {
        using var sys = new TempDir();
        Kdamond(sys, 0, "on");
        Assert.Equal("DAMON on: pageout of regions idle >= 60 s, quota 128 MiB/s and 50 ms/s, filters: anon rejected, unmapped allowed " +
            "(paddr, sampling 500 ms, aggregation 5 s)", KernelMemoryState.Damon(sys.Path));
    }

    [Fact]
    public void OnlyKdamondsThatAreOnCount()
    {
        using var sys = new TempDir();
        Kdamond(sys, 0, "off");
        Assert.Equal("DAMON: off/not present", KernelMemoryState.Damon(sys.Path));
        Kdamond(sys, 1, "on");
        Assert.StartsWith("DAMON on: pageout of regions idle >= 60 s,", KernelMemoryState.Damon(sys.Path));
    }

    [Fact]
    public void ABusyPatternMissingFilesAndAWatermarkAreSaidAsTheyAre()
    {
        using var sys = new TempDir();
        string s = "kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/";
        Write(sys, "kernel/mm/damon/admin/kdamonds/0/state", "on");
        Write(sys, s + "action", "hugepage");
        Write(sys, s + "access_pattern/nr_accesses/min", "5");
        Write(sys, s + "access_pattern/nr_accesses/max", "20");
        Write(sys, s + "watermarks/metric", "free_mem_rate");
        Write(sys, s + "watermarks/low", "200");
        Write(sys, s + "watermarks/high", "500");
        Write(sys, s + "filters/0/type", "memcg"); // an older kernel's filter: no allow file, so it rejects
        Write(sys, s + "filters/0/matching", "N");
        Assert.Equal("DAMON on: hugepage of regions at 5-20 accesses per aggregation >= ?, no quota, filters: non-memcg rejected, " +
            "active by watermarks on free_mem_rate (low 200, high 500 permil) (?, sampling ?, aggregation ?)", KernelMemoryState.Damon(sys.Path));
    }

    [Fact]
    public void NoDamonFolderIsOffAndNoThpFolderIsNotPresent()
    {
        using var sys = new TempDir();
        Assert.Equal("DAMON: off/not present; THP: not present", KernelMemoryState.Describe(sys.Path));
    }

    [Fact]
    public void ThpGivesTheBracketedChoiceOfEachSetting()
    {
        using var sys = new TempDir();
        Write(sys, "kernel/mm/transparent_hugepage/enabled", "always [madvise] never");
        Write(sys, "kernel/mm/transparent_hugepage/defrag", "always defer defer+madvise [madvise] never");
        Assert.Equal("THP: enabled madvise, defrag madvise, shmem_enabled ?", KernelMemoryState.HugePages(sys.Path));
        Write(sys, "kernel/mm/transparent_hugepage/shmem_enabled", "always within_size advise [never] deny force");
        Assert.EndsWith("shmem_enabled never", KernelMemoryState.HugePages(sys.Path));
    }
}
