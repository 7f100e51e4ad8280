using System.Reflection;
using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks;
using Mmap.Benchmarks.Results;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Tests;

/// <summary>The summary writer's pieces that do not need a BenchmarkDotNet run. One test switches the process-wide
/// <see cref="BenchSizes.Current"/> to the full run's sizes for a moment, so none of these runs beside the smoke runs.</summary>
[Collection(ProcessWideCollection.Name)]
public class BenchResultsTests
{
    [Fact]
    public void EveryGoalNamesABenchmarkMethodAndAParameterValueTheFullRunMeasures()
    {
        foreach (var goal in Goals.All)
            foreach (var point in new[] { goal.Subject, goal.Reference }.OfType<Point>())
            {
                var method = point.Benchmarks.GetMethod(point.Method);
                Assert.True(method?.GetCustomAttribute<BenchmarkAttribute>() != null, $"{point} is not a [Benchmark] method");
                if (point.Parameter is null) continue;
                var source = point.Benchmarks.GetProperty(point.Parameter)!.GetCustomAttribute<ParamsSourceAttribute>()!;
                BenchSizes.Current = BenchSizes.Full;
                try
                {
                    var values = ((System.Collections.IEnumerable)point.Benchmarks.GetMethod(source.Name)!.Invoke(null, null)!).Cast<object>();
                    Assert.Contains(point.Value, values);
                }
                finally { BenchSizes.Current = BenchSizes.Smoke; }
            }
    }

    [Fact]
    public void AGoalWithoutResultsSaysNotMeasured()
    {
        var line = LatestReport.Line(Goals.All[0], null, null);
        Assert.EndsWith("| not measured | - | - | - |", line);
        Assert.Contains("<= 1.1x", line);
    }

    [Fact]
    public void AMeasuredLineCarriesItsNoteAndAnUnmeasuredOneNeverCallsIt()
    {
        int calls = 0;
        var goal = Goals.All[0] with { Note = () => $"note {++calls}" };
        Assert.EndsWith("| not measured | - | - | - |", LatestReport.Line(goal, null, null));
        Assert.EndsWith("| not measured | - | - | - |", LatestReport.Line(goal, (1e6, null), null));
        Assert.Equal(0, calls);

        string line = LatestReport.Line(goal, (2e6, null), (1e6, null));
        Assert.Contains("| 2.00x |", line);
        Assert.Contains("LibcPInvoke 1.00 ms; note 1 | <= 1.1x | MISSED |", line);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void TheProbeGoalsJudgeTheTimeAndNoteTheBytesFound()
    {
        var probe = Goals.All.Where(g => g.Subject.Benchmarks == typeof(Mmap.Benchmarks.Comparisons.LowAddressProbing)).ToList();
        Assert.Equal([nameof(Mmap.Benchmarks.Comparisons.LowAddressProbing.Probe2GiB), nameof(Mmap.Benchmarks.Comparisons.LowAddressProbing.Probe4GiB)],
            probe.Select(g => g.Subject.Method));
        Assert.All(probe, g => Assert.NotNull(g.Note));
        var line = LatestReport.Line(probe[0] with { Note = () => "12 bytes found" }, (3e6, null), null);
        Assert.Equal("| 7 | low-address probe, 2 GiB window | probe time | 3.00 ms | Probe2GiB 3.00 ms; 12 bytes found | < 5 ms | met | - | - | - |", line);
        Assert.EndsWith("| MISSED | - | - | - |", LatestReport.Line(probe[0] with { Note = () => "" }, (5e6, null), null));
    }

    [Fact]
    public void OnlyARunOfEveryClassReplacesLatestMdAFilteredOneWritesPartialMdWithItsOwnLines()
    {
        var every = Goals.All.SelectMany(g => new[] { g.Subject, g.Reference }).OfType<Point>().Select(p => p.Benchmarks).Distinct().ToList();
        var full = ReportPlan.For(every, Goals.All);
        Assert.Equal(ReportPlan.Latest, full.FileName);
        Assert.Same(Goals.All, full.Goals);
        Assert.Null(full.PartialNote);

        var ring = typeof(Mmap.Benchmarks.Comparisons.MirroredRing);
        var probe = typeof(Mmap.Benchmarks.Comparisons.LowAddressProbing);
        var partial = ReportPlan.For([ring, probe], Goals.All);
        Assert.Equal(ReportPlan.Partial, partial.FileName);
        Assert.Equal([6, 6, 7, 7], partial.Goals.Select(g => g.Comparison));
        Assert.Contains("OpenMapClose", partial.PartialNote);
        Assert.DoesNotContain("MirroredRing", partial.PartialNote);

        // One class short of everything is still partial.
        Assert.Equal(ReportPlan.Partial, ReportPlan.For(every.Where(t => t != ring), Goals.All).FileName);
        // The partial file is never committed by accident.
        Assert.Contains(ReportPlan.Partial, File.ReadAllLines(Path.Combine(RepoRoot.Find(), "bench", "results", ".gitignore")));
    }

    [Theory]
    [InlineData(1.3, 1.3, true)]
    [InlineData(1.31, 1.3, false)]
    public void AtMostIsInclusive(double ratio, double bound, bool met) => Assert.Equal(met, Target.AtMost(bound).Test!(ratio));

    [Theory]
    [InlineData(2.0, 2.0, true)]
    [InlineData(1.99, 2.0, false)]
    public void AtLeastIsInclusive(double ratio, double bound, bool met) => Assert.Equal(met, Target.AtLeast(bound).Test!(ratio));

    [Fact]
    public void UnderComparesNanosecondsWithMilliseconds()
    {
        Assert.True(Target.Under(TimeSpan.FromMilliseconds(50)).Test!(49.9e6));
        Assert.False(Target.Under(TimeSpan.FromMilliseconds(50)).Test!(50e6));
    }

    [Theory]
    [InlineData(812.34, "812.3 ns")]
    [InlineData(8_120, "8.12 us")]
    [InlineData(151_000_000, "151.00 ms")]
    [InlineData(2_500_000_000, "2.500 s")]
    public void TimesUseAReadableUnit(double ns, string text) => Assert.Equal(text, LatestReport.Time(ns));

    [Fact]
    public void QuickAndSizeOptionsAreTakenOutAndAFilterIsAdded()
    {
        var config = BenchConfig.Parse(["--quick", "--file-mib", "256"]);
        Assert.True(config.Quick);
        Assert.Equal(256, config.FileMiB);
        Assert.Equal(["--filter", "*"], config.BenchmarkDotNetArgs);
        Assert.Equal(["--filter", "*Random*"], BenchConfig.Parse(["--filter", "*Random*"]).BenchmarkDotNetArgs);
        Assert.Throws<ArgumentException>(() => BenchConfig.Parse(["--file-mib", "0"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NoJobForcesACollectionBetweenTheWarmUpAndTheMeasurement(bool quick)
    {
        // BenchmarkDotNet's forced GC runs after [IterationSetup]; here it undid the warm-up (Pages).
        var config = BenchConfig.Parse(quick ? ["--quick"] : []).Build();
        var job = Assert.Single(config.GetJobs());
        Assert.False(job.Environment.Gc.Force);
    }
}
