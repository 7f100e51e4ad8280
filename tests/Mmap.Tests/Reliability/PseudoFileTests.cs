using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// procfs files report made-up sizes (0 for /proc/self/status, whatever it holds) and cannot be sized. Mapping one
/// past that size, with any access, or sizing it, is invalid_argument saying so, before any grow: never disk_full,
/// never advice to grow it, and never a fallocate, which glibc emulates by writing a byte into the file. In a child
/// process, whose own /proc/self files are the ones tried.
/// </summary>
public sealed class PseudoFileTests
{
    public static TheoryData<string[]> Calls => new()
    {
        new[] { "map", "/proc/self/oom_score_adj", "ReadWrite", "4096" },
        new[] { "map", "/proc/self/status", "ReadWrite", "-" },
        new[] { "map", "/proc/self/status", "Read", "4096" },
        new[] { "setsize", "/proc/self/oom_score_adj", "4096" },
        new[] { "setsize", "/proc/self/oom_score_adj", "0" },
    };

    [SkippableTheory]
    [MemberData(nameof(Calls))]
    public void A_procfs_file_is_refused_as_unsizable(string[] call)
    {
        Skip.IfNot(Expect.IsLinux, "procfs is Linux's");
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(60), new[] { "engine" }.Concat(call).ToArray());
        Assert.True(code == 2, $"exit {code}: {output}");
        Assert.StartsWith("error invalid_argument", output);
        Assert.Contains($"'{call[1]}' is a file of procfs (/proc)", output);
        Assert.Contains("cannot be sized, grown or mapped past it", output);
        Assert.DoesNotContain("Free space", output);
    }

    [Theory]
    [InlineData(0xfe00UL, 254UL)] // /dev/vda: 254:0
    [InlineData(0x0803UL, 8UL)] // sda3: 8:3
    [InlineData(0x0016UL, 0UL)] // an anonymous device (procfs, tmpfs): 0:22
    [InlineData(0x1000_0000_0510UL, 0x1005UL)] // a major above 4095: the high bits sit above bit 32
    public void The_major_number_of_a_device_says_whether_fstatfs_is_needed(ulong device, ulong major)
    {
        // Pseudo file systems all have major 0; a file on a block device is skipped without a system call.
        Assert.Equal(major, Mmap.Platform.LinuxPseudoFiles.Major(device));
    }
}
