using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// A mirror of more copies than vm.max_map_count leaves room for must be refused before it maps any, with the
/// figures and the fix: mapping until the kernel says no takes the process to the limit, where any runtime thread
/// that needs a mapping kills it. In a child process; a mirror of a few hundred copies still works.
/// </summary>
public sealed class FaultMapCountTests
{
    [SkippableFact]
    public void Copies_past_vm_max_map_count_are_refused_before_mapping()
    {
        Skip.IfNot(Expect.IsLinux, "vm.max_map_count is Linux's");
        long max = long.Parse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim());
        Skip.If(max > 1_000_000, "vm.max_map_count is raised too far to reach with one mirror here");
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(120), "hostile-mirror", (max + 10).ToString());
        Assert.True(code == 2, $"exit {code}: {output}");
        Assert.StartsWith("error out_of_mem", output);
        Assert.Contains($"of the {max} that vm.max_map_count allows", output);
        Assert.Contains("Use fewer copies", output);

        var (fine, ok) = Helper.Run(TimeSpan.FromSeconds(60), "hostile-mirror", "500");
        Assert.True(fine == 0, ok);
        Assert.Equal("500", FaultProcess.Value(ok, "ok"));
    }
}
