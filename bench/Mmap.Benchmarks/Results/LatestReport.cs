using System.Globalization;
using System.Text;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using Mmap.Benchmarks.Support;
using Perfolizer.Helpers;

namespace Mmap.Benchmarks.Results;

/// <summary>
/// Writes bench/results/latest.md from BenchmarkDotNet's summaries: one line per <see cref="Goal"/> with the
/// ratio of the fastest measured iterations, the target and whether it is met, and how it compares with the previous report
/// (<see cref="Agreement"/>), the machine line, then BenchmarkDotNet's own tables. Every figure comes from the
/// summaries and the previous report; nothing is typed in.
/// </summary>
public static class LatestReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The goal table's header and separator rows.</summary>
    public static readonly string[] TableHead =
        ["| # | comparison | measure | ratio | fastest iterations | target | result |" + Agreement.Header, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"];

    /// <param name="previous">The report this one replaces, if any (<see cref="PreviousReport.Read"/>).</param>
    public static string Render(IReadOnlyList<Summary> summaries, IReadOnlyList<Goal> goals, string command, string mode, PreviousReport? previous)
    {
        var lines = goals.Select(goal => (Goal: goal, Subject: Find(summaries, goal.Subject),
            Reference: goal.Reference is null ? null : Find(summaries, goal.Reference))).ToList();
        var text = new StringBuilder();
        text.AppendLine("# Latest benchmark figures").AppendLine();
        text.AppendLine($"- {Agreement.Summary(lines.Select(l => (l.Goal, Figure(l.Goal, l.Subject, l.Reference))), previous)}");
        text.AppendLine($"- Command: `{command}`");
        text.AppendLine($"- Mode: {mode}");
        text.AppendLine($"- Finished: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine($"- Machine: {MachineLine(summaries)}");
        text.AppendLine($"- Cold cache (comparison 4): {PageCache.DropMethod}.");
        text.AppendLine("- Ratios are of each method's fastest measured iteration, from the same run (BenchmarkDotNet `ResultStatistics.Min`; the times shown are those too): " +
            "this VM's hypervisor only ever adds time, to about half the memory-bound iterations, so the fastest is the code's cost (bench/README.md). The last three columns " +
            $"compare each line with the report this one replaced (the first line above); a targeted line that moved more than {Agreement.Tolerance * 100:0}% either way DIFFERS.").AppendLine();

        foreach (string row in TableHead) text.AppendLine(row);
        foreach (var (goal, subject, reference) in lines)
            text.AppendLine(Line(goal, subject, reference, previous));

        text.AppendLine().AppendLine("## BenchmarkDotNet tables").AppendLine();
        foreach (var summary in summaries)
        {
            var log = new AccumulationLogger();
            MarkdownExporter.GitHub.ExportToLog(summary, log);
            text.AppendLine(log.GetLog().Trim()).AppendLine();
        }
        return text.ToString();
    }

    /// <summary>One table row from the measured times (null: not measured), with the previous report's figure if
    /// any. The goal's note, if any, is called only for a measured line.</summary>
    public static string Line(Goal goal, (double Time, long? Bytes)? subject, (double Time, long? Bytes)? reference, PreviousReport? previous = null)
    {
        string head = $"| {goal.Comparison} | {goal.Title} | {goal.Measure} |";
        double? measured = Figure(goal, subject, reference);
        string versus = Agreement.Cells(goal, measured, previous?.FigureOf(goal));
        if (measured is not double figure)
            return $"{head} - | - | {goal.Target.Text} | not measured |{versus}";

        string times = $"{goal.Subject.Method} {Describe(subject!.Value, goal.ShowThroughput)}" +
            (reference is null ? "" : $"; {goal.Reference!.Method} {Describe(reference.Value, goal.ShowThroughput)}") +
            (goal.Note is null ? "" : $"; {goal.Note()}");
        string result = goal.Target.Test is null ? "info" : goal.Target.Test(figure) ? "met" : "MISSED";
        return $"{head} {Shown(goal, figure)} | {times} | {goal.Target.Text} | {result} |{versus}";
    }

    /// <summary>time(Subject) / time(Reference), or time(Subject) in ns for a goal without a reference; null when
    /// a case the goal needs did not run or failed.</summary>
    public static double? Figure(Goal goal, (double Time, long? Bytes)? subject, (double Time, long? Bytes)? reference)
    {
        if (subject is null || (goal.Reference != null && reference is null)) return null;
        return reference is null ? subject.Value.Time : subject.Value.Time / reference.Value.Time;
    }

    /// <summary>A goal's figure as its line prints it: a ratio ("1.19x") or, without a reference, a time.</summary>
    public static string Shown(Goal goal, double figure) => goal.Reference is null ? Time(figure) : figure.ToString("0.00", Invariant) + "x";

    /// <summary>The fastest iteration (ns) of the report matching <paramref name="point"/>, and its FileBytes parameter if any.</summary>
    public static (double Time, long? Bytes)? Find(IReadOnlyList<Summary> summaries, Point point)
    {
        foreach (var summary in summaries)
            foreach (var report in summary.Reports)
            {
                var benchmark = report.BenchmarkCase;
                if (benchmark.Descriptor.Type != point.Benchmarks || benchmark.Descriptor.WorkloadMethod.Name != point.Method)
                    continue;
                if (point.Parameter != null && !Equals(benchmark.Parameters[point.Parameter], point.Value))
                    continue;
                if (report.ResultStatistics is not { } statistics)
                    return null;
                long? bytes = benchmark.Parameters.Items.FirstOrDefault(p => p.Name == "FileBytes")?.Value is long b ? b : null;
                // The fastest iteration: here the hypervisor slows about half the memory-bound ones 3-25x and never speeds one
                // up, so a median swings with how many it hit (Gather: 24 ms at best, a 74 ms median) and the minimum does not.
                return (statistics.Min, bytes);
            }
        return null;
    }

    /// <summary>CPU, OS, runtime, and the kernel's reclaim and THP state (they decide how warm "warm" data stays).</summary>
    public static string MachineLine(IReadOnlyList<Summary> summaries)
    {
        var host = summaries.FirstOrDefault()?.HostEnvironmentInfo;
        if (host is null) return "unknown (no benchmark ran)";
        var cpu = host.Cpu.Value;
        return $"{cpu.ProcessorName}, {cpu.PhysicalCoreCount?.ToString(Invariant) ?? "?"} physical / {cpu.LogicalCoreCount?.ToString(Invariant) ?? "?"} logical cores; " +
            $"{host.Os.Value.ToBrandString()}; {host.RuntimeVersion} ({host.Architecture}); {Environment.ProcessorCount} CPUs visible to the process; " +
            KernelMemoryState.Describe();
    }

    private static string Describe((double Time, long? Bytes) m, bool throughput) =>
        throughput && m.Bytes is long bytes ? $"{Time(m.Time)} ({bytes / m.Time:0.00} GB/s)" : Time(m.Time);

    /// <summary>Nanoseconds in the unit that keeps 3-4 significant digits.</summary>
    public static string Time(double ns) =>
        ns >= 1e9 ? (ns / 1e9).ToString("0.000", Invariant) + " s"
        : ns >= 1e6 ? (ns / 1e6).ToString("0.00", Invariant) + " ms"
        : ns >= 1e3 ? (ns / 1e3).ToString("0.00", Invariant) + " us"
        : ns.ToString("0.0", Invariant) + " ns";
}
