using Mmap;
using Mmap.TestHelper;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// A file (or tag) cut to one page by ANOTHER process while mapped: every safe call past the cut gives
/// file_too_short instead of SIGBUS, and the process lives on. Both ways round: the helper cuts what this process
/// maps, and this process cuts what the helper maps. With fault recovery (Linux), the first call past the cut faults
/// and the map remembers it, so every later call, inside the first page too, is file_too_short; with it off (macOS,
/// or MMAP_FAULT_RECOVERY=0), each call checks the size, and the calls inside the first page still work.
/// </summary>
public sealed class FaultTruncationTests : IDisposable
{
    private const int MapSize = 64 * 1024, Cut = 4096;
    private readonly TempDir _dir = new();
    private readonly Tags _tags = new();

    public void Dispose()
    {
        _tags.Dispose();
        _dir.Dispose();
    }

    public static TheoryData<string> Kinds => new() { "file", "tag", "mirror-file", "mirror-tag" };

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void A_map_whose_backing_another_process_cut_gives_file_too_short(string kind)
    {
        Skip.IfNot(Expect.IsLinux, "tags are files in /dev/shm, which the helper truncates by path");
        var (map, backing) = Map(kind);
        using (map)
        {
            var (code, output) = Helper.Run(TimeSpan.FromSeconds(60), "fault-truncate", backing, Cut.ToString());
            Assert.True(code == 0, output);
            Assert.Equal(Cut, new FileInfo(backing).Length);

            var results = TruncationProbe.Run(map);
            // A mirror needs its whole block wherever an access lands, so every call on it is refused; so does a map a
            // fault met.
            bool whole = kind.StartsWith("mirror", StringComparison.Ordinal) || FaultRecovery.IsActive;
            foreach (var (op, result) in results)
                Assert.True(result == Expected(op, whole), $"{op}: {result}");
            Assert.Equal(11, results.Count);
        }
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_helper_whose_map_this_process_cut_reports_file_too_short_and_exits_normally(bool recovery)
    {
        Skip.IfNot(Expect.IsLinux, "runs the helper with dotnet on Linux");
        string path = _dir.Pattern("held.bin", MapSize);
        using var helper = FaultProcess.StartInteractive(recovery ? null : FaultRecovery.EnvironmentVariable + "=0", "fault-hold", path);
        FaultProcess.WaitFor(helper, "mapped");
        FileSizer.SetSize(path, Cut); // not mapped in this process, so allowed
        helper.StandardInput.WriteLine("go");
        helper.StandardInput.Close();
        var (code, output) = Helper.Finish(helper, TimeSpan.FromSeconds(60));

        Assert.True(code == 0, output);
        Assert.Contains(output.Split('\n'), line => line.Trim() == "alive"); // it reached its last line
        var results = FaultProcess.Lines(output, "op").Select(l => l.Split(' ')).ToList();
        Assert.Equal(11, results.Count);
        Assert.Contains($"recovery {recovery && FaultRecovery.IsActive}", output);
        foreach (var r in results)
            Assert.True(r[1] == Expected(r[0], whole: recovery && FaultRecovery.IsActive), string.Join(' ', r));
    }

    private static string Expected(string op, bool whole) =>
        !whole && op.EndsWith("-head", StringComparison.Ordinal) ? "ok" : MmapError.FileTooShort.ToCode();

    /// <summary>A ReadWrite map of 64 KiB of the kind, and the path another process can truncate it by.</summary>
    private (MemoryMap Map, string Backing) Map(string kind)
    {
        var rw = new MapOptions { Access = MapAccess.ReadWrite };
        string path = _dir.Pattern("cut.bin", MapSize);
        string tag = _tags.New();
        var shared = new MapOptions { Access = MapAccess.ReadWrite, Size = MapSize };
        switch (kind)
        {
            case "file": return (MemoryMap.MapFile(path, rw), path);
            case "tag": return (MemoryMap.MapShared(tag, shared), Tags.ShmPath(tag));
            case "mirror-file": return (MirroredMap.MapFile(path, MapSize), path);
            default: return (MirroredMap.MapShared(tag, MapSize), Tags.ShmPath(tag));
        }
    }
}
