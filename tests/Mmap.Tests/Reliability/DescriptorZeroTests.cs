using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// A process whose stdin is closed gets descriptor 0 for the next file it opens. On POSIX only -1 means "no file":
/// a map on descriptor 0 must map the file (not anonymous memory) and close it when freed. In a child process, which
/// closes its own stdin first.
/// </summary>
public sealed class DescriptorZeroTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void A_file_opened_as_descriptor_0_is_mapped_and_closed()
    {
        Skip.IfNot(Expect.IsLinux, "closes the child's stdin and reads /proc/self/fd");
        string path = _dir.Pattern("zero.bin", 8192);
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(60), "hostile-fd0", path);
        Assert.True(code == 0, output);
        Assert.Equal("File", FaultProcess.Value(output, "kind"));
        Assert.Equal("0001020304050607", FaultProcess.Value(output, "first")); // the file's bytes, not zeroed memory
        Assert.Equal("closed", FaultProcess.Value(output, "fd0"));
    }
}
