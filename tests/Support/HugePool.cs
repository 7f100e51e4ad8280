using System;
using System.IO;

namespace Mmap.Tests;

/// <summary>The machine's 2 MiB hugetlb pool set to a size for one test and put back after (root only: skips otherwise).</summary>
public sealed class HugePool : IDisposable
{
    private const string Path = "/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages";
    private readonly long _before;

    private HugePool(long before) => _before = before;

    public static long Current => long.Parse(File.ReadAllText(Path).Trim());

    public static HugePool Set(long pages)
    {
        Skip.IfNot(Expect.IsLinux && File.Exists(Path), "needs a 2 MiB hugetlb pool (Linux)");
        var pool = new HugePool(Current);
        try { File.WriteAllText(Path, pages.ToString()); }
        catch (UnauthorizedAccessException) { Skip.If(true, "resizing the hugetlb pool needs root"); }
        long got = Current;
        if (got == pages) return pool;
        pool.Dispose();
        Skip.If(true, $"the kernel set the pool to {got} pages, not {pages} (no free 2 MiB blocks)");
        return pool;
    }

    public void Dispose() => File.WriteAllText(Path, _before.ToString());
}
