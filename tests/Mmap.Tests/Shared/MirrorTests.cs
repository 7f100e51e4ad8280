using Mmap;

namespace Mmap.Tests.Shared;

public sealed class MirrorTests : IDisposable
{
    private static readonly long Page = PageInfo.Current.AllocationGranularity;
    private readonly Tags _tags = new();

    public void Dispose() => _tags.Dispose();

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public unsafe void A_write_through_any_copy_is_seen_at_the_same_offset_in_every_copy(int times)
    {
        using var mirror = MirroredMap.MapAnonymous(2 * Page, times);
        Assert.Equal(times, mirror.Times);
        Assert.Equal(2 * Page, mirror.BlockSize);
        Assert.Equal(times * 2 * Page, mirror.Size);
        long[] offsets = { 0, 1, Page - 1, Page, 2 * Page - 8 };
        for (int writer = 0; writer < times; writer++) // first copy to last, and the last back to the first
            foreach (long offset in offsets)
            {
                ulong value = (ulong)(writer * 1000 + offset + 1);
                *(ulong*)((byte*)mirror.GetCopyAddress(writer) + offset) = value;
                for (int reader = 0; reader < times; reader++)
                    Assert.Equal(value, *(ulong*)((byte*)mirror.GetCopyAddress(reader) + offset));
            }
    }

    [Fact]
    public void Safe_writes_across_the_end_of_a_copy_continue_at_the_start_of_the_block()
    {
        using var mirror = MirroredMap.MapAnonymous(Page);
        mirror.Write(Page - 4, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        Assert.Equal(new byte[] { 5, 6, 7, 8 }, mirror.ReadBytes(0, 4));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, mirror.ReadBytes(2 * Page - 4, 4));
    }

    [Fact]
    public void The_size_is_aligned_up_and_the_mirror_is_a_listed_map()
    {
        using var mirror = MirroredMap.MapAnonymous(100, 3);
        Assert.Equal(Page, mirror.BlockSize);
        var listed = Assert.Single(MemoryMapRegistry.GetLiveMaps(), m => m.Id == mirror.Id);
        Assert.Equal(MapKind.Mirror, listed.Kind);
        Assert.Equal(3 * Page, listed.Size);
        Assert.Same(mirror, listed); // the registry lists the mirror itself, with its Times and BlockSize
        Assert.Equal(MapAccess.ReadWrite, listed.Access);
    }

    [Fact]
    public void A_tag_mirror_shares_memory_with_a_plain_map_of_the_tag()
    {
        string tag = _tags.New();
        using var mirror = MirroredMap.MapShared(tag, Page, 2);
        using var plain = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite });
        Assert.Equal(tag, mirror.Tag);
        Assert.Equal(Page, plain.Size);
        plain.Write<int>(16, 77);
        Assert.Equal(77, mirror.Read<int>(Page + 16));
        mirror.Write<int>(Page + 32, 88);
        Assert.Equal(88, plain.Read<int>(32));
    }

    [Fact]
    public void A_file_mirror_shows_the_file_in_every_copy_and_writes_reach_the_file()
    {
        using var dir = new TempDir();
        string path = dir.Pattern("m.bin", (int)Page);
        using (var mirror = MirroredMap.MapFile(path, Page, 3))
        {
            Assert.Equal(path, mirror.Path);
            for (int copy = 0; copy < 3; copy++)
                Assert.Equal(TempDir.PatternBytes((int)Page), mirror.ReadBytes(copy * Page, (int)Page));
            mirror.Write<byte>(2 * Page + 5, 0xEE);
            mirror.Flush();
            Expect.Error(MmapError.InvalidArgument, () => FileSizer.SetSize(path, 1)); // a mapped file is refused
        }
        Assert.Equal(0xEE, File.ReadAllBytes(path)[5]);
    }

    [Fact]
    public void A_file_mirror_with_write_access_creates_and_grows_the_file()
    {
        using var dir = new TempDir();
        string path = dir.File("new.bin");
        using var mirror = MirroredMap.MapFile(path, Page + 1);
        Assert.Equal(2 * Page, new FileInfo(path).Length);
        Expect.Error(MmapError.FileTooShort, () => MirroredMap.MapFile(dir.Pattern("short.bin", 10), Page, 2, new MapOptions { Access = MapAccess.Read }));
    }

    [Fact]
    public void A_mirror_never_overwrites_an_existing_mapping()
    {
        // A page in the way, in the middle of where the mirror would go.
        using var probe = MemoryMap.MapAnonymous(6 * Page);
        ulong start = (ulong)probe.Address.ToInt64();
        probe.Dispose();
        using var inTheWay = MemoryMap.MapAnonymous(Page, new MapOptions { Access = MapAccess.ReadWrite, Address = start + 3 * (ulong)Page });
        inTheWay.Write<ulong>(0, 0xC0FFEE);
        var e = Expect.Error(MmapError.OutOfMemory, () =>
            MirroredMap.MapAnonymous(2 * Page, 3, new MapOptions { Access = MapAccess.ReadWrite, Address = start }));
        Assert.Contains("already in use", e.Message);
        Assert.Equal(0xC0FFEEUL, inTheWay.Read<ulong>(0));
        // The same at the exact start of the page in the way.
        Expect.Error(MmapError.OutOfMemory, () =>
            MirroredMap.MapAnonymous(Page, 2, new MapOptions { Access = MapAccess.ReadWrite, Address = start + 3 * (ulong)Page }));
        Assert.Equal(0xC0FFEEUL, inTheWay.Read<ulong>(0));
    }

    [Fact]
    public void An_exact_free_address_is_honoured()
    {
        using var probe = MemoryMap.MapAnonymous(4 * Page);
        ulong free = (ulong)probe.Address.ToInt64();
        probe.Dispose();
        using var mirror = MirroredMap.MapAnonymous(2 * Page, 2, new MapOptions { Access = MapAccess.ReadWrite, Address = free });
        Assert.Equal((long)free, mirror.Address.ToInt64());
    }

    [Theory]
    [InlineData(0L, 2)]
    [InlineData(-1L, 2)]
    [InlineData(4096L, 1)]
    [InlineData(4096L, 0)]
    public void Bad_sizes_and_times_are_invalid_argument(long size, int times) =>
        Expect.Error(MmapError.InvalidArgument, () => MirroredMap.MapAnonymous(size, times));

    [Fact]
    public void Copy_on_write_cannot_mirror() =>
        Expect.Error(MmapError.InvalidArgument, () => MirroredMap.MapAnonymous(Page, 2, new MapOptions { Access = MapAccess.CopyOnWrite }));

    [Fact]
    public void Too_many_copies_overflow_to_out_of_memory() =>
        Expect.Error(MmapError.OutOfMemory, () => MirroredMap.MapAnonymous(1L << 40, 1 << 30));

    [Fact]
    public void Copy_numbers_outside_the_mirror_are_refused()
    {
        using var mirror = MirroredMap.MapAnonymous(Page);
        Expect.Error(MmapError.InvalidArgument, () => mirror.GetCopyAddress(2));
    }
}

/// <summary>Reads /proc/self/maps after freeing: nothing else may map meanwhile.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class MirrorLifetimeTests
{
    [SkippableFact]
    public void Freeing_a_mirror_frees_every_copy_and_the_reservation()
    {
        Skip.IfNot(Expect.IsLinux, "reads /proc/self/maps");
        var mirror = MirroredMap.MapAnonymous(PageInfo.Current.AllocationGranularity, 3);
        var copies = Enumerable.Range(0, 3).Select(mirror.GetCopyAddress).ToArray();
        Assert.All(copies, c => Assert.Contains("memfd:mmap-mirror", ProcSelf.MapsLineAt(c)));
        mirror.Dispose();
        mirror.Dispose(); // harmless
        Assert.True(mirror.IsDisposed);
        Assert.All(copies, c => Assert.Null(ProcSelf.MapsLineOutsideJitAt(c)));
        Assert.Throws<ObjectDisposedException>(() => mirror.Read<int>(0));
    }
}
