namespace Mmap.Tests;

/// <summary>The table of docs/reliability.md, whose rows give per group how many inputs the tests try.</summary>
public static class ReliabilityTable
{
    /// <summary>Fails naming every (group, count) row the document lacks or counts otherwise.</summary>
    public static void AssertRows(IEnumerable<(string Group, int Count)> rows)
    {
        string doc = File.ReadAllText(RepoFiles.Path("docs", "reliability.md"));
        var missing = rows.Where(r => !doc.Contains($"| {r.Group} | {r.Count} |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0,
            "docs/reliability.md lacks these rows (group | inputs), or gives other counts:\n" + string.Join("\n", missing.Select(r => $"| {r.Group} | {r.Count} |")));
    }
}
