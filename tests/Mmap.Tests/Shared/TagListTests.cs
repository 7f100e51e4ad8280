using Mmap;

namespace Mmap.Tests.Shared;

public sealed class TagListTests : IDisposable
{
    private readonly Tags _tags = new();
    public void Dispose() => _tags.Dispose();

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void GetTags_describes_each_tag_with_size_owner_and_mode_until_it_is_unlinked()
    {
        Skip.IfNot(Expect.IsLinux, "only Linux can list tags");
        string tag = _tags.New(), wide = _tags.New();
        using (MemoryMap.MapShared(tag, new MapOptions { Size = 8192 })) { }
        using (MemoryMap.MapShared(wide, new MapOptions { Size = 4096 }, new TagOptions { Permission = 0x1A4 })) { }

        var info = SharedMemory.GetTags().Single(t => t.Tag == tag);   // the map is freed: the tag stays, as a crashed job's would
        Assert.Equal(8192, info.Size);
        Assert.Equal(SharedMemory.OwnerOnly, info.Permission);
        Assert.Equal("rw-------", info.Mode);
        var unix = new FileInfo(Tags.ShmPath(tag));
        Assert.Equal(unix.LastWriteTimeUtc, info.LastWriteTimeUtc, TimeSpan.FromSeconds(1));
        Assert.Equal(Environment.UserName, info.Owner);
        Assert.Equal("rw-r--r--", SharedMemory.GetTags().Single(t => t.Tag == wide).Mode);
        Assert.Equal(SharedMemory.ListTags(), SharedMemory.GetTags().Select(t => t.Tag));

        SharedMemory.Unlink(tag);
        Assert.DoesNotContain(SharedMemory.GetTags(), t => t.Tag == tag);
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_link_planted_in_dev_shm_is_described_not_followed()
    {
        Skip.IfNot(Expect.IsLinux, "/dev/shm is Linux's");
        string link = _tags.New();
        File.CreateSymbolicLink(Tags.ShmPath(link), "/etc/passwd");
        try
        {
            var info = SharedMemory.GetTags().Single(t => t.Tag == link);
            Assert.NotEqual(new FileInfo("/etc/passwd").Length, info.Size); // the link's own size: the length of its target's name
            Assert.Equal("/etc/passwd".Length, info.Size);
        }
        finally { File.Delete(Tags.ShmPath(link)); }
    }
}
