using System.Reflection;
using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks;
using Mmap.Benchmarks.Results;
using Mmap.Benchmarks.Support;

namespace MmapModule.Tests.Bench;

/// <summary>The summary writer's pieces that do not need a BenchmarkDotNet run.</summary>
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
        var line = LatestReport.Line(Goals.All[0], []);
        Assert.EndsWith("not measured |", line);
        Assert.Contains("<= 1.3x", line);
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
}
