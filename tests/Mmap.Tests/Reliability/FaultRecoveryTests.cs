using Mmap;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Fault recovery, each case in a child process whose exit code is the verdict: a file, tag or mirror cut while a safe
/// call (or a lease, a raw span copy, a ring read) runs over 64 MiB of it; a hole a full tmpfs cannot fill, written
/// through a safe call and a lease; and the controls: a fault outside every map still ends the process as the runtime
/// ends it, a null dereference is still NullReferenceException, a handler installed later chains, recovery can be off.
/// </summary>
public sealed class FaultRecoveryTests : IDisposable
{
    private const int Rounds = 8;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> Races
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string op in new[] { "read", "write", "read-long", "gather", "lease", "span" })
                foreach (string kind in new[] { "file", "tag", "mirror" })
                    data.Add(op, kind);
            data.Add("ring-read", "ring");
            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Races))]
    public void A_cut_landing_during_a_call_is_file_too_short_never_a_crash_or_wrong_data(string op, string kind)
    {
        SkipUnlessActive();
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(180), "recover-race", op, kind, Rounds.ToString(), _dir.Path);
        Assert.True(code == 0, $"exit {code}: {output}");
        var figures = FaultProcess.Figures(string.Join(' ', FaultProcess.Value(output, "race").Split(' ').Where(p => p.Contains('=') && !p.StartsWith("op=") && !p.StartsWith("kind="))));
        Assert.True(figures["wrong"] == 0, output);
        Assert.True(figures["other"] == 0, output);
        Assert.Equal(Rounds, figures["ok"] + figures["file_too_short"]);
        Assert.True(figures["landed"] > 0, $"no cut landed during a call in {Rounds} rounds: {output}");
        if (op == "span") Assert.True(figures["faulted"] > 0, output); // raw copies do not throw: the map says it faulted
    }

    [SkippableTheory]
    [InlineData("punch", "safe")]
    [InlineData("punch", "lease")]
    [InlineData("regrow", "safe")]
    [InlineData("regrow", "lease")]
    public void A_hole_a_full_tmpfs_cannot_fill_is_disk_full_on_write(string how, string through)
    {
        SkipUnlessActive();
        Skip.IfNot(FaultProcess.CanUnshare, "needs root on Linux and unshare to mount a small tmpfs in a private mount namespace");
        var (code, output) = FaultProcess.RunUnshared($"mount -t tmpfs -o size=4m mmap-hole '{_dir.Path}'", "recover-disk", how, through, _dir.Path);
        Assert.True(code == 0, $"exit {code}: {output}");
        Assert.Equal("how=" + how + " through=" + through + " result=disk_full fault=disk_full", FaultProcess.Value(output, "disk"));
    }

    [SkippableFact]
    public void A_fault_outside_every_map_ends_the_process_as_the_runtime_does_without_recovery()
    {
        SkipUnlessActive();
        var (on, onOutput) = Helper.Run(TimeSpan.FromSeconds(60), "recover-raw", _dir.Path);
        var (off, offOutput) = FaultProcess.Run($"export {FaultRecovery.EnvironmentVariable}=0", "recover-raw", _dir.Path);
        Assert.Contains("recovery=True", onOutput);
        Assert.Contains("recovery=False", offOutput);
        Assert.Equal(134, off); // the runtime's AccessViolationException, fatal
        Assert.True(on == off, $"with recovery {on}, without {off}: {onOutput}");
        Assert.Contains("AccessViolationException", onOutput);
    }

    [SkippableFact]
    public void After_a_fault_a_write_to_a_page_still_backed_is_refused_and_writes_nothing()
    {
        SkipUnlessActive();
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(60), "recover-after", _dir.Path);
        Assert.True(code == 0, output);
        foreach (string call in new[] { "read", "write", "span", "add", "lease" })
            Assert.Contains($"{call}=file_too_short", output);
        Assert.Contains("untouched=True", output);
    }

    [SkippableFact]
    public void A_null_dereference_is_still_NullReferenceException()
    {
        SkipUnlessActive();
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(60), "recover-null");
        Assert.True(code == 0, output);
        Assert.Contains("recovery=True", output);
        Assert.Contains("null=NullReferenceException", output);
    }

    [SkippableFact]
    public void A_handler_installed_later_that_chains_keeps_recovery_working()
    {
        SkipUnlessActive();
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(60), "recover-chained", _dir.Path);
        Assert.True(code == 0, output);
        Assert.Equal("0", FaultProcess.Value(output.Replace('=', ' '), "installed"));
        Assert.Contains("result=file_too_short", output);
    }

    [SkippableFact]
    public void The_environment_variable_turns_recovery_off_and_says_so()
    {
        Skip.IfNot(Expect.IsLinux, "runs the helper under sh with the variable set");
        var (code, output) = FaultProcess.Run($"export {FaultRecovery.EnvironmentVariable}=off", "recover-status");
        Assert.True(code == 0, output);
        Assert.Contains($"active=False status=off: turned off by {FaultRecovery.EnvironmentVariable}=off", output);
    }

    [SkippableFact]
    public void Disable_after_recovery_became_active_is_refused_and_says_when_to_call_it()
    {
        SkipUnlessActive();
        var e = Assert.Throws<InvalidOperationException>(FaultRecovery.Disable);
        Assert.Contains("before the first map", e.Message);
        Assert.True(FaultRecovery.IsActive);
    }

    /// <summary>Linux x64 and arm64 with the shipped handler: the status says why anywhere else. These cases cut files under
    /// maps from other processes, which Windows refuses; its handler is WindowsFaultRecoveryTests'.</summary>
    private static void SkipUnlessActive()
    {
        Skip.IfNot(Expect.IsLinux, "the Linux SIGBUS handler, met by cutting files under maps (Windows refuses that cut; its handler is WindowsFaultRecoveryTests')");
        Skip.IfNot(FaultRecovery.IsActive, $"fault recovery is {FaultRecovery.Status}");
    }
}
