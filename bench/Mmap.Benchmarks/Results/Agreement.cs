using System.Globalization;

namespace Mmap.Benchmarks.Results;

/// <summary>
/// How a line's figure compares with the previous run's at the same path: the change new / previous for every line
/// and, for a line with a target, whether it stayed within <see cref="Tolerance"/> either way. Quick runs on a shared
/// machine spread by tens of percent; a targeted ratio that moves further than that is not yet a figure to quote.
/// </summary>
public static class Agreement
{
    public const double Tolerance = 0.2;

    /// <summary>The extra header cells of the goal table.</summary>
    public const string Header = " previous | new / previous | vs previous |";

    public static bool Agrees(double change) => Math.Abs(change - 1) <= Tolerance;

    /// <summary>new / previous, when both runs measured the line.</summary>
    public static double? Change(double? figure, double? previous) => figure / (previous is > 0 ? previous : null);

    /// <summary>The previous figure, the change and the verdict ("-" where there is none), as table cells.</summary>
    public static string Cells(Goal goal, double? figure, double? previous)
    {
        string shown = previous is double before ? LatestReport.Shown(goal, before) : "-";
        if (Change(figure, previous) is not double change) return $" {shown} | - | - |";
        string verdict = goal.Target.Test is null ? "-" : Agrees(change) ? "agrees" : $"DIFFERS >{Tolerance * 100:0}%";
        return $" {shown} | {change.ToString("0.00", CultureInfo.InvariantCulture)} | {verdict} |";
    }

    /// <summary>The report's top line: how many targeted lines both runs measured and how many of them agree.</summary>
    public static string Summary(IEnumerable<(Goal Goal, double? Figure)> lines, PreviousReport? previous)
    {
        if (previous is null) return "Agreement with the previous run: nothing to compare (no earlier report at this path)";
        var verdicts = lines.Where(l => l.Goal.Target.Test != null).Select(l => Change(l.Figure, previous.FigureOf(l.Goal)))
            .OfType<double>().Select(Agrees).ToList();
        return $"Agreement with the previous run (finished {previous.Finished ?? "?"}, `{previous.Command ?? "?"}`): " +
            $"{verdicts.Count(a => a)} of {verdicts.Count} targeted ratios within {Tolerance * 100:0}%";
    }
}
