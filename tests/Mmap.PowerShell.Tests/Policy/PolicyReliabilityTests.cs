using Mmap;
using Mmap.Commands.Policy;

namespace Mmap.PowerShell.Tests.Policy;

/// <summary>The policy's rows of docs/reliability.md, counted from the theory data, and the policy's share of the
/// planted-link attack (the engine's creators are in tests/Mmap.Tests SecurityTests).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PolicyReliabilityTests
{
    [Fact]
    public void The_reliability_table_counts_the_policy_cases()
    {
        var rows = PolicyBadInputs.All().GroupBy(c => c.Group).Select(g => (g.Key, g.Count())).ToList();
        rows.Add(("Planted dangling link, New-MemoryMap policy", 1));
        ReliabilityTable.AssertRows(rows);
    }

    [SkippableFact]
    public void A_planted_dangling_link_never_creates_its_target_through_New_MemoryMap()
    {
        Skip.IfNot(Expect.IsLinux, "symlink semantics of O_CREAT|O_EXCL");
        using var s = new Sandbox();
        string target = Path.Combine(Path.GetTempPath(), s.Marker + "-planted-target");
        string link = s.File("innocent.bin");
        File.CreateSymbolicLink(link, target);
        var e = Expect.Error(MmapError.NoFile, () =>
            NewMapPlanner.Open(new NewMapParameters { Access = MapAccess.ReadWrite, Size = PageInfo.Current.AllocationGranularity }, link, new ModuleSession("test")));
        Assert.Contains(link, e.Message);
        Assert.False(File.Exists(target), $"New-MemoryMap's planner created {target} through the link");
    }
}
