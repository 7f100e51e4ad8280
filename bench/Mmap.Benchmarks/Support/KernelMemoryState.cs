using System.Globalization;

namespace Mmap.Benchmarks.Support;

/// <summary>
/// The kernel's proactive reclaim (DAMON) and transparent huge page settings, in words for the report's machine line:
/// DAMON can page out memory a benchmark warmed, and THP changes fault and page-table costs, so a reader of the figures
/// needs both. Read from sysfs defensively: a missing or unreadable file is reported as such, never thrown.
/// </summary>
public static class KernelMemoryState
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>This machine's state ("n/a" off Linux, which has neither sysfs file).</summary>
    public static string Describe() => OperatingSystem.IsLinux() ? Describe("/sys") : "DAMON: n/a; THP: n/a (not Linux)";

    /// <param name="sys">The sysfs root: /sys, or a fake tree in the tests.</param>
    public static string Describe(string sys) => $"{Damon(sys)}; {HugePages(sys)}";

    /// <summary>Each running kdamond's contexts: their schemes (action, access pattern, quota, filters) and intervals.</summary>
    public static string Damon(string sys)
    {
        var running = Numbered(Path.Combine(sys, "kernel", "mm", "damon", "admin", "kdamonds"))
            .Where(kdamond => Read(kdamond, "state") == "on").ToList();
        if (running.Count == 0) return "DAMON: off/not present";
        var contexts = running.SelectMany(kdamond => Numbered(Path.Combine(kdamond, "contexts"))).Select(Context);
        return "DAMON on: " + string.Join("; ", contexts);
    }

    /// <summary>The bracketed (chosen) value of each THP setting.</summary>
    public static string HugePages(string sys)
    {
        string folder = Path.Combine(sys, "kernel", "mm", "transparent_hugepage");
        if (!Directory.Exists(folder)) return "THP: not present";
        return "THP: " + string.Join(", ", new[] { "enabled", "defrag", "shmem_enabled" }.Select(name => $"{name} {Chosen(Read(folder, name))}"));
    }

    private static string Chosen(string? choices)
    {
        if (choices is null) return "?";
        int open = choices.IndexOf('['), close = choices.IndexOf(']');
        return open >= 0 && close > open ? choices[(open + 1)..close] : choices;
    }

    private static string Context(string context)
    {
        string intervals = Path.Combine(context, "monitoring_attrs", "intervals");
        long? sampleUs = Number(intervals, "sample_us"), aggregationUs = Number(intervals, "aggr_us");
        var schemes = Numbered(Path.Combine(context, "schemes")).Select(s => Scheme(s, aggregationUs)).ToList();
        string what = schemes.Count == 0 ? "monitoring only (no scheme)" : string.Join("; ", schemes);
        return $"{what} ({Read(context, "operations") ?? "?"}, sampling {Micros(sampleUs)}, aggregation {Micros(aggregationUs)})";
    }

    private static string Scheme(string scheme, long? aggregationUs)
    {
        string pattern = Path.Combine(scheme, "access_pattern");
        long? minAccesses = Number(pattern, "nr_accesses/min"), maxAccesses = Number(pattern, "nr_accesses/max");
        long? minAge = Number(pattern, "age/min");
        // DAMON counts a region's age in aggregation intervals; a region seen in at most one sample per interval is
        // as good as untouched, so this line calls it idle.
        string regions = minAccesses == 0 && maxAccesses <= 1 ? "idle" : $"at {Text(minAccesses)}-{Text(maxAccesses)} accesses per aggregation";
        string age = Micros(minAge * aggregationUs);
        var parts = new List<string> { $"{Read(scheme, "action") ?? "?"} of regions {regions} >= {age}", Quota(Path.Combine(scheme, "quotas")) };
        var filters = new[] { "filters", "core_filters", "ops_filters" }.SelectMany(f => Numbered(Path.Combine(scheme, f))).Select(Filter).ToList();
        if (filters.Count > 0) parts.Add("filters: " + string.Join(", ", filters));
        string? metric = Read(scheme, "watermarks/metric");
        if (metric is not null and not "none")
            parts.Add($"active by watermarks on {metric} (low {Read(scheme, "watermarks/low")}, high {Read(scheme, "watermarks/high")} permil)");
        return string.Join(", ", parts);
    }

    /// <summary>The size and time quotas, both scaled to one second (each is per reset_interval_ms).</summary>
    private static string Quota(string quotas)
    {
        long? bytes = Number(quotas, "bytes"), ms = Number(quotas, "ms"), reset = Number(quotas, "reset_interval_ms");
        if (bytes is not > 0 && ms is not > 0) return "no quota";
        if (reset is not > 0) return $"quota {Text(bytes)} bytes and {Text(ms)} ms (reset interval {Text(reset)} ms)";
        var limits = new List<string>();
        if (bytes > 0) limits.Add((bytes.Value * 1000.0 / reset.Value / (1 << 20)).ToString("0.#", Invariant) + " MiB/s");
        if (ms > 0) limits.Add((ms.Value * 1000.0 / reset.Value).ToString("0.#", Invariant) + " ms/s");
        return "quota " + string.Join(" and ", limits);
    }

    /// <summary>Newer kernels say per filter whether matching pages are allowed; older filters only reject.</summary>
    private static string Filter(string filter) =>
        $"{(Read(filter, "matching") == "N" ? "non-" : "")}{Read(filter, "type") ?? "?"} {(Read(filter, "allow") == "Y" ? "allowed" : "rejected")}";

    private static string Text(long? number) => number?.ToString(Invariant) ?? "?";

    private static string Micros(long? us) => us switch
    {
        null => "?",
        >= 1_000_000 => (us.Value / 1e6).ToString("0.##", Invariant) + " s",
        >= 1_000 => (us.Value / 1e3).ToString("0.##", Invariant) + " ms",
        _ => us.Value.ToString(Invariant) + " us",
    };

    /// <summary>The subfolders named 0, 1, 2, ... in order (none if the folder is missing).</summary>
    private static IEnumerable<string> Numbered(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        return Directory.GetDirectories(folder)
            .Select(d => (Path: d, Index: int.TryParse(Path.GetFileName(d), NumberStyles.None, Invariant, out int i) ? i : -1))
            .Where(d => d.Index >= 0).OrderBy(d => d.Index).Select(d => d.Path);
    }

    private static long? Number(string folder, string file) =>
        long.TryParse(Read(folder, file), NumberStyles.None, Invariant, out long value) ? value : null;

    private static string? Read(string folder, string file)
    {
        try { return File.ReadAllText(Path.Combine(folder, file)).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
