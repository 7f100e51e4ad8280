using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// docs/reliability.md gives, per group, how many inputs were tried, so releases can be compared. The counts are
/// taken here from the engine's theory data itself (the policy rows are counted in tests/Mmap.PowerShell.Tests): a
/// case added without updating the table (or the reverse) fails.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReliabilityDocsTests
{
    private static int Rows(IEnumerable<object[]> data) => data.Count();

    /// <summary>Each table row's first two cells: the group, and the number of inputs its tests run.</summary>
    public static IReadOnlyList<(string Group, int Count)> Expected()
    {
        var rows = new List<(string, int)>();
        foreach (var g in EngineBadInputs.All().GroupBy(c => c.Group))
            rows.Add((g.Key, g.Count()));
        rows.Add(("Root-proof: no DAC override (setpriv)", Rows(NoPermissionTests.WithoutDacOverride)));
        rows.Add(("Root-proof: read-only tmpfs (unshare -m)", Rows(NoPermissionTests.OnReadOnlyMount)));
        rows.Add(("Root-proof: immutable file (chattr +i)", NoPermissionTests.ImmutableWrites.Length + 2)); // + reading and copy-on-write
        rows.Add(("0600 unless widened, per tag creator", 2 * SecurityTests.Creators.Count + 1)); // + an existing tag keeps its mode
        rows.Add(("Modes outside 0..0777 x tag creators", Rows(SecurityTests.BadModes) * SecurityTests.Creators.Count));
        rows.Add(("Tag escape attempts", Rows(SecurityTests.Escapes)));
        rows.Add(("Planted dangling link x file creators", Rows(SecurityTests.FileCreators)));
        rows.Add(("Link planted in /dev/shm x tag opens", Rows(SecurityTests.PlantedTagLinks)));
        rows.Add(("Protections: kind x access x execute", Rows(SecurityTests.Protections) + 1)); // + a ring asked for Execute
        rows.Add(("Mapped file resized by any name", Rows(SecurityTests.OtherNames) * SecurityTests.ResizeAttempts.Length));
        rows.Add(("Ring header scribbled, segment cut (child)", Rows(HostileRingTests.Scribbles) + Rows(HostileRingTests.Cuts)));
        rows.Add(("Non-file planted in /dev/shm x tag opens (child)", Rows(PlantedTagFileTests.Cases)));
        rows.Add(("procfs file mapped or sized (child)", Rows(PseudoFileTests.Calls)));
        rows.Add(("Tag or memfd resized by its file name", Rows(ResizeMappedMemoryTests.TagKinds) * SecurityTests.ResizeAttempts.Length + 2)); // + the memfd, two ways, in a child
        return rows;
    }

    [Fact]
    public void The_reliability_table_counts_what_the_tests_run() => ReliabilityTable.AssertRows(Expected());
}
