namespace Mmap.Benchmarks.Results;

/// <summary>
/// Where a run's summary goes and which goal lines it has. Only a run that measured every comparison class the goals
/// name replaces bench/results/latest.md; a filtered run (e.g. --filter '*MirroredRing*') writes partial.md instead,
/// with the lines of the classes it ran, so the committed full figures are never overwritten by a few.
/// </summary>
public sealed record ReportPlan(string FileName, IReadOnlyList<Goal> Goals, string? PartialNote)
{
    /// <summary>The full run's summary, committed.</summary>
    public const string Latest = "latest.md";

    /// <summary>A filtered run's summary (git-ignored).</summary>
    public const string Partial = "partial.md";

    /// <param name="ran">The benchmark classes that ran (failed ones included: their lines say so).</param>
    /// <param name="goals">Every goal line, <see cref="Results.Goals.All"/> in the real run.</param>
    public static ReportPlan For(IEnumerable<Type> ran, IReadOnlyList<Goal> goals)
    {
        var ranSet = ran.ToHashSet();
        var missing = goals.SelectMany(g => new[] { g.Subject, g.Reference }).OfType<Point>()
            .Select(p => p.Benchmarks).Distinct().Where(t => !ranSet.Contains(t)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0) return new(Latest, goals, null);
        var measured = goals.Where(g => ranSet.Contains(g.Subject.Benchmarks) && (g.Reference is null || ranSet.Contains(g.Reference.Benchmarks))).ToList();
        return new(Partial, measured, $"partial run: {string.Join(", ", missing)} did not run, so this is not bench/results/{Latest}");
    }
}
