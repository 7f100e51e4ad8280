using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// A write through a ReadWrite map into a hole of a sparse file (or tag) needs a block the full file system does not
/// have: the kernel answers with SIGBUS, which kills the process. The engine reserves the holes when it maps, so the
/// failure is disk_full at map time; a file the engine grew (its space reserved) keeps working. In a child process,
/// in a private mount namespace with a 1 MiB tmpfs over the folder or over /dev/shm, which the child fills.
/// </summary>
public sealed class FaultSparseHoleTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableTheory]
    [InlineData("file")]
    [InlineData("tag")]
    public void A_sparse_file_on_a_full_file_system_is_disk_full_at_map_time(string kind)
    {
        Skip.IfNot(FaultProcess.CanUnshare, "needs root on Linux and unshare to mount a tmpfs in a private mount namespace");
        string mountPoint = kind == "tag" ? "/dev/shm" : _dir.Path;
        var (code, output) = FaultProcess.RunUnshared($"mount -t tmpfs -o size=1m mmap-fault '{mountPoint}'",
            "hostile-hole", kind, mountPoint);
        Assert.True(code == 0, $"the child died (exit {code}): {output}");
        Assert.Equal("ok", FaultProcess.Value(output, "dense"));
        string sparse = FaultProcess.Value(output, "sparse");
        Assert.StartsWith("disk_full", sparse);
        Assert.Contains("the file has holes", sparse);
        Assert.Contains("No space left", sparse);
        Assert.Contains(output.Split('\n'), line => line.Trim() == "alive");
    }
}
