namespace Mmap.Benchmarks.Results;

/// <summary>One measured case: a benchmark method, optionally at one value of one [Params] property.</summary>
public sealed record Point(Type Benchmarks, string Method, string? Parameter = null, object? Value = null)
{
    public override string ToString() => Parameter is null ? Method : $"{Method} ({Parameter}={Value})";
}

/// <summary>What a ratio (or, with no reference, a time in nanoseconds) must satisfy.</summary>
public sealed record Target(string Text, Func<double, bool>? Test)
{
    public static Target AtMost(double ratio) => new($"<= {ratio:0.##}x", r => r <= ratio);

    /// <summary>Strictly below: "faster than" the reference is a ratio under 1.</summary>
    public static Target Below(double ratio) => new($"< {ratio:0.##}x", r => r < ratio);

    public static Target AtLeast(double ratio) => new($">= {ratio:0.##}x", r => r >= ratio);

    public static Target Under(TimeSpan time) => new($"< {time.TotalMilliseconds:0.##} ms", ns => ns < time.TotalMilliseconds * 1e6);

    /// <summary>No target given: the figure is reported, not judged.</summary>
    public static readonly Target None = new("none (reported)", null);
}

/// <summary>
/// One line of bench/results/latest.md. The figure is mean(Subject) / mean(Reference) from the same run, or
/// mean(Subject) itself when there is no reference. Phrase each line so that the figure reads as the target does
/// ("Mmap time / libc time <= 1.3x", "ReadArray time / Mmap time >= 3x" for "3x faster").
/// <para><see cref="Note"/> adds facts BenchmarkDotNet does not keep (it drops return values), such as the bytes the
/// low-address probe finds: the host process calls it once while writing the report, and only for a measured line.</para>
/// </summary>
public sealed record Goal(int Comparison, string Title, string Measure, Point Subject, Point? Reference, Target Target,
    bool ShowThroughput = false, Func<string>? Note = null);
