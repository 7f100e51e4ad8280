using Mmap.Benchmarks.Comparisons;
using Mmap.Benchmarks.Results;

namespace Mmap.Benchmarks.Tests;

/// <summary>Reading the report a run replaces, and the agreement columns and summary line built from it.</summary>
public class PreviousRunTests
{
    private static readonly Goal Targeted = Goals.All[0]; // Mmap / libc, <= 1.1x
    private static readonly Goal Untargeted = Goals.All.First(g => g.Target.Test is null && g.Reference != null);
    private static readonly Goal Probe = Goals.All.First(g => g.Subject.Method == nameof(LowAddressProbing.Probe2GiB)) with { Note = null };

    [Fact]
    public void AReportReadsBackTheFiguresItsOwnLinesPrintAndItsFinishedTimeAndCommand()
    {
        string report = string.Join('\n', [
            "# Latest benchmark figures", "", "- Command: `dotnet run -c Release --project bench/Mmap.Benchmarks -- --quick`",
            "- Finished: 2026-12-01 10:00 UTC", "", .. LatestReport.TableHead,
            LatestReport.Line(Targeted, (1.19e3, null), (1e3, null)),
            LatestReport.Line(Probe, (835_920, null), null),
            LatestReport.Line(Goals.All[1], null, null),
            "", "## BenchmarkDotNet tables", "", "| # | comparison | measure | ratio |", "| 1 | x | y | 9.00x |"]);
        var previous = PreviousReport.Parse(report);
        Assert.Equal("2026-12-01 10:00 UTC", previous.Finished);
        Assert.Equal("dotnet run -c Release --project bench/Mmap.Benchmarks -- --quick", previous.Command);
        Assert.Equal(1.19, previous.FigureOf(Targeted));
        Assert.Equal(835_920, previous.FigureOf(Probe)!.Value, 1e-6);
        Assert.Null(previous.FigureOf(Goals.All[1])); // not measured then
        Assert.Equal(3, previous.Figures.Count); // a later table with the same columns is read too, harmlessly
    }

    [Fact]
    public void AnOlderReportWithoutTheNewColumnsReadsAndItsRetiredGoalsMatchNothing()
    {
        string report = string.Join("\r\n", [
            "- Command: `dotnet run -c Release --project bench/Mmap.Benchmarks -- --quick`", "- Finished: 2026-11-22 04:47 UTC", "",
            "| # | comparison | measure | ratio | means | target | result |", "| --- | --- | --- | --- | --- | --- | --- |",
            "| 1 | open+map+touch+unmap+close, 4 KiB file | Mmap (safe Read) time / libc time | 1.19x | MmapSafeRead 26.31 us; LibcPInvoke 22.19 us | <= 1.3x | met |",
            "| 3 | random 8-byte reads, CheckFileSize off | Mmap `Read<long>` time / raw pointer time | 15.16x | MmapReadUnchecked 563.43 ms | <= 1.5x | MISSED |",
            "| 7 | low-address probe, 2 GiB window | probe time | 835.92 us | Probe2GiB 835.92 us | < 50 ms | met |",
            "| 8 | cut short |"]);
        var previous = PreviousReport.Parse(report);
        Assert.Equal("2026-11-22 04:47 UTC", previous.Finished);
        Assert.Equal(1.19, previous.FigureOf(Targeted));
        Assert.Equal(835_920, previous.FigureOf(Probe)!.Value, 1e-6);
        var renamed = Goals.All.Single(g => g.Title == "random 8-byte reads, SizeCheck off" && g.Measure.StartsWith("Mmap", StringComparison.Ordinal));
        Assert.Null(previous.FigureOf(renamed));
        Assert.Equal(3, previous.Figures.Count);
    }

    [Fact]
    public void NoFileMeansNothingToCompareAndAFileWithoutATableComparesNoLine()
    {
        using var dir = new TempDir();
        Assert.Null(PreviousReport.Read(dir.File("latest.md")));
        Assert.StartsWith("Agreement with the previous run: nothing to compare", Agreement.Summary([(Targeted, 1.0)], null));

        File.WriteAllText(dir.File("latest.md"), "not a report\n| a | b |\n");
        var empty = PreviousReport.Read(dir.File("latest.md"))!;
        Assert.Empty(empty.Figures);
        Assert.Equal("Agreement with the previous run (finished ?, `?`): 0 of 0 targeted ratios within 20%", Agreement.Summary([(Targeted, 1.0)], empty));
    }

    [Theory]
    [InlineData(1.20, " 1.00x | 1.20 | agrees |")]
    [InlineData(1.21, " 1.00x | 1.21 | DIFFERS >20% |")]
    [InlineData(0.80, " 1.00x | 0.80 | agrees |")]
    [InlineData(0.79, " 1.00x | 0.79 | DIFFERS >20% |")]
    public void ATargetedLineAgreesWithin20PercentEitherWay(double now, string cells) => Assert.Equal(cells, Agreement.Cells(Targeted, now, 1.0));

    [Fact]
    public void AnUntargetedLineShowsTheChangeButNoVerdictAndAMissingFigureShowsNoChange()
    {
        Assert.Equal(" 2.00x | 1.50 | - |", Agreement.Cells(Untargeted, 3.0, 2.0));
        Assert.Equal(" - | - | - |", Agreement.Cells(Targeted, 1.0, null));
        Assert.Equal(" 2.00x | - | - |", Agreement.Cells(Targeted, null, 2.0));
        Assert.Equal(" 3.00 ms | 1.67 | DIFFERS >20% |", Agreement.Cells(Probe, 5e6, 3e6));
    }

    [Fact]
    public void TheSummaryCountsTargetedLinesBothRunsMeasured()
    {
        var other = Goals.All.First(g => g != Targeted && g.Target.Test != null && g.Reference != null);
        var unmeasuredBefore = Goals.All.Last(g => g.Target.Test != null && g.Reference != null);
        var previous = new PreviousReport("2026-12-01 10:00 UTC", "dotnet run -- --quick", new Dictionary<(string, string, string), double>
        {
            [Key(Targeted)] = 1.0, [Key(other)] = 1.0, [Key(Untargeted)] = 1.0, [Key(Probe)] = 1e6,
        });
        var lines = new (Goal, double?)[] { (Targeted, 1.1), (other, 1.5), (Untargeted, 3.0), (unmeasuredBefore, 1.0), (Probe, null) };
        Assert.Equal("Agreement with the previous run (finished 2026-12-01 10:00 UTC, `dotnet run -- --quick`): 1 of 2 targeted ratios within 20%",
            Agreement.Summary(lines, previous));
    }

    [Fact]
    public void EveryGoalLineHasItsOwnKeySoThePreviousFigureIsNeverAnotherLines()
    {
        var keys = Goals.All.Select(Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Theory]
    [InlineData(812.34)]
    [InlineData(8_120)]
    [InlineData(151_000_000)]
    [InlineData(2_500_000_000)]
    public void APrintedTimeParsesBackToNanoseconds(double ns) =>
        Assert.Equal(ns, PreviousReport.ParseFigure(LatestReport.Time(ns))!.Value, ns * 1e-3);

    [Theory]
    [InlineData("1.19x", 1.19)]
    [InlineData("835.92 μs", 835_920.0)]
    [InlineData("-", null)]
    [InlineData("met", null)]
    [InlineData("12 parsecs", null)]
    public void AFigureCellParsesToARatioOrATime(string cell, double? figure) => Assert.Equal(figure, PreviousReport.ParseFigure(cell));

    private static (string, string, string) Key(Goal goal) => (goal.Comparison.ToString(System.Globalization.CultureInfo.InvariantCulture), goal.Title, goal.Measure);
}
