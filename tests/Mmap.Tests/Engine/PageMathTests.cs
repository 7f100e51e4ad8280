using Mmap;

namespace Mmap.Tests.Engine;

public class PageMathTests
{
    [Theory]
    [InlineData(0, 4096, 0, 0)]
    [InlineData(1, 4096, 4096, 0)]
    [InlineData(4096, 4096, 4096, 4096)]
    [InlineData(4097, 4096, 8192, 4096)]
    [InlineData(65535, 65536, 65536, 0)]
    [InlineData(6L * 1024 * 1024 * 1024 + 5, 4096, 6L * 1024 * 1024 * 1024 + 4096, 6L * 1024 * 1024 * 1024)]
    public void Aligns_up_and_down(long value, long alignment, long up, long down)
    {
        Assert.Equal(up, PageMath.AlignUp(value, alignment));
        Assert.Equal(down, PageMath.AlignDown(value, alignment));
        Assert.Equal(value == down, PageMath.IsAligned(value, alignment));
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(10, 3000)]
    [InlineData(-1, 4096)]
    public void Rejects_bad_alignment_or_negative_values(long value, long alignment) =>
        Expect.Error(MmapError.InvalidArgument, () => PageMath.AlignUp(value, alignment));

    [Fact]
    public void Align_up_that_would_overflow_is_an_error() =>
        Expect.Error(MmapError.InvalidArgument, () => PageMath.AlignUp(long.MaxValue - 10, 4096));

    [Fact]
    public void Page_info_matches_the_machine()
    {
        var info = PageInfo.Current;
        Assert.Equal(Environment.SystemPageSize, info.PageSize);
        Assert.Equal(OperatingSystem.IsWindows() ? 65536 : Environment.SystemPageSize, info.AllocationGranularity);
        if (Expect.IsLinux)
        {
            string line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("Hugepagesize:")) ?? "Hugepagesize: 0 kB";
            long kb = long.Parse(line.Split(':')[1].Trim().Split(' ')[0]);
            Assert.Equal(kb * 1024, info.LargePageSize);
        }
        // AlignUp and AlignDown round to the allocation granularity (64 KiB on Windows), not to the page.
        long granule = info.AllocationGranularity;
        Assert.Equal(granule * 2, info.AlignUp(granule + 1));
        Assert.Equal(granule, info.AlignDown(granule * 2 - 1));
    }

    [Fact]
    public void Aligns_addresses_to_pages()
    {
        var info = PageInfo.Current;
        var p = new IntPtr(info.PageSize * 10 + 1);
        Assert.Equal(new IntPtr(info.PageSize * 11), info.AlignAddress(p));
        Assert.Equal(new IntPtr(info.PageSize * 10), info.AlignAddress(p, down: true));
    }
}
