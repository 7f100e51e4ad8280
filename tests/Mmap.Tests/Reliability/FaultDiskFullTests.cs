using Mmap;
using Mmap.TestHelper;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Growing a file or tag past the room there is, in a child process: a 1 MiB tmpfs mounted in a private mount
/// namespace (over the test folder, or over /dev/shm for tags), or RLIMIT_FSIZE of 1 MiB with SIGXFSZ ignored
/// (so the kernel answers EFBIG instead of killing). Every case must be disk_full, with a target that existed
/// keeping its size and bytes, and one the call would have created left absent.
/// </summary>
public sealed class FaultDiskFullTests : IDisposable
{
    private const long Old = 512 * 1024, New = 4 << 20;
    private readonly TempDir _dir = new();
    private readonly Tags _tags = new();

    public void Dispose()
    {
        _tags.Dispose();
        _dir.Dispose();
    }

    /// <summary>(case, size the target has before: 0 = it does not exist). Tags end in "tag".</summary>
    public static TheoryData<string, long> Cases => new()
    {
        { "mapfile", Old }, { "mapfile", 0 }, { "setsize", Old }, { "mirror", Old }, { "mirror", 0 },
        { "tag-create", 0 }, { "tag-grow", Old }, { "mirror-tag", 0 },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void A_full_tmpfs_is_disk_full_and_keeps_the_target(string kind, long old)
    {
        Skip.IfNot(FaultProcess.CanUnshare, "needs root on Linux and unshare to mount a tmpfs in a private mount namespace");
        bool tag = kind.EndsWith("tag", StringComparison.Ordinal) || kind.StartsWith("tag", StringComparison.Ordinal);
        string target = tag ? _tags.New() : _dir.File("full.bin");
        string mountPoint = tag ? "/dev/shm" : _dir.Path;
        var (code, output) = FaultProcess.RunUnshared($"mount -t tmpfs -o size=1m mmap-fault '{mountPoint}'",
            "fault-grow", kind, target, old.ToString(), New.ToString());
        Check(code, output, old, "No space left");
        // The tmpfs lived in the helper's namespace only: here nothing was mounted or made.
        Assert.False(File.Exists(tag ? Tags.ShmPath(target) : target));
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void A_file_size_limit_is_disk_full_and_keeps_the_target(string kind, long old)
    {
        Skip.IfNot(Expect.IsLinux, "uses sh's ulimit -f and /dev/shm");
        bool tag = kind.EndsWith("tag", StringComparison.Ordinal) || kind.StartsWith("tag", StringComparison.Ordinal);
        string target = tag ? _tags.New() : _dir.File("limited.bin");
        if (!tag && old > 0) File.WriteAllBytes(target, GrowthFault.Pattern(old));
        // ulimit -f counts 512-byte blocks: 2048 is 1 MiB.
        var (code, output) = FaultProcess.Run("trap '' XFSZ; ulimit -f 2048", "fault-grow", kind, target, old.ToString(), New.ToString());
        Check(code, output, old, "File too large");
        if (tag)
            Assert.False(File.Exists(Tags.ShmPath(target)), "the helper unlinks a tag it kept; one it failed to create must not exist");
        else if (old > 0)
            Assert.Equal(GrowthFault.Pattern(old), File.ReadAllBytes(target)); // seen from here too, not only by the helper
        else
            Assert.False(File.Exists(target));
    }

    private static void Check(int code, string output, long old, string osWords)
    {
        Assert.True(code == 0, output);
        Assert.True(FaultProcess.Value(output, "result") == MmapError.DiskFull.ToCode(), output);
        Assert.Contains(osWords, FaultProcess.Value(output, "message"));
        if (old > 0)
        {
            Assert.Equal("True", FaultProcess.Value(output, "exists"));
            Assert.Equal(old.ToString(), FaultProcess.Value(output, "size"));
            Assert.Equal("intact", FaultProcess.Value(output, "bytes"));
        }
        else
            Assert.Equal("False", FaultProcess.Value(output, "exists"));
    }
}
