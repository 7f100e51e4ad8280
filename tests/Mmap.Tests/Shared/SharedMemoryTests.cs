using Mmap;

namespace Mmap.Tests.Shared;

/// <summary>Tagged shared memory on Linux (/dev/shm).</summary>
public sealed class SharedMemoryTests : IDisposable
{
    private static readonly MapOptions ReadWrite4K = new() { Access = MapAccess.ReadWrite, Size = 4096 };
    private readonly Tags _tags = new();

    public void Dispose() => _tags.Dispose();

    [Fact]
    public void The_same_tag_twice_in_one_process_is_the_same_memory()
    {
        string tag = _tags.New();
        using var a = MemoryMap.MapShared(tag, ReadWrite4K);
        using var b = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite });
        Assert.NotEqual(a.Address, b.Address);
        Assert.Equal(4096, b.Size);
        a.Write<long>(8, 0x1234_5678_9ABC);
        Assert.Equal(0x1234_5678_9ABC, b.Read<long>(8));
        b.Write<int>(100, 42);
        Assert.Equal(42, a.Read<int>(100));
        Assert.Equal(MapKind.Shared, a.Kind);
        Assert.Equal(tag, a.Tag);
        Assert.Null(a.Path);
        Assert.Contains(tag, a.Description);
        Assert.Contains(MemoryMapRegistry.GetLiveMaps(), m => m.Id == a.Id && m.Tag == tag);
    }

    [Fact]
    public void Two_processes_each_adding_a_million_give_exactly_two_million()
    {
        string tag = _tags.New();
        using var map = MemoryMap.MapShared(tag, ReadWrite4K);
        using var first = Helper.Start("counter", tag, "1000000");
        using var second = Helper.Start("counter", tag, "1000000");
        var r1 = Helper.Finish(first, TimeSpan.FromMinutes(2));
        var r2 = Helper.Finish(second, TimeSpan.FromMinutes(2));
        Assert.True(r1.ExitCode == 0, r1.Output);
        Assert.True(r2.ExitCode == 0, r2.Output);
        Assert.Equal(2_000_000, Volatile.Read(ref map.AsRef<long>(0)));
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_new_segment_is_0600_whatever_the_umask()
    {
        Skip.IfNot(Expect.IsLinux, "/dev/shm is Linux's");
        string tag = _tags.New();
        using var map = MemoryMap.MapShared(tag, ReadWrite4K);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Tags.ShmPath(tag)));
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Permissions_can_be_widened_past_the_umask()
    {
        Skip.IfNot(Expect.IsLinux, "/dev/shm is Linux's");
        string tag = _tags.New();
        var all = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        using var map = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 4096 }, new TagOptions { Permission = (int)all });
        Assert.Equal(all, File.GetUnixFileMode(Tags.ShmPath(tag))); // a umask of 022 would have made it 0644
    }

    [SkippableTheory]
    [InlineData("mmapbad/x")]
    [InlineData("mmapbad\\x")]
    [InlineData("mmapbad..x")]
    [InlineData("mmapbad\0x")]
    [InlineData("mmapbad\tx")]
    [InlineData("mmapbad\u007f")]
    public void A_bad_tag_never_reaches_the_os(string bad)
    {
        Skip.IfNot(Expect.IsLinux, "/dev/shm is Linux's");
        var rw = new MapOptions { Access = MapAccess.ReadWrite, Size = 4096 };
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapShared(bad, rw));
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapShared(bad, new MapOptions { Access = MapAccess.ReadWrite, Size = 4096 }, new TagOptions { Mode = SharedOpenMode.CreateNew }));
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.Unlink(bad));
        Expect.Error(MmapError.InvalidArgument, () => MirroredMap.MapShared(bad, 4096));
        Expect.Error(MmapError.InvalidArgument, () => ByteRing.Create(bad, 4096));
        Expect.Error(MmapError.InvalidArgument, () => ByteRing.Attach(bad));
        // shm_open would have made /dev/shm/mmapbad... (or a file named with the backslash, dots or control character).
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries("/dev/shm"), e => Path.GetFileName(e).StartsWith("mmapbad", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tag_of_the_maximum_length_works()
    {
        string tag = _tags.New();
        string longTag = tag + new string('x', SharedMemory.MaxTagLength - tag.Length);
        using var map = MemoryMap.MapShared(longTag, ReadWrite4K);
        // Unlinked while mapped: a Windows section is gone with its last map, and Unlink of a gone tag is no_file.
        try { map.Write<int>(0, 7); }
        finally { SharedMemory.Unlink(longTag); }
    }

    [Fact]
    public void Open_existing_of_a_missing_tag_is_no_file_and_creates_nothing()
    {
        string tag = _tags.New();
        var e = Expect.Error(MmapError.NoFile, () => MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 4096 }, new TagOptions { Mode = SharedOpenMode.OpenExisting }));
        Assert.Contains(tag, e.Message);
        Expect.Error(MmapError.NoFile, () => MemoryMap.MapShared(tag)); // read-only never creates
        Expect.Error(MmapError.NoFile, () => MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite })); // no size: nothing to create
        Assert.False(File.Exists(Tags.ShmPath(tag)));
    }

    [Fact]
    public void Create_new_of_an_existing_tag_is_already_exists_and_leaves_it_alone()
    {
        string tag = _tags.New();
        using var map = MemoryMap.MapShared(tag, ReadWrite4K);
        map.Write<long>(0, 99);
        var e = Expect.Error(MmapError.AlreadyExists, () =>
            MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 8192 }, new TagOptions { Mode = SharedOpenMode.CreateNew }));
        Assert.Equal("already_exists", e.Code);
        Assert.Contains(tag, e.Message);
        Assert.Equal(99, map.Read<long>(0));
        using var again = MemoryMap.MapShared(tag);
        Assert.Equal(4096, again.Size);
    }

    [SkippableFact]
    public void An_existing_segment_gives_its_size_refuses_more_read_only_and_grows_with_write()
    {
        Skip.IfNot(Mmap.Platform.PlatformFacts.Current.SharedSegmentsCanGrow, "grows an existing tag, which Linux alone can (PlatformFacts.SharedSegmentsCanGrow: a Windows section keeps its size)");
        string tag = _tags.New();
        using var created = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 3 * 4096 });
        created.Write<byte>(3 * 4096 - 1, 0xAB);
        using (var whole = MemoryMap.MapShared(tag))
        {
            Assert.Equal(3 * 4096, whole.Size);
            Assert.Equal(0xAB, whole.Read<byte>(3 * 4096 - 1));
        }
        var e = Expect.Error(MmapError.FileTooShort, () => MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.Read, Size = 4 * 4096 }));
        Assert.Contains(tag, e.Message);
        using var grown = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 4 * 4096 });
        Assert.Equal(4 * 4096, new FileInfo(Tags.ShmPath(tag)).Length);
        Assert.Equal(0xAB, grown.Read<byte>(3 * 4096 - 1));
    }

    [Fact]
    public void An_offset_maps_the_middle_of_a_segment()
    {
        string tag = _tags.New();
        long page = PageInfo.Current.AllocationGranularity;
        using var whole = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 2 * page });
        whole.Write<long>(page, 5150);
        using var second = MemoryMap.MapShared(tag, new MapOptions { Offset = page });
        Assert.Equal(page, second.Size);
        Assert.Equal(page, second.Offset);
        Assert.Equal(5150, second.Read<long>(0));
    }

    [SkippableFact]
    public void Unlink_removes_the_name_while_the_map_stays_usable()
    {
        Skip.If(OperatingSystem.IsWindows(), Expect.MappedTagsKeepTheirNameOnWindows);
        string tag = _tags.New();
        using var map = MemoryMap.MapShared(tag, ReadWrite4K);
        map.Write<long>(0, 1);
        MemoryMap.Unlink(tag);
        Assert.False(File.Exists(Tags.ShmPath(tag)));
        Expect.Error(MmapError.NoFile, () => MemoryMap.MapShared(tag));
        map.Write<long>(0, 2);
        Assert.Equal(2, map.Read<long>(0));
        var e = Expect.Error(MmapError.NoFile, () => map.Unlink());
        Assert.Contains(tag, e.Message);
    }

    [Fact]
    public void The_instance_unlink_removes_its_own_tag()
    {
        string tag = _tags.New();
        using var map = MemoryMap.MapShared(tag, ReadWrite4K);
        map.Unlink();
        Assert.False(File.Exists(Tags.ShmPath(tag)));
        using var anonymous = MemoryMap.MapAnonymous(4096);
        Expect.Error(MmapError.InvalidArgument, () => anonymous.Unlink());
    }

    [Fact]
    public void Unlinking_a_missing_tag_is_no_file()
    {
        var e = Expect.Error(MmapError.NoFile, () => SharedMemory.Unlink(_tags.New()));
        Assert.Contains("does not exist", e.Message);
    }

    [SkippableFact]
    public void A_segment_truncated_by_someone_else_is_file_too_short_not_a_crash()
    {
        Skip.IfNot(Expect.IsLinux, "cuts the tag's file in /dev/shm, which Linux alone has (a Windows section has no file and never changes size)");
        string tag = _tags.New();
        using var map = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 8192 });
        using (var f = new FileStream(Tags.ShmPath(tag), FileMode.Open, FileAccess.ReadWrite)) f.SetLength(4096);
        Assert.Equal(0, map.Read<long>(0));
        var e = Expect.Error(MmapError.FileTooShort, () => map.Read<long>(4096));
        Assert.Contains(tag, e.Message);
    }

    [SkippableFact]
    public void List_tags_shows_a_new_tag_until_it_is_unlinked()
    {
        Skip.IfNot(Expect.IsLinux, "only Linux can list tags");
        string tag = _tags.New();
        using var map = MemoryMap.MapShared(tag, ReadWrite4K);
        Assert.Contains(tag, SharedMemory.ListTags());
        map.Unlink();
        Assert.DoesNotContain(tag, SharedMemory.ListTags());
    }

    [Fact]
    public void A_creation_that_fails_after_opening_leaves_no_tag()
    {
        string tag = _tags.New();
        // 2^62 bytes cannot be reserved anywhere: the segment made for it must be unlinked again.
        var e = Assert.Throws<MmapException>(() => MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 1L << 62 }));
        Assert.Contains(e.Error, new[] { MmapError.DiskFull, MmapError.OutOfMemory });
        Assert.False(File.Exists(Tags.ShmPath(tag)));
    }

    [SkippableFact]
    public void A_full_small_tmpfs_gives_disk_full_at_creation_and_no_tag()
    {
        Skip.IfNot(Expect.IsLinux && Environment.UserName == "root", "needs root on Linux for unshare -m and mount");
        string tag = _tags.New();
        // A private mount namespace: the helper sees a 1 MiB /dev/shm, the host's stays untouched.
        using var p = Helper.StartCommand("unshare", "-m", "sh", "-c",
            "mount -t tmpfs -o size=1m none /dev/shm && exec dotnet \"$0\" shm-create \"$1\" 4194304", Helper.Dll, tag);
        var (exit, output) = Helper.Finish(p, TimeSpan.FromMinutes(2));
        Skip.If(output.Contains("unshare:") || output.Contains("mount:"), "unshare or mount failed here: " + output);
        Assert.True(exit == 2, output);
        Assert.StartsWith("error disk_full exists=False", output);
        Assert.Contains(tag, output);
        Assert.False(File.Exists(Tags.ShmPath(tag)));
    }
}
