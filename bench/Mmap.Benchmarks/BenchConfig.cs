using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Mmap.Benchmarks;

/// <summary>The command line this suite understands on top of BenchmarkDotNet's own, and the config it builds.</summary>
public sealed class BenchConfig
{
    /// <summary>A short job: one launch, 3 warm-up and <see cref="QuickIterations"/> measured iterations (BenchmarkDotNet's
    /// ShortRun with more measured iterations, so the fastest one, which the report uses, is one the VM left alone).</summary>
    public bool Quick { get; private init; }

    /// <summary>Overrides the 1 GiB file size of comparisons 2-5 and the 1 GiB stream of comparison 6 (e.g. --file-mib 256 for a faster look).</summary>
    public int? FileMiB { get; private init; }

    /// <summary>The arguments left for BenchmarkDotNet (a missing --filter becomes --filter '*').</summary>
    public string[] BenchmarkDotNetArgs { get; private init; } = [];

    public static BenchConfig Parse(string[] args)
    {
        var rest = new List<string>();
        bool quick = false;
        int? fileMiB = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick") quick = true;
            else if (args[i] == "--file-mib")
            {
                if (i + 1 >= args.Length || !int.TryParse(args[++i], out int mib) || mib <= 0)
                    throw new ArgumentException("--file-mib needs a positive whole number of MiB, e.g. --file-mib 256.");
                fileMiB = mib;
            }
            else rest.Add(args[i]);
        }
        if (!rest.Any(a => a.StartsWith("--filter", StringComparison.Ordinal) || a == "-f" || a.StartsWith("--list", StringComparison.Ordinal)))
            rest.AddRange(["--filter", "*"]);
        return new BenchConfig { Quick = quick, FileMiB = fileMiB, BenchmarkDotNetArgs = [.. rest] };
    }

    /// <summary>One line for bench/results/latest.md saying how much to trust the figures.</summary>
    public string Mode => (Quick
        ? $"quick (1 launch, 3 warm-up + {QuickIterations} measured iterations per method, each method in its own process; ratios of the fastest iterations): expect run-to-run spread on a shared machine"
        : "full (BenchmarkDotNet's default job: iterations until the statistics settle)")
        + (FileMiB is int mib ? $"; files of comparisons 2-5 and the stream of comparison 6 shrunk to {mib} MiB" : "");

    /// <summary>Measured iterations of a quick run. On this VM up to half the memory-bound iterations are 3-25x slower
    /// than the rest (the hypervisor re-making its mappings, see Pages): with 15, at least one of each method is not.</summary>
    public const int QuickIterations = 15;

    public IConfig Build()
    {
        var job = (Quick ? Job.ShortRun.WithIterationCount(QuickIterations).WithId("Quick") : Job.Default.WithId("Full"))
            .WithGcForce(false); // why: Pages
        return DefaultConfig.Instance
            .AddJob(job)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
            .WithOptions(ConfigOptions.DisableLogFile);
    }
}
