using Mmap;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Shared memory has file names too: a tag is /dev/shm/&lt;tag&gt;, an anonymous mirror's memfd is /proc/self/fd/&lt;n&gt;.
/// FileSizer (Set-FileSize) must treat them as the mapped files they are, and the memfd, whose size is fixed, is sealed
/// so that nobody can cut it (a cut kills the next read with SIGBUS). The memfd cases run in a child process.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ResizeMappedMemoryTests
{
    private static readonly long Page = PageInfo.Current.AllocationGranularity;

    public static TheoryData<string> TagKinds => new() { "tag", "tag mirror", "ring" }; // a ring maps its tag twice (header, mirror): both are named

    [SkippableTheory]
    [MemberData(nameof(TagKinds))]
    public void A_mapped_tag_cannot_be_resized_through_its_dev_shm_name(string kind)
    {
        Skip.IfNot(Expect.IsLinux, "/dev/shm is Linux's");
        using var tags = new Tags();
        string tag = tags.New();
        IDisposable map = kind switch
        {
            "tag" => MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 2 * Page }),
            "tag mirror" => MirroredMap.MapShared(tag, 2 * Page),
            _ => ByteRing.Create(tag, Page),
        };
        using (map)
        {
            foreach (long size in SecurityTests.ResizeAttempts)
            {
                var e = Expect.Error(MmapError.InvalidArgument, () => FileSizer.SetSize(Tags.ShmPath(tag), size, sparse: true));
                Assert.Matches("Free th(at map|ose maps) first", e.Message);
                Assert.Equal(2 * Page, new FileInfo(Tags.ShmPath(tag)).Length);
            }
        }
        Assert.Equal(Page, FileSizer.SetSize(Tags.ShmPath(tag), Page)); // freed: now it may
    }

    [SkippableTheory]
    [InlineData("stream", "UnauthorizedAccessException")] // EPERM from the seals
    [InlineData("sizer", "invalid_argument")]
    public void An_anonymous_mirror_s_memfd_cannot_be_cut(string how, string refusal)
    {
        Skip.IfNot(Expect.IsLinux, "memfd and /proc/self/fd are Linux's");
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(60), "hostile-memfd", how);
        Assert.True(code == 0, $"the child died (exit {code}): {output}");
        Assert.StartsWith($"refused {refusal}", FaultProcess.Value(output, "truncate"));
        Assert.Equal("42", FaultProcess.Value(output, "read"));
        Assert.Contains(output.Split('\n'), line => line.Trim() == "alive");
    }
}
