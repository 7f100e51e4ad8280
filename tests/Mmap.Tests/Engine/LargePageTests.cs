using Mmap;
using Mmap.Platform;

namespace Mmap.Tests.Engine;

/// <summary>PageInfo.LargePages: the hugetlb pools read from sysfs (a made-up tree for the parsing, the real one for the
/// counts, which root can change), never guessed.</summary>
[Collection(ProcessWideCollection.Name)] // resizes the machine's 2 MiB pool for a moment
public sealed class LargePageTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Pools_are_read_per_size_smallest_first_and_unreadable_entries_are_left_out()
    {
        Pool("hugepages-1048576kB", "1\n", "0\n");
        Pool("hugepages-2048kB", "5\n", "4\n");
        File.WriteAllText(Path.Combine(_dir.Path, "hugepages-2048kB", "resv_hugepages"), "1\n"); // promised to a map: not for a new one
        Pool("hugepages-64kB", "many\n", "3\n"); // a count that is not a number
        Pool("hugepages-xkB", "1\n", "1\n");     // a size that is not a number
        Directory.CreateDirectory(Path.Combine(_dir.Path, "hugepages-32768kB")); // no count files
        var pools = LinuxHugePages.Read(_dir.Path);
        Assert.Equal(new[] { 2L << 20, 1L << 30 }, pools.Select(p => p.Size));
        Assert.Equal((5L, 3L), (pools[0].Reserved!.Value, pools[0].Free!.Value));
        Assert.Equal((1L, 0L), (pools[1].Reserved!.Value, pools[1].Free!.Value));
        Assert.Equal("2 MiB: 3 of 5 free", pools[0].ToString());
    }

    [Fact]
    public void No_hugetlb_directory_is_no_pools() => Assert.Empty(LinuxHugePages.Read(Path.Combine(_dir.Path, "absent")));

    [SkippableFact]
    public void The_real_pool_counts_follow_what_root_reserves()
    {
        Skip.IfNot(Expect.IsLinux, "hugetlb pools are Linux's");
        string nr = Path.Combine(LinuxHugePages.Root, "hugepages-2048kB", "nr_hugepages");
        Skip.IfNot(File.Exists(nr), "this kernel has no 2 MiB hugetlb pool");
        string before = File.ReadAllText(nr).Trim();
        try
        {
            try { File.WriteAllText(nr, (long.Parse(before) + 2).ToString()); }
            catch (UnauthorizedAccessException) { Skip.If(true, "reserving huge pages needs root"); }
            long now = long.Parse(File.ReadAllText(nr).Trim()); // the kernel may find fewer free 2 MiB blocks than asked
            var pool = Assert.Single(PageInfo.Current.LargePages, p => p.Size == 2L << 20);
            Assert.Equal(now, pool.Reserved);
            Assert.InRange(pool.Free!.Value, 0, now);
            Assert.Equal(2L << 20, PageInfo.Current.LargePageSize);
        }
        finally { File.WriteAllText(nr, before); }
    }

    private void Pool(string name, string reserved, string free)
    {
        string directory = Directory.CreateDirectory(Path.Combine(_dir.Path, name)).FullName;
        File.WriteAllText(Path.Combine(directory, "nr_hugepages"), reserved);
        File.WriteAllText(Path.Combine(directory, "free_hugepages"), free);
    }
}
