using Mmap;
using Mmap.Commands;
using Mmap.Commands.Policy;
using Mmap.Tests;

namespace Mmap.PowerShell.Tests.Policy;

public sealed class TagSelectionAndViewTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Tags _tags = new();

    public void Dispose()
    {
        _tags.Dispose();
        _dir.Dispose();
    }

    private MemoryMap Tagged(string tag) => MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 4096 });

    [Fact]
    public void ByTag_keeps_shared_maps_and_mirrors_of_matching_tags()
    {
        string t1 = _tags.New(), t2 = _tags.New();
        // A granule each: a mirror's block is one (64 KiB on Windows), and a Windows section keeps the size it was made with.
        long granule = PageInfo.Current.AllocationGranularity;
        using var a = MemoryMap.MapShared(t1, new MapOptions { Access = MapAccess.ReadWrite, Size = granule });
        using var b = MemoryMap.MapShared(t2, new MapOptions { Access = MapAccess.ReadWrite, Size = granule });
        using var mirror = MirroredMap.MapShared(t1, granule);
        using var anon = MemoryMap.MapAnonymous(4096);
        using var file = MemoryMap.MapFile(_dir.Pattern(t1, 10)); // a file named like the tag is no tag
        Func<string, bool> isT1 = t => t == t1;
        Assert.Equal([a, mirror], MapSelection.ByTag([a, b, mirror, anon, file], [isT1]));
        Assert.Equal([a, b, mirror], MapSelection.ByTag([a, b, mirror, anon, file], [_ => true]));
        Assert.Empty(MapSelection.ByTag([anon, file], [_ => true]));
    }

    [Fact]
    public void Completion_merges_the_os_list_with_live_tags_by_prefix()
    {
        string live = _tags.New();
        using var map = Tagged(live);
        var result = TagNames.Complete("mmap-t-", () => ["mmap-t-listed", "other"], [map]);
        Assert.Equal(new[] { "mmap-t-listed", live }.Order(StringComparer.Ordinal), result);
        Assert.Equal(["other"], TagNames.Complete("ot", () => ["mmap-t-listed", "other"], [map]));
        Assert.Equal(["other"], TagNames.Complete("'ot", () => ["other"], []));   // the user opened a quote
        Assert.Equal(["other"], TagNames.Complete("\"ot", () => ["other"], []));
        Assert.Equal(["a", "b"], TagNames.Complete(null, () => ["b", "a", "b"], []));
    }

    [Fact]
    public void Completion_without_an_os_list_offers_the_live_tags()
    {
        string live = _tags.New();
        using var map = Tagged(live);
        IReadOnlyList<string> NotSupported() => throw new MmapException(MmapError.NotSupported, "no list here");
        Assert.Equal([live], TagNames.Complete("", NotSupported, [map]));
    }

    [Fact]
    public void Completion_is_case_sensitive_where_tags_are() =>
        Assert.Equal(TagNames.IgnoreCase ? ["Board"] : [], TagNames.Complete("bo", () => ["Board"], []));

    [SkippableFact]
    public void Completion_lists_the_tags_in_dev_shm()
    {
        Skip.IfNot(Expect.IsLinux, "only Linux can list tags");
        string tag = _tags.New();
        using var map = Tagged(tag);
        map.Dispose();
        Assert.Equal([tag], TagNames.Complete(tag, SharedMemory.ListTags, MemoryMapRegistry.GetLiveMaps()));
    }

    [Theory]
    [InlineData("board", "board")]
    [InlineData("my-app_state.1", "my-app_state.1")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("$env", "'$env'")]
    [InlineData("-dash", "'-dash'")]
    [InlineData("a;b", "'a;b'")]
    public void Completions_are_quoted_when_PowerShell_would_split_or_expand_them(string tag, string text) =>
        Assert.Equal(text, TagNames.Quote(tag));

    [Fact]
    public void Write_wording_names_where_the_bytes_land()
    {
        long g = PageInfo.Current.AllocationGranularity;
        string path = _dir.Pattern("o.bin", (int)(2 * g));
        using var file = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Offset = g });
        using var tag = Tagged(_tags.New());
        using var mirror = MirroredMap.MapFile(_dir.File("m.bin"), g);
        Assert.Equal($"Write 5 bytes at map offset 16 (file offset {g + 16})", MapChanges.WriteAction(file, 5, 16));
        Assert.Equal("Write 5 bytes at map offset 16 (tag offset 16)", MapChanges.WriteAction(tag, 5, 16));
        Assert.Equal("Write 2 bytes at map offset " + (g + 3) + " (file offset 3)", MapChanges.WriteAction(mirror, 2, g + 3)); // copy 1 is the block
    }

    [Fact]
    public void Write_wording_names_no_backing_for_private_memory()
    {
        string path = _dir.Pattern("c.bin", 4096);
        using var cow = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.CopyOnWrite });
        using var anon = MemoryMap.MapAnonymous(4096, new MapOptions { Access = MapAccess.ReadWrite });
        using var anonMirror = MirroredMap.MapAnonymous(4096);
        Assert.Equal("Write 5 bytes at map offset 16 (a private copy: the file stays as it is)", MapChanges.WriteAction(cow, 5, 16));
        Assert.Equal("Write 5 bytes at map offset 16", MapChanges.WriteAction(anon, 5, 16));
        Assert.Equal("Write 1 byte at map offset 4097", MapChanges.WriteAction(anonMirror, 1, 4097));
        Assert.Equal(anon.Description, MapChanges.Target(anon));
    }

    [Fact]
    public void Verbose_lines_say_what_was_mapped_written_read_flushed_and_freed()
    {
        long g = PageInfo.Current.AllocationGranularity;
        string path = _dir.Pattern("v.bin", 4096);
        string tag = _tags.New();
        using var file = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        using var shared = Tagged(tag);
        using var anon = MemoryMap.MapAnonymous(1536);
        using var mirror = MirroredMap.MapAnonymous(1);
        Assert.Equal($"Mapped file '{path}' (ReadWrite, 4 KiB at 0x{file.Address.ToInt64():X}, map #{file.Id})", MapChanges.Mapped(file));
        Assert.Equal($"Mapped shared memory tag '{tag}' (ReadWrite, 4 KiB at 0x{shared.Address.ToInt64():X}, map #{shared.Id})", MapChanges.Mapped(shared));
        Assert.Equal($"Mapped anonymous memory (ReadWrite, 1.5 KiB at 0x{anon.Address.ToInt64():X}, map #{anon.Id})", MapChanges.Mapped(anon));
        Assert.Equal($"Mapped 2 copies of {ByteSize.ToText(g)} of anonymous memory (ReadWrite, {ByteSize.ToText(2 * g)} at 0x{mirror.Address.ToInt64():X}, map #{mirror.Id})",
            MapChanges.Mapped(mirror));
        Assert.Equal($"Wrote 5 bytes at offset 16 of map #{file.Id}", MapChanges.Wrote(file, 5, 16));
        Assert.Equal($"Read 3 bytes at offset 0 of map #{file.Id}", MapChanges.Read(file, 3, 0));
        Assert.Equal($"Flushed 4 KiB (4096 bytes) at offset 0 of map #{file.Id} (sync)", MapChanges.Flushed(file, 0, 4096, async: false));
        Assert.Equal($"Flushed 10 bytes at offset 100 of map #{file.Id} (async: the write-back has started)", MapChanges.Flushed(file, 100, 10, async: true));
        Assert.Equal($"Freed map #{anon.Id} (Anonymous, ReadWrite, 1.5 KiB)", MapChanges.Freed(anon, unlinked: false));
        Assert.Equal($"Freed map #{shared.Id} (Shared, ReadWrite, 4 KiB) and removed the name of tag '{tag}'", MapChanges.Freed(shared, unlinked: true));
        Assert.Equal("Free" + MapChanges.Freed(anon, unlinked: false)["Freed".Length..], MapChanges.FreeAction(anon)); // one wording, two tenses
    }

    [Fact]
    public void Views_show_hex_bounds_and_milliseconds()
    {
        Assert.Equal("0x80000000", ViewFormat.Hex(0x8000_0000UL));
        Assert.Equal("0xFFFFFFFFFFFFFFFF", ViewFormat.Hex(ulong.MaxValue));
        Assert.Equal("1.2 ms", ViewFormat.Milliseconds(TimeSpan.FromTicks(12_345)));
        Assert.Equal("1500.0 ms", ViewFormat.Milliseconds(TimeSpan.FromSeconds(1.5)));
    }

    [Theory]
    [InlineData(null, 0L, false)]             // nothing free below the limit
    [InlineData(null, 4096L, true)]           // something free, no size asked
    [InlineData(8192L, 4096L, false)]         // the size does not fit the largest block
    [InlineData(4096L, 4096L, true)]
    public void Quiet_answers_fits_or_any_free_space(long? size, long free, bool answer)
    {
        var regions = free == 0 ? new List<AddressRegion>() : [new AddressRegion(0x10000, 0x10000 + (ulong)free)];
        var report = new LowAddressReport(LowAddressProbe.DefaultLimit, regions, null, size, TimeSpan.Zero);
        Assert.Equal(answer, LowAddressQuestion.Answer(report));
    }

    [Fact]
    public void Quiet_with_a_size_looks_at_the_largest_block_not_the_total()
    {
        AddressRegion[] regions = [new(0x10000, 0x20000), new(0x30000, 0x40000)]; // 64 KiB twice
        var report = new LowAddressReport(LowAddressProbe.DefaultLimit, regions, null, 0x18000, TimeSpan.Zero);
        Assert.Equal(0x20000, report.TotalFreeBytes);
        Assert.False(LowAddressQuestion.Answer(report));
    }

    [SkippableFact]
    public void Quiet_answers_from_a_real_probe()
    {
        Skip.If(OperatingSystem.IsMacOS(), "the probe is not_supported on macOS");
        var report = LowAddressProbe.Run(LowAddressProbe.DefaultLimit, 4096);
        Assert.Equal(LowAddressProbe.DefaultLimit, report.Limit);
        Assert.Equal(4096, report.RequestedSize);
        Assert.Equal(report.TotalFreeBytes > 0, LowAddressQuestion.Answer(LowAddressProbe.Run(LowAddressProbe.DefaultLimit, null)));
    }
}
