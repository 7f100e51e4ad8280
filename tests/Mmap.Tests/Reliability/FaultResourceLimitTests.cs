using Mmap;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Out of descriptors (RLIMIT_NOFILE via <c>ulimit -n 96</c>) and out of address space (RLIMIT_AS via
/// <c>ulimit -v</c> 4 GiB) in a helper: it holds maps until the engine refuses one, gives 0, 1, 2... units back,
/// tries all ten kinds of map (file, new file, stream, anonymous, low, tag, mirror, file and tag mirrors, ring),
/// frees everything and reports. Every refusal must carry the expected code and leave no tag or file behind; after
/// the failures descriptors and mappings are back at the baseline, and every kind maps again.
/// </summary>
public sealed class FaultResourceLimitTests : IDisposable
{
    private static readonly string[] NeedDescriptors = { "file", "new-file", "stream", "tag", "mirror", "mirror-file", "mirror-tag", "ring" };
    private readonly TempDir _dir = new();
    private readonly string _prefix = "mmap-fault-" + Guid.NewGuid().ToString("N").Substring(0, 8) + "-";

    public void Dispose()
    {
        foreach (string left in Directory.GetFiles("/dev/shm", _prefix + "*")) File.Delete(left);
        _dir.Dispose();
    }

    [SkippableFact]
    public void Out_of_descriptors_is_a_clear_os_error_and_leaks_nothing()
    {
        Skip.IfNot(Expect.IsLinux, "uses sh's ulimit -n and /proc/self");
        // 96: the helper holds about 40 itself, and the engine leaves the last 32 to it.
        var (code, output) = FaultProcess.Run("ulimit -n 96", "fault-descriptors", _dir.Path, _prefix);
        Assert.True(code == 0, output);

        Assert.All(FaultProcess.Lines(output, "hogs"), h => Assert.EndsWith(" os_error", h));
        string message = FaultProcess.Value(output, "message");
        Assert.Contains("limit of 96 open descriptors (ulimit -n) is nearly reached", message);
        Assert.Contains("free the maps you no longer need", message);

        var ops = Ops(output);
        Assert.Equal(40, ops.Count); // 4 rounds (0..3 descriptors given back) x 10 kinds
        Assert.All(ops, o => Assert.True(o.Result == "ok" || o.Result == "os_error", $"{o.Free} {o.Kind}: {o.Result}"));
        // With none left, only the maps that need no descriptor (anonymous, low) succeed; with 3, all do.
        Assert.All(ops.Where(o => o.Free == 0), o => Assert.Equal(NeedDescriptors.Contains(o.Kind) ? "os_error" : "ok", o.Result));
        Assert.All(ops.Where(o => o.Free == 3), o => Assert.Equal("ok", o.Result));
        // With one: the ring's header gets it and its mirror is refused, so the undo path of a half-made ring runs.
        Assert.Contains(ops, o => o.Free == 1 && o.Kind == "ring" && o.Result == "os_error");
        AssertBackAtBaseline(output);
    }

    [SkippableFact]
    public void Descriptors_run_out_for_maps_while_a_few_dozen_remain_for_the_host()
    {
        Skip.IfNot(Expect.IsLinux, "uses sh's ulimit -n");
        var (code, output) = FaultProcess.Run("ulimit -n 64", "fault-headroom", _dir.Path);
        Assert.True(code == 0, output);
        string refused = FaultProcess.Value(output, "refused");
        Assert.StartsWith("os_error", refused);
        Assert.Contains("limit of 64 open descriptors (ulimit -n) is nearly reached", refused);
        Assert.Contains("free the maps you no longer need", refused);
        // The refusal came at the 32nd-last descriptor; the runtime may hold a few of those itself meanwhile.
        Assert.InRange(long.Parse(FaultProcess.Value(output, "left")), 16, 32);
    }

    [SkippableFact]
    public void Out_of_address_space_is_out_of_mem_and_leaks_nothing()
    {
        Skip.IfNot(Expect.IsLinux, "uses sh's ulimit -v and /proc/self");
        var (code, output) = FaultProcess.Run("ulimit -v 4194304", "fault-address", _dir.Path, _prefix);
        Assert.True(code == 0, output);

        Assert.All(FaultProcess.Lines(output, "big"), b => Assert.EndsWith(" out_of_mem", b));
        Assert.Equal(3, FaultProcess.Lines(output, "big").Count());
        Assert.All(FaultProcess.Lines(output, "hogs"), h => Assert.EndsWith(" out_of_mem", h));
        Assert.Contains("has no room for it", FaultProcess.Value(output, "message"));

        var ops = Ops(output);
        Assert.Equal(40, ops.Count); // 0, 1, 16 and 40 pages given back x 10 kinds
        Assert.All(ops, o => Assert.True(o.Result == "ok" || o.Result == "out_of_mem", $"{o.Free} {o.Kind}: {o.Result}"));
        Assert.All(ops.Where(o => o.Free == 0), o => Assert.Equal("out_of_mem", o.Result));
        Assert.All(ops.Where(o => o.Free == 40), o => Assert.Equal("ok", o.Result));
        AssertBackAtBaseline(output);
    }

    private static List<(int Free, string Kind, string Result)> Ops(string output) =>
        FaultProcess.Lines(output, "op").Select(l => l.Split(' ')).Select(p => (int.Parse(p[0]), p[1], p[2])).ToList();

    /// <summary>Exact for what only the engine makes (descriptors, named mappings, tags, files, registered maps). The
    /// runtime may split or join a few of its own mapping lines; every kind tried maps at least 64 KiB of address space,
    /// so one leaked map would add at least that many bytes.</summary>
    private static void AssertBackAtBaseline(string output)
    {
        var before = FaultProcess.Figures(FaultProcess.Value(output, "baseline"));
        var after = FaultProcess.Figures(FaultProcess.Value(output, "after"));
        Assert.Equal(before["fds"], after["fds"]);
        Assert.Equal(0, after["named"]);
        Assert.Equal(0, after["shm"]);
        Assert.Equal(0, after["files"]);
        Assert.Equal(before["registry"], after["registry"]);
        Assert.InRange(after["lines"], 0, before["lines"] + 16);
        Assert.InRange(after["bytes"] - before["bytes"], long.MinValue, 64 * 1024 - 1);
        Assert.All(FaultProcess.Lines(output, "again"), a => Assert.EndsWith(" ok", a));
        Assert.Equal(10, FaultProcess.Lines(output, "again").Count());
        Assert.DoesNotContain("+left", output);
    }
}
