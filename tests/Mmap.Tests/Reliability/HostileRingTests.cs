using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// A ByteRing's header and segment are shared with a process that may be hostile: counters it scribbles (negative,
/// huge, overflowing) and a segment it cuts must give a clear error before any copy, never a read or write outside
/// the data block, nor a SIGBUS. Each case runs in a child process, which must print its results and "alive".
/// </summary>
public sealed class HostileRingTests : IDisposable
{
    private const long Capacity = 64 * 1024;
    private readonly Tags _tags = new();

    public void Dispose() => _tags.Dispose();

    /// <summary>(sabotage, ops): head and tail that pass the old "0 &lt;= head - tail &lt;= capacity" check but point
    /// outside the block (negative) or overflow on the next publish, and a difference that overflows.</summary>
    public static TheoryData<string, string> Scribbles => new()
    {
        { "counters:-8192:-8192", "write,used,reserve" },                         // head % capacity < 0: a write before the block
        { "counters:-8176:-8192", "read,used,peek" },                          // tail % capacity < 0: a read before the block
        { $"counters:{long.MinValue}:{long.MaxValue}", "used,read,write,reserve,peek" }, // head - tail overflows to 1
        { $"counters:{long.MaxValue - 8}:{long.MaxValue - 8}", "write,write,reserve" }, // head + 16 overflows
        { $"counters:{Capacity}:0", "write,reserve" },                            // full: still fine, the control
    };

    [SkippableTheory]
    [MemberData(nameof(Scribbles))]
    public void Scribbled_counters_are_refused_before_any_copy(string sabotage, string ops)
    {
        Skip.IfNot(Expect.IsLinux, "tags are files in /dev/shm");
        var results = Run(sabotage, ops);
        bool control = sabotage == $"counters:{Capacity}:0";
        foreach (string r in results)
        {
            if (control)
                Assert.Matches("^(write|reserve) ok", r); // a full ring refuses the write by returning false, not by throwing
            else
            {
                Assert.StartsWith($"{r.Split(' ')[0]} invalid_argument", r);
                Assert.Contains("Make a new ring", r);
            }
        }
    }

    /// <summary>Cut to nothing, and to the header alone (the counters readable, the data block gone).</summary>
    public static TheoryData<string, string> Cuts => new()
    {
        { "cut:0", "write,read,used,reserve,peek" },
        { $"cut:{Mmap.ByteRing.HeaderSize}", "write,read,used,reserve,peek" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cuts))]
    public void A_cut_segment_is_file_too_short_not_SIGBUS(string sabotage, string ops)
    {
        Skip.IfNot(Expect.IsLinux, "tags are files in /dev/shm");
        foreach (string r in Run(sabotage, ops))
        {
            Assert.StartsWith($"{r.Split(' ')[0]} file_too_short", r);
            Assert.Contains("another process truncated it", r);
        }
    }

    /// <summary>Cut to the header alone while the producer holds a reservation: its writes into the span meet the fault
    /// handler (the pages are gone), and Commit refuses with the fault's error instead of publishing zeros.</summary>
    [SkippableFact]
    public void A_cut_under_an_open_reservation_makes_commit_file_too_short_and_publishes_nothing()
    {
        Skip.IfNot(Expect.IsLinux, "tags are files in /dev/shm");
        Skip.IfNot(FaultRecovery.IsActive, $"writing into the cut pages needs fault recovery, which is {FaultRecovery.Status}");
        var results = Run($"reserve-cut:{Mmap.ByteRing.HeaderSize}", "commit,used,write");
        Assert.StartsWith("commit file_too_short", results[0]);
        Assert.All(results.Skip(1), r => Assert.StartsWith($"{r.Split(' ')[0]} file_too_short", r)); // a faulted ring refuses from then on
    }

    private List<string> Run(string sabotage, string ops)
    {
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(60), "hostile-ring", _tags.New(), sabotage, ops);
        Assert.True(code == 0, $"the child died (exit {code}): {output}");
        Assert.Contains(output.Split('\n'), line => line.Trim() == "alive");
        var results = FaultProcess.Lines(output, "result").ToList();
        Assert.Equal(ops.Split(',').Length, results.Count);
        return results;
    }
}
